/**
 * The behaviours of botbuilder's transcript store base tests (bad arguments, logging, ordering, paging with
 * continuation tokens, the start date, listing and deleting), as one suite any `TranscriptStore` must pass
 * (MemoryTranscriptStore, and SqlTranscriptStore on SQLite and PostgreSQL in sql-transcript-store.test.ts).
 * Tokens are opaque: a page is full when a token follows, and paging stops when none is returned.
 */
import {
  ActivityTypes,
  TestAdapter,
  TranscriptLoggerMiddleware,
  type Activity,
  type PagedResult,
  type TranscriptStore,
} from 'botbuilder';
import { describe, expect, it } from 'vitest';

/** Both stores use botbuilder's page size. */
export const PAGE_SIZE = 20;
const T0 = Date.UTC(2024, 5, 1, 8, 0, 0);
const MINUTE = 60_000;

/** A user or bot message in `conversationId` at T0 + `minutes`. */
export function message(conversationId: string, n: number, minutes = n, channelId = 'test'): Activity {
  const user = n % 2 === 0;
  return {
    type: ActivityTypes.Message,
    id: `${conversationId}-${n}`,
    text: user ? `问题${n}：工资被拖欠怎么办？` : `回答${n}`,
    channelId,
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: user ? { id: 'citizen', name: '', role: 'user' } : { id: 'lawline', name: 'lawline', role: 'bot' },
    recipient: user ? { id: 'lawline', name: 'lawline' } : { id: 'citizen', name: '' },
    timestamp: new Date(T0 + minutes * MINUTE),
    serviceUrl: 'urn:test',
  } as Activity;
}

