/**
 * The shared queue snapshot behind the console's push stream says exactly what GET /handoff/queue says, for a
 * lawyer with an offer, one with a chat, one without either, an admin and an unknown name.
 */
import { describe, expect, it } from 'vitest';
import { lawyer, makeHandoff, online, request } from './handoff-harness.js';

describe('queue snapshot', () => {
  it('json(username) equals queue(username) for every kind of account', async () => {
    const h = makeHandoff({ lawyers: [lawyer('alice'), lawyer('Bob'), lawyer('carol')] });
    for (let i = 0; i < 6; i++) {
      request(h, `c${i}`, i === 2 ? '我是七十岁老人，老板拖欠工资' : '转人工');
      h.clock.advance(1000);
    }
    online(h, 'alice', 'Bob');
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

  it('keys change with what a console shows, not with the passing of time', () => {
    const h = makeHandoff({ lawyers: [lawyer('alice'), lawyer('bob')] });
    request(h, 'c1');
    const before = h.service.lawyers.queueSnapshot();
    h.clock.advance(5000);
    const later = h.service.lawyers.queueSnapshot();
    expect([later.shared, later.key('alice')]).toEqual([before.shared, before.key('alice')]);
    expect(later.json('alice')).not.toEqual(before.json('alice')); // the waiting time grew

    online(h, 'alice');
    const afterOffer = h.service.lawyers.queueSnapshot();
    expect(afterOffer.key('alice')).not.toEqual(later.key('alice'));
    expect(afterOffer.key('bob')).toEqual(later.key('bob'));
    request(h, 'c2');
    expect(h.service.lawyers.queueSnapshot().shared).not.toEqual(afterOffer.shared);
  });
});
