/**
 * The store's in-memory mirror of open tickets must always say what SQLite says: after a mix of writes it
 * agrees with a store freshly opened on the same file, and it sees writes made by another connection.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandoffStore, type HandoffStore } from '../../src/handoff/handoff-store.js';
import { lawyer, makeHandoff, online, request } from './handoff-harness.js';

const dirs: string[] = [];
/** Writes by another connection show from the next turn of the event loop. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function fileDb(): { path: string; open(): Database.Database } {
  const dir = mkdtempSync(join(tmpdir(), 'lawline-open-tickets-'));
  dirs.push(dir);
  const path = join(dir, 'state.sqlite');
  return { path, open: () => { const db = new Database(path); db.pragma('journal_mode = WAL'); return db; } };
}

/** Everything the hot paths read, as plain data. */
function view(store: HandoffStore, conversations: string[]) {
  return {
    queue: store.queue().map((t) => [t.id, t.status, t.priority, t.offeredTo]),
    positions: store.queue().map((t) => store.position(t.id)),
    offered: store.byStatus('offered').map((t) => t.id),
    assignedToA: store.assignedTo('A').map((t) => t.id),
    loads: [...store.loads()].sort(),
    active: conversations.map((c) => store.activeFor('directline', c)?.id ?? null),
    tickets: conversations.map((c) => JSON.parse(JSON.stringify(store.activeFor('directline', c)))),
    presence: [...store.presence()].sort(),
  };
}

describe('open-ticket mirror', () => {
  it('agrees with a fresh read of the database after queueing, offers, acceptance, cancellation and a close', async () => {
    const file = fileDb();
    const h = makeHandoff({ db: file.open(), lawyers: [lawyer('a', { capacity: 2 }), lawyer('b', { capacity: 1 })] });
    online(h, 'a', 'b');
    const conversations = ['c1', 'c2', 'c3', 'c4', 'c5'];
    request(h, 'c1');
    request(h, 'c2', '我七十岁了，转人工');
    const emergency = request(h, 'c3', '他要杀我', { reason: 'emergency' }).ticket!;
    request(h, 'c4');
    const c5 = request(h, 'c5').ticket!;
    await h.service.lawyers.accept(h.service.store.byStatus('offered').find((t) => t.offeredTo === 'a')!.id, 'a');
    h.service.citizens.message('directline', 'c4', '取消');
    h.clock.advance(30_000);
    await h.service.tick();
    expect(h.service.store.getTicket(emergency.id)!.status).not.toBe('queued');
    expect(h.service.store.position(c5.id)).toBeGreaterThan(0);

    const fresh = createHandoffStore(file.open());
    expect(view(h.service.store, conversations)).toEqual(view(fresh, conversations));
    expect(view(h.service.store, conversations).active.filter(Boolean)).toHaveLength(4);
  });

  it('stays equal to the database through 300 random arrivals, offers, acceptances, cancellations and timeouts', async () => {
    const file = fileDb();
    const h = makeHandoff({ db: file.open(), lawyers: [lawyer('a', { capacity: 3 }), lawyer('b', { capacity: 2 }), lawyer('c', { capacity: 1 })] });
    online(h, 'a', 'b', 'c');
    const fresh = createHandoffStore(file.open());
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const conversations: string[] = [];
    for (let step = 0; step < 300; step++) {
      const r = random();
      const store = h.service.store;
      if (r < 0.4 || !conversations.length) {
        const c = `c${step}`;
        conversations.push(c);
        const kind = random();
        request(h, c, kind < 0.1 ? '他要杀我' : kind < 0.25 ? '我七十岁了，转人工' : '转人工', { reason: kind < 0.1 ? 'emergency' : 'citizen_request' });
      } else if (r < 0.6) {
        const offer = store.byStatus('offered')[Math.floor(random() * store.byStatus('offered').length)];
        if (offer) await h.service.lawyers.accept(offer.id, offer.offeredTo!).catch(() => undefined);
      } else if (r < 0.75) {
        h.service.citizens.message('directline', conversations[Math.floor(random() * conversations.length)]!, '取消');
      } else if (r < 0.85) {
        const chat = store.byStatus('assigned')[0];
        if (chat) await h.service.lawyers.close(chat.id, { username: chat.lawyer!, role: 'lawyer' } as never, {});
      } else {
        h.clock.advance(31_000);
        await h.service.tick();
      }
      h.clock.advance(1 + Math.floor(random() * 3));
      await nextTurn();
      expect(view(h.service.store, conversations)).toEqual(view(fresh, conversations));
    }
    expect(h.service.store.queue().length).toBeGreaterThan(5);
  });

  it('sees tickets, presence and roster changed by another connection', async () => {
    const file = fileDb();
    const h = makeHandoff({ db: file.open(), lawyers: [lawyer('a')] });
    const { ticket } = request(h, 'c1');
    expect(h.service.store.queue().map((t) => t.id)).toEqual([ticket!.id]);

    const other = file.open();
    other.prepare(`UPDATE handoff_tickets SET status = 'cancelled' WHERE id = ?`).run(ticket!.id);
    other.prepare(`INSERT INTO handoff_presence (username, status, last_seen) VALUES ('a', 'busy', 1)`).run();
    other.prepare('DELETE FROM handoff_lawyers').run();
    await nextTurn();

    expect(h.service.store.queue()).toEqual([]);
    expect(h.service.store.activeFor('directline', 'c1')).toBeNull();
    expect(h.service.store.presence().get('a')?.status).toBe('busy');
    expect(h.service.roster()).toEqual([]);
  });

  it('tells listeners about queue changes but not about heartbeats', () => {
    const h = makeHandoff({ lawyers: [lawyer('a')] });
    let calls = 0;
    const off = h.service.store.onChange(() => { calls++; });
    h.service.lawyers.setPresence('a', 'online');
    const afterPresence = calls;
    expect(afterPresence).toBeGreaterThan(0);
    h.service.store.touch('a', h.clock.now() + 1);
    expect(calls).toBe(afterPresence);
    request(h, 'c1');
    expect(calls).toBeGreaterThan(afterPresence);
    off();
    const before = calls;
    request(h, 'c2');
    expect(calls).toBe(before);
  });
});
