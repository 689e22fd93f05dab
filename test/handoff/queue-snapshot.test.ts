/**
 * The shared queue snapshot behind the console's push stream says exactly what GET /handoff/queue says, for a
 * lawyer with an offer, one with a chat, one without either, an admin and an unknown name; an unchanged ticket
 * keeps its body string, which is what makes diffing it per console cheap.
 */
import { describe, expect, it } from 'vitest';
import { lawyer, makeHandoff, online, request } from './handoff-harness.js';

describe('queue snapshot', () => {
  it('json(username) equals queue(username) for every kind of account', async () => {
    const h = await makeHandoff({ lawyers: [lawyer('alice'), lawyer('Bob'), lawyer('carol')] });
    for (let i = 0; i < 6; i++) {
      await request(h, `c${i}`, i === 2 ? '我是七十岁老人，老板拖欠工资' : '转人工');
      h.clock.advance(1000);
    }
    await online(h, 'alice', 'Bob');
    const offered = h.service.store.queue().filter((t) => t.offeredTo);
    expect(offered.map((t) => t.offeredTo?.toLowerCase()).sort()).toEqual(['alice', 'bob']);
    await h.service.lawyers.accept(offered.find((t) => t.offeredTo === 'alice')!.id, 'alice');
    h.clock.advance(2500);

    const snapshot = h.service.lawyers.queueSnapshot();
    for (const who of ['alice', 'bob', 'BOB', 'carol', 'admin', 'nobody']) {
      expect(JSON.parse(snapshot.json(who)), who).toEqual(h.service.lawyers.queue(who));
    }
    const bob = h.service.lawyers.queue('bob');
    expect(bob.queue.filter((t) => t.offeredToMe)).toHaveLength(1);
    expect(h.service.lawyers.queue('alice').mine).toHaveLength(1);
  });

  it('hands out the same body string while a ticket is unchanged, whatever the waiting time', async () => {
    const h = await makeHandoff({ lawyers: [lawyer('alice'), lawyer('bob')] });
    await request(h, 'c1');
    await request(h, 'c2');
    const before = h.service.lawyers.queueSnapshot();
    h.clock.advance(5000);
    const later = h.service.lawyers.queueSnapshot();
    expect(later.ids).toEqual(before.ids);
    expect(later.bodies.every((b, i) => Object.is(b, before.bodies[i]))).toBe(true);
    expect(later.json('alice')).not.toEqual(before.json('alice')); // the waiting time grew

    await online(h, 'alice');
    const offered = h.service.lawyers.queueSnapshot();
    expect(offered.bodies[0]).not.toEqual(later.bodies[0]); // now "offered"
    expect(Object.is(offered.bodies[1], later.bodies[1])).toBe(true);
    expect([...offered.offers('ALICE').keys()]).toEqual([offered.ids[0]]);
    expect(offered.offers('bob').size).toBe(0);
    expect(JSON.parse(offered.item(0, 'alice'))).toEqual(h.service.lawyers.queue('alice').queue[0]);
  });
});
