/**
 * The queue stream's deltas: a console that applies the first `queue` event and every `queue-delta` after it (with
 * its own code, public/staff/queue-stream.js) shows exactly GET /handoff/queue, but for the waiting times, through
 * arrivals, an emergency, a raised priority, offers, an accepted chat, a cancellation and a missed offer; an
 * ordinary arrival costs one item, and the passing of time costs nothing.
 */
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { createQueueStreams } from '../../src/handoff/queue-stream.js';
import { FakeResponse, fakeRequest, turn } from './fake-response.js';
import { lawyer, makeHandoff, online, request, type Harness } from './handoff-harness.js';
import { createQueueView } from './sse-client.js';

/** The queue view without the waiting times, which grow between two reads. */
const still = (q: any) => ({ ...q, queue: q.queue.map(({ waitingMs: _w, ...t }: any) => t) });

type Streams = ReturnType<typeof createQueueStreams>;
const streamsOf = (h: Harness) => createQueueStreams(h.service, createLogger('silent'), { minGapMs: 0 });

/** A console on `streams` whose events are applied to a queue view as the browser would. */
function watch(streams: Streams, username: string, role = 'lawyer') {
  const res = new FakeResponse();
  streams.open(fakeRequest, res.asResponse, { username, role });
  const view = createQueueView();
  let applied = 0;
  return {
    res,
    /** The queue events since the last call, applied to the view (chat notices are not part of the queue). */
    take() {
      const events = res.events().slice(applied).filter((e) => e.event !== 'chat');
      applied = res.events().length;
      for (const e of events) expect(view.apply(e.event, e.data)).toBe(true);
      return events;
    },
    shows: () => still(view.queue()),
  };
}

describe('queue deltas', () => {
  it('add up to GET /handoff/queue through arrivals, emergencies, offers, acceptance and cancellation', async () => {
    const h = await makeHandoff({ lawyers: [lawyer('alice'), lawyer('bob')] });
    const streams = streamsOf(h);
    const alice = watch(streams, 'alice');
    const admin = watch(streams, 'boss', 'admin');
    const bob = watch(streams, 'bob');
    const consoles = [['alice', alice], ['boss', admin], ['bob', bob]] as const;
    const check = async (step: string) => {
      await turn();
      for (const [who, c] of consoles) {
        c.take();
        expect(c.shows(), `${step}: ${who}`).toEqual(still(h.service.lawyers.queue(who)));
      }
    };
    expect(alice.take().map((e) => e.event)).toEqual(['queue']);
    admin.take();
    bob.take();

    for (let i = 0; i < 5; i++) {
      await request(h, `c${i}`, i === 2 ? '我是七十岁老人，老板拖欠工资' : '转人工');
      h.clock.advance(1000);
    }
    await check('arrivals');
    await request(h, 'e1', '他要打我', { reason: 'emergency' });
    await check('an emergency goes to the front');
    await h.service.citizens.message('directline', 'c4', '他要砍我');
    await check('a raised priority');
    await online(h, 'alice');
    await check('an offer to alice');
    const offer = h.service.store.queue().find((t) => t.offeredTo === 'alice')!;
    await h.service.lawyers.accept(offer.id, 'alice');
    await check('alice accepts (a chat of hers)');
    await h.service.citizens.message('directline', 'c1', '取消');
    await check('a citizen cancels');
    await online(h, 'bob');
    await check('an offer to bob');
    h.clock.advance(31_000);
    h.service.tick();
    await check('offers missed');
    await request(h, 'c9');
    await h.service.citizens.message('directline', 'c0', '取消');
    await check('an arrival and a cancellation in one push');
    expect(alice.shows().mine).toHaveLength(1);
    expect(alice.res.events().slice(1).filter((e) => e.event !== 'chat').every((e) => e.event === 'queue-delta')).toBe(true);
  });

  it('sends one item for an arrival, the order for a front insert, and nothing for the passing of time', async () => {
    const h = await makeHandoff({ lawyers: [lawyer('alice')] });
    for (let i = 0; i < 3; i++) (await request(h, `c${i}`));
    const alice = watch(streamsOf(h), 'alice');
    alice.take();

    await request(h, 'c3');
    await turn();
    const [arrival] = alice.take();
    expect(arrival!.event).toBe('queue-delta');
    expect(arrival!.data.upsert.map((t: any) => [t.position, t.status])).toEqual([[4, 'queued']]);
    expect(arrival!.data).toMatchObject({ remove: [], presence: 'offline' });
    expect(arrival!.data).not.toHaveProperty('order');
    expect(arrival!.data).not.toHaveProperty('mine');

    h.clock.advance(60_000);
    (await h.service.citizens.message('directline', 'c1', '还要等多久')); // a change the queue does not show
    await turn();
    expect(alice.take()).toEqual([]);

    const first = h.service.store.queue()[0]!.id;
    await request(h, 'e1', '他要打我', { reason: 'emergency' });
    await turn();
    const [front] = alice.take();
    expect(front!.data.upsert.map((t: any) => [t.position, t.priorityReason])).toEqual([[1, 'emergency']]);
    expect(front!.data.order).toEqual(h.service.store.queue().map((t) => t.id));
    expect(alice.shows().queue.find((t: any) => t.id === first).position).toBe(2);

    await h.service.citizens.message('directline', 'e1', '取消');
    await turn();
    const [gone] = alice.take();
    expect(gone!.data).toMatchObject({ upsert: [], remove: [front!.data.upsert[0].id] });
    expect(alice.shows().queue.map((t: any) => t.position)).toEqual([1, 2, 3, 4]);
  });
});