// MemoryTranscriptStore throws synchronously where an async store rejects; both count as refusing.
async function refusal(call: () => unknown): Promise<string> {
  try {
    await call();
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

async function allActivities(store: TranscriptStore, conversationId: string, startDate?: Date, channelId = 'test') {
  const pages: Activity[][] = [];
  let token: string | undefined;
  do {
    const page: PagedResult<Activity> = await store.getTranscriptActivities(channelId, conversationId, token, startDate);
    expect(page.items.length).toBeLessThanOrEqual(PAGE_SIZE);
    if (page.continuationToken) expect(page.items).toHaveLength(PAGE_SIZE);
    pages.push(page.items);
    token = page.continuationToken;
    expect(pages.length).toBeLessThan(100); // a token that never runs out is a bug, not a long transcript
  } while (token);
  return { pages, items: pages.flat() };
}

/** Registers the shared transcript tests under `name`; `makeStore` returns a fresh, empty store per test. */
export function runTranscriptStoreSuite(name: string, makeStore: () => TranscriptStore | Promise<TranscriptStore>): void {
  describe(`TranscriptStore contract: ${name}`, () => {
    it('refuses missing arguments', async () => {
      const store = await makeStore();
      expect(await refusal(() => store.logActivity(null as unknown as Activity))).toMatch(/activity/i);
      expect(await refusal(() => store.getTranscriptActivities('', 'c'))).toMatch(/Missing channelId/);
      expect(await refusal(() => store.getTranscriptActivities('test', ''))).toMatch(/Missing conversationId/);
      expect(await refusal(() => store.listTranscripts(''))).toMatch(/Missing channelId/);
      expect(await refusal(() => store.deleteTranscript('', 'c'))).toMatch(/Missing channelId/);
      expect(await refusal(() => store.deleteTranscript('test', ''))).toMatch(/Missing conversationId/);
    });

    it('reads nothing for unknown channels and conversations, and deleting them is no error', async () => {
      const store = await makeStore();
      expect(await store.getTranscriptActivities('test', 'nobody')).toEqual({ items: [], continuationToken: undefined });
      expect((await store.listTranscripts('test')).items).toEqual([]);
      await store.logActivity(message('known', 0));
      expect((await store.getTranscriptActivities('test', 'nobody')).items).toEqual([]);
      expect((await store.getTranscriptActivities('other-channel', 'known')).items).toEqual([]);
      expect((await store.listTranscripts('other-channel')).items).toEqual([]);
      await expect(Promise.resolve(store.deleteTranscript('test', 'nobody'))).resolves.toBeUndefined();
    });

    it('logs an activity and reads it back whole', async () => {
      const store = await makeStore();
      const activity = message('conv-1', 0);
      await store.logActivity({ ...activity });
      const { items, continuationToken } = await store.getTranscriptActivities('test', 'conv-1');
      expect(continuationToken).toBeFalsy();
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({ id: activity.id, type: 'message', text: activity.text, from: activity.from, conversation: activity.conversation });
      expect(new Date(items[0]!.timestamp!).getTime()).toBe(activity.timestamp!.getTime());
    });

    it('orders activities by timestamp, keeping logging order for equal timestamps', async () => {
      const store = await makeStore();
      for (const n of [3, 0, 2, 1]) await store.logActivity(message('conv', n));
      await store.logActivity(message('conv', 10, 5));
      await store.logActivity(message('conv', 11, 5));
      await store.logActivity(message('conv', 12, 5));
      const { items } = await store.getTranscriptActivities('test', 'conv');
      expect(items.map((a) => a.id)).toEqual(['conv-0', 'conv-1', 'conv-2', 'conv-3', 'conv-10', 'conv-11', 'conv-12']);
    });

    it('keeps channels and conversations apart, including ids with punctuation and Chinese', async () => {
      const store = await makeStore();
      const odd = "a|b/c'd\"e?f=用户-会话";
      await store.logActivity(message(odd, 0));
      await store.logActivity(message('plain', 1));
      await store.logActivity(message(odd, 2, 2, 'directline'));
      expect((await store.getTranscriptActivities('test', odd)).items.map((a) => a.id)).toEqual([`${odd}-0`]);
      expect((await store.getTranscriptActivities('directline', odd)).items.map((a) => a.id)).toEqual([`${odd}-2`]);
    });

    it('pages 50 activities 20 at a time with continuation tokens, in order, without repeats', async () => {
      const store = await makeStore();
      // Logged out of order so paging must follow the timestamps, not the insertion order.
      const ns = Array.from({ length: 50 }, (_, i) => (i * 7) % 50);
      for (const n of ns) await store.logActivity(message('paged', n));
      const first = await store.getTranscriptActivities('test', 'paged');
      expect(first.items).toHaveLength(PAGE_SIZE);
      expect(first.continuationToken).toBeTruthy();
      const { pages, items } = await allActivities(store, 'paged');
      expect(pages.slice(0, 3).map((p) => p.length)).toEqual([20, 20, 10]);
      expect(items.map((a) => a.id)).toEqual(Array.from({ length: 50 }, (_, n) => `paged-${n}`));
    });

    it('pages activities that share one timestamp without losing or repeating any', async () => {
      const store = await makeStore();
      for (let n = 0; n < 45; n++) await store.logActivity(message('same-time', n, 0));
      const { items } = await allActivities(store, 'same-time');
      expect(items.map((a) => a.id)).toEqual(Array.from({ length: 45 }, (_, n) => `same-time-${n}`));
    });

    it('reads from a start date on, paging within it', async () => {
      const store = await makeStore();
      for (let n = 0; n < 50; n++) await store.logActivity(message('dated', n));
      const start = new Date(T0 + 10 * MINUTE);
      const { items } = await allActivities(store, 'dated', start);
      expect(items.map((a) => a.id)).toEqual(Array.from({ length: 40 }, (_, i) => `dated-${i + 10}`));
      expect((await store.getTranscriptActivities('test', 'dated', undefined, new Date(T0 + 60 * MINUTE))).items).toEqual([]);
    });

    it('lists 50 conversations by their first activity, paged, each once', async () => {
      const store = await makeStore();
      // Logged newest conversation first, so the listing must follow the start times.
      for (let c = 49; c >= 0; c--) {
        await store.logActivity(message(`list-${c}`, 0, c));
        await store.logActivity(message(`list-${c}`, 1, c + 60));
      }
      await store.logActivity(message('elsewhere', 0, 0, 'wechat'));
      const seen: Array<{ channelId: string; id: string; created: Date }> = [];
      let token: string | undefined;
      do {
        const page = await store.listTranscripts('test', token);
        expect(page.items.length).toBeLessThanOrEqual(PAGE_SIZE);
        seen.push(...page.items);
        token = page.continuationToken;
      } while (token);
      expect(seen.map((t) => t.id)).toEqual(Array.from({ length: 50 }, (_, c) => `list-${c}`));
      expect(seen.every((t) => t.channelId === 'test')).toBe(true);
      expect(new Date(seen[7]!.created).getTime()).toBe(T0 + 7 * MINUTE);
    });

    it('deletes one conversation and leaves the others', async () => {
      const store = await makeStore();
      for (let n = 0; n < 3; n++) {
        await store.logActivity(message('gone', n));
        await store.logActivity(message('kept', n));
      }
      await store.deleteTranscript('test', 'gone');
      expect((await store.getTranscriptActivities('test', 'gone')).items).toEqual([]);
      expect((await store.getTranscriptActivities('test', 'kept')).items).toHaveLength(3);
      expect((await store.listTranscripts('test')).items.map((t) => t.id)).toEqual(['kept']);
    });

    it("keeps a whole conversation through botbuilder's TranscriptLoggerMiddleware", async () => {
      const store = await makeStore();
      const adapter = new TestAdapter(async (context) => {
        await context.sendActivity(`收到：${context.activity.text}`);
        await context.sendActivity('还有别的问题吗？');
      }).use(new TranscriptLoggerMiddleware(store));
      await adapter.send('老板拖欠工资').assertReply('收到：老板拖欠工资').assertReply('还有别的问题吗？')
        .send('谢谢').assertReply('收到：谢谢').assertReply('还有别的问题吗？')
        .startTest();
      const conversationId = adapter.conversation.conversation.id;
      const { items } = await store.getTranscriptActivities('test', conversationId);
      expect(items.map((a) => [a.from.role ?? 'bot', a.text])).toEqual([
        ['user', '老板拖欠工资'], ['bot', '收到：老板拖欠工资'], ['bot', '还有别的问题吗？'],
        ['user', '谢谢'], ['bot', '收到：谢谢'], ['bot', '还有别的问题吗？'],
      ]);
    });
  });
}
