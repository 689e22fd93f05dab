/**
 * The behaviours of botbuilder's storageBaseTests, as one suite any `Storage` must pass
 * (run against MemoryStorage and SqliteStorage in sqlite-storage.test.ts).
 */
import { ConversationState, TestAdapter, type Storage, type StoreItems } from 'botbuilder';
import { DialogSet, DialogTurnStatus, TextPrompt, WaterfallDialog } from 'botbuilder-dialogs';
import { describe, expect, it } from 'vitest';

type Item = { id: number; count?: number; eTag?: string };

async function readOne(storage: Storage, key: string): Promise<Item | undefined> {
  return (await storage.read([key]))[key] as Item | undefined;
}

/** Registers the shared storage tests under `name`; `makeStorage` returns a fresh, empty store per test. */
export function runStorageSuite(name: string, makeStorage: () => Storage | Promise<Storage>): void {
  describe(`Storage contract: ${name}`, () => {
    it('reads unknown keys as absent', async () => {
      const storage = await makeStorage();
      expect(await storage.read(['unknown'])).toEqual({});
      await storage.write({ known: { id: 1 } });
      expect(Object.keys(await storage.read(['known', 'unknown']))).toEqual(['known']);
    });

    it('rejects null keys and null changes with ReferenceError', async () => {
      const storage = await makeStorage();
      await expect(storage.read(null as unknown as string[])).rejects.toThrow(ReferenceError);
      await expect(storage.write(null as unknown as StoreItems)).rejects.toThrow(ReferenceError);
    });

    it('accepts an empty write', async () => {
      const storage = await makeStorage();
      await expect(storage.write({})).resolves.toBeUndefined();
      await expect(storage.write([] as unknown as StoreItems)).resolves.toBeUndefined();
    });

    it('creates items and gives each an eTag', async () => {
      const storage = await makeStorage();
      await storage.write({ createPoco: { id: 1 }, createPocoStoreItem: { id: 2, eTag: '*' } });
      const read = await storage.read(['createPoco', 'createPocoStoreItem']);
      expect(read.createPoco.id).toBe(1);
      expect(read.createPocoStoreItem.id).toBe(2);
      expect(typeof read.createPocoStoreItem.eTag).toBe('string');
      expect(read.createPocoStoreItem.eTag).not.toBe('*');
    });

    it('round-trips keys with punctuation, slashes, quotes and Chinese', async () => {
      const storage = await makeStorage();
      const key = '!@#$%^&*()_+??><":QASD~`/msteams/conversations/a\'b/用户';
      await storage.write({ [key]: { id: 1 } });
      expect((await readOne(storage, key))?.id).toBe(1);
    });

    it('returns copies: changing a read item does not change the store', async () => {
      const storage = await makeStorage();
      await storage.write({ copy: { id: 1, count: 1 } });
      const first = (await readOne(storage, 'copy'))!;
      first.count = 99;
      expect((await readOne(storage, 'copy'))?.count).toBe(1);
    });

    it('assigns a new eTag on every write', async () => {
      const storage = await makeStorage();
      await storage.write({ k: { id: 1 } });
      const a = (await readOne(storage, 'k'))!.eTag;
      await storage.write({ k: { id: 1 } });
      const b = (await readOne(storage, 'k'))!.eTag;
      expect(a).toBeTruthy();
      expect(b).toBeTruthy();
      expect(b).not.toBe(a);
    });

    it('updates: no eTag always wins, a stale eTag is rejected, "*" overwrites', async () => {
      const storage = await makeStorage();
      await storage.write({ pocoItem: { id: 1, count: 1 }, pocoStoreItem: { id: 1, count: 1 } });
      const loaded = await storage.read(['pocoItem', 'pocoStoreItem']);
      const pocoItem = loaded.pocoItem as Item;
      const pocoStoreItem = loaded.pocoStoreItem as Item;
      delete pocoItem.eTag;
      pocoItem.count = 2;
      pocoStoreItem.count = 2;
      await storage.write({ pocoItem, pocoStoreItem }); // matching eTag: accepted
      expect((await readOne(storage, 'pocoStoreItem'))?.count).toBe(2);

      pocoItem.count = 123;
      await storage.write({ pocoItem }); // no eTag: last writer wins
      pocoStoreItem.count = 123;
      await expect(storage.write({ pocoStoreItem })).rejects.toThrow(/eTag conflict/); // its eTag is stale now
      expect((await readOne(storage, 'pocoItem'))?.count).toBe(123);
      expect((await readOne(storage, 'pocoStoreItem'))?.count).toBe(2);

      await storage.write({ pocoStoreItem: { ...pocoStoreItem, count: 100, eTag: '*' } });
      expect((await readOne(storage, 'pocoStoreItem'))?.count).toBe(100);
    });

    it('deletes items and ignores unknown keys', async () => {
      const storage = await makeStorage();
      await storage.write({ delete1: { id: 1, count: 1 } });
      expect(await readOne(storage, 'delete1')).toBeDefined();
      await storage.delete(['delete1']);
      expect(await storage.read(['delete1'])).toEqual({});
      await expect(storage.delete(['unknown_key'])).resolves.toBeUndefined();
    });

    it('writes, reads and deletes a batch of three', async () => {
      const storage = await makeStorage();
      const keys = ['batch1', 'batch2', 'batch3'];
      await storage.write({ batch1: { id: 1 }, batch2: { id: 2 }, batch3: { id: 3 } });
      const read = await storage.read(keys);
      expect(keys.map((k) => (read[k] as Item).id)).toEqual([1, 2, 3]);
      expect(keys.every((k) => typeof read[k]?.eTag === 'string')).toBe(true);
      await storage.delete(keys);
      expect(await storage.read(keys)).toEqual({});
    });

    it('keeps a waterfall dialog with a validated prompt going across turns', async () => {
      const storage = await makeStorage();
      const convoState = new ConversationState(storage);
      const dialogs = new DialogSet(convoState.createProperty('dialogState'));
      dialogs.add(new TextPrompt('textPrompt', async (pc) => {
        if ((pc.recognized.value ?? '').length > 3) return true;
        await pc.context.sendActivity('Please send a name that is longer than 3 characters.');
        return false;
      }));
      dialogs.add(new WaterfallDialog('waterfall', [
        async (step) => { await step.context.sendActivity('step1'); return step.prompt('textPrompt', 'Please type your name.'); },
        async (step) => { await step.context.sendActivity(`step2 ${step.result}`); return step.prompt('textPrompt', 'Again?'); },
        async (step) => { await step.context.sendActivity(`step3 ${step.result}`); return step.endDialog(); },
      ]));
      const adapter = new TestAdapter(async (context) => {
        const dc = await dialogs.createContext(context);
        const result = await dc.continueDialog();
        if (result.status === DialogTurnStatus.empty) await dc.beginDialog('waterfall');
        await convoState.saveChanges(context);
      });
      await adapter
        .send('hello').assertReply('step1').assertReply('Please type your name.')
        .send('hi').assertReply('Please send a name that is longer than 3 characters.')
        .send('Alice').assertReply('step2 Alice').assertReply('Again?')
        .send('Bobby').assertReply('step3 Bobby')
        .startTest();
      // The state lives in the storage under ConversationState's key; the finished dialog left an empty stack.
      const key = 'test/conversations/Convo1/';
      const stored = (await storage.read([key]))[key] as { dialogState?: { dialogStack: unknown[] } } | undefined;
      expect(stored?.dialogState?.dialogStack).toEqual([]);
    });
  });
}
