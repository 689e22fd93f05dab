/**
 * The push stream's duties that the real server cannot show on demand, over a response stand-in: a console whose
 * write buffer is full is skipped and gets the whole latest queue once it drains, then deltas again; a lawyer's stream refreshes last-seen;
 * the streams end when the database closes.
 */
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { createQueueStreams } from '../../src/handoff/queue-stream.js';
import { FakeResponse, fakeRequest as req, turn } from './fake-response.js';
import { lawyer, makeHandoff, online, request } from './handoff-harness.js';

describe('queue stream delivery', () => {
  it('skips a console whose buffer is full and sends it the whole latest queue after drain', async () => {
    const h = await makeHandoff({ lawyers: [lawyer('alice')] });
    const streams = createQueueStreams(h.service, createLogger('silent'), { minGapMs: 0 });
    const res = new FakeResponse();
    streams.open(req, res.asResponse, { username: 'alice', role: 'lawyer' });
    await request(h, 'c0');
    await turn();
    expect(res.events().map((e) => e.event)).toEqual(['queue', 'queue-delta']);
    res.full = true;
    (await request(h, 'c1')); // this delta fills the buffer
    await turn();
    for (let i = 2; i < 6; i++) (await request(h, `c${i}`));
    await turn();
    await turn();
    expect(res.events()).toHaveLength(3); // nothing while full
    res.full = false;
    res.emit('drain');
    await turn();
    const [, , , recovered] = res.events();
    expect(recovered!.event).toBe('queue');
    expect(recovered!.data.queue).toHaveLength(6);
    await request(h, 'c6');
    await turn();
    expect(res.events()[4]!.event).toBe('queue-delta'); // and deltas from there on
    expect(res.events()[4]!.data.upsert).toHaveLength(1);
    res.end();
    expect(streams.stats().open).toBe(0);
  });

  it('counts as the lawyer\'s sign of life and ends when the database closes', async () => {
    const h = await makeHandoff({ lawyers: [lawyer('alice')] });
    await online(h, 'alice');
    const streams = createQueueStreams(h.service, createLogger('silent'), { minGapMs: 0 });
    const res = new FakeResponse();
    h.clock.advance(60_000);
    streams.open(req, res.asResponse, { username: 'alice', role: 'lawyer' });
    expect(h.service.store.presence().get('alice')?.lastSeen).toBe(h.clock.now());

    const opening = request(h, 'c1'); // a push will be due once the ticket is written…
    await h.service.close(); // …but the module (and its database) is closed by then
    await opening;
    await turn();
    expect(res.writableEnded).toBe(true);
    expect(streams.stats().open).toBe(0);
  });
});
