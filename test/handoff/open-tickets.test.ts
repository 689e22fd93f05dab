/**
 * The store's in-memory mirror of open tickets must always say what the database says: after a mix of writes it
 * agrees with a store opened over another connection (another process), and it sees writes made through another
 * connection — on SQLite (two connections to one file) and PostgreSQL (two pools, LISTEN/NOTIFY).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createHandoffStore, type HandoffStore } from '../../src/handoff/handoff-store.js';
import { createHandoffRepository } from '../../src/storage/repositories/handoff-repository.js';
import type { SqlClient } from '../../src/storage/sql-client.js';
import { forEachBackend } from '../support/test-databases.js';
import { lawyer, makeHandoff, online, request } from './handoff-harness.js';


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

forEachBackend('open-ticket mirror', (backend) => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });
  /** The harness on one connection, and a store of "another process" on the other. */
  async function twoProcesses(lawyers: ReturnType<typeof lawyer>[]) {
    const { a, b, close } = await backend.openTwo();
    const h = await makeHandoff({ sql: a, lawyers });
    const fresh = createHandoffStore(createHandoffRepository(b), b);
    closers.push(async () => {
      await h.service.close();
      await fresh.close();
      await close();
    });
    return { h, fresh, other: b as SqlClient };
  }
  /** What a store shows once brought up to date with the database. */
  const current = async (store: HandoffStore, conversations: string[]) => {
    await store.refresh();
    return view(store, conversations);
  };

  it('agrees with a fresh read of the database after queueing, offers, acceptance, cancellation and a close', async () => {
    const { h, fresh } = await twoProcesses([lawyer('a', { capacity: 2 }), lawyer('b', { capacity: 1 })]);
    await online(h, 'a', 'b');
    const conversations = ['c1', 'c2', 'c3', 'c4', 'c5'];
    await request(h, 'c1');
    await request(h, 'c2', '我七十岁了，转人工');
    const emergency = (await request(h, 'c3', '他要杀我', { reason: 'emergency' })).ticket!;
    await request(h, 'c4');
    const c5 = (await request(h, 'c5')).ticket!;
    await h.service.lawyers.accept(h.service.store.byStatus('offered').find((t) => t.offeredTo === 'a')!.id, 'a');
    await h.service.citizens.message('directline', 'c4', '取消');
    h.clock.advance(30_000);
    await h.service.tick();
    expect((await h.service.store.getTicket(emergency.id))!.status).not.toBe('queued');
    expect(h.service.store.position(c5.id)).toBeGreaterThan(0);

    expect(view(h.service.store, conversations)).toEqual(await current(fresh, conversations));
    expect(view(h.service.store, conversations).active.filter(Boolean)).toHaveLength(4);
  });

  it('stays equal to the database through 300 random arrivals, offers, acceptances, cancellations and timeouts', async () => {
    const { h, fresh } = await twoProcesses([lawyer('a', { capacity: 3 }), lawyer('b', { capacity: 2 }), lawyer('c', { capacity: 1 })]);
    await online(h, 'a', 'b', 'c');
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
        await request(h, c, kind < 0.1 ? '他要杀我' : kind < 0.25 ? '我七十岁了，转人工' : '转人工', { reason: kind < 0.1 ? 'emergency' : 'citizen_request' });
      } else if (r < 0.6) {
        const offer = store.byStatus('offered')[Math.floor(random() * store.byStatus('offered').length)];
        if (offer) await h.service.lawyers.accept(offer.id, offer.offeredTo!).catch(() => undefined);
      } else if (r < 0.75) {
        await h.service.citizens.message('directline', conversations[Math.floor(random() * conversations.length)]!, '取消');
      } else if (r < 0.85) {
        const chat = store.byStatus('assigned')[0];
        if (chat) await h.service.lawyers.close(chat.id, { username: chat.lawyer!, role: 'lawyer' } as never, {});
      } else {
        h.clock.advance(31_000);
        await h.service.tick();
      }
      h.clock.advance(1 + Math.floor(random() * 3));
      if (step % 10 === 0) expect(view(h.service.store, conversations)).toEqual(await current(fresh, conversations));
    }
    expect(view(h.service.store, conversations)).toEqual(await current(fresh, conversations));
    expect(h.service.store.queue().length).toBeGreaterThan(5);
  });

  it('sees tickets, presence and roster changed by another connection', async () => {
    const { h, fresh } = await twoProcesses([lawyer('a')]);
    const { ticket } = await request(h, 'c1');
    expect(h.service.store.queue().map((t) => t.id)).toEqual([ticket!.id]);

    await fresh.refresh();
    await fresh.updateTicket(ticket!.id, { status: 'cancelled' }, { actor: 'test', event: 'cancelled' }, h.clock.now());
    await fresh.setPresence('a', 'busy', 1);
    await fresh.replaceRoster([], 'test', h.clock.now());
    // PostgreSQL announces the change (LISTEN/NOTIFY); SQLite has no such channel, and the next read of a
    // conversation's state (or any hand-off step) looks at the version first.
    await h.service.store.refresh();

    expect(h.service.store.queue()).toEqual([]);
    expect(h.service.store.activeFor('directline', 'c1')).toBeNull();
    expect(h.service.store.presence().get('a')?.status).toBe('busy');
    expect(h.service.roster()).toEqual([]);
  });

  it('lets exactly one of two processes accept the same offer', async () => {
    const { h, other } = await twoProcesses([lawyer('a', { capacity: 2 })]);
    await online(h, 'a');
    const second = await makeHandoff({ sql: other, clock: h.clock });
    closers.unshift(() => second.service.close());
    const { ticket } = await request(h, 'c1');
    expect(ticket!.status).toBe('offered');
    const results = await Promise.allSettled([h.service.lawyers.accept(ticket!.id, 'a'), second.service.lawyers.accept(ticket!.id, 'a')]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await second.service.store.offers(ticket!.id)).map((o) => o.outcome)).toEqual(['accepted']);
    expect((await second.service.store.auditLog(ticket!.id)).filter((e) => e.event === 'accepted')).toHaveLength(1);
  });

  it('runs a timeout once when two processes tick together', async () => {
    const { h, other } = await twoProcesses([lawyer('a'), lawyer('b')]);
    await online(h, 'a', 'b');
    const second = await makeHandoff({ sql: other, clock: h.clock });
    closers.unshift(() => second.service.close());
    const { ticket } = await request(h, 'c1');
    h.clock.advance(30_000);
    await Promise.all([h.service.tick(), second.service.tick()]);
    expect((await h.service.store.offers(ticket!.id)).map((o) => [o.lawyer, o.outcome])).toEqual([['a', 'missed'], ['b', 'pending']]);
    expect((await h.service.store.auditLog(ticket!.id)).filter((e) => e.event === 'offer_missed')).toHaveLength(1);
  });
});

describe('open-ticket mirror listeners', () => {
  it('tells listeners about queue changes but not about heartbeats', async () => {
    const h = await makeHandoff({ lawyers: [lawyer('a')] });
    let calls = 0;
    const off = h.service.store.onChange(() => { calls++; });
    await h.service.lawyers.setPresence('a', 'online');
    const afterPresence = calls;
    expect(afterPresence).toBeGreaterThan(0);
    await h.service.store.touch('a', h.clock.now() + 1);
    expect(calls).toBe(afterPresence);
    await request(h, 'c1');
    expect(calls).toBeGreaterThan(afterPresence);
    off();
    const before = calls;
    await request(h, 'c2');
    expect(calls).toBe(before);
  });
});
