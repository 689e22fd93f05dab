/**
 * The push stream's duties that the real server cannot show on demand, over a response stand-in: a console whose
 * write buffer is full is skipped and gets the latest queue once it drains; a lawyer's stream refreshes last-seen;
 * the streams end when the database closes.
 */
import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging/logger.js';
import { createQueueStreams } from '../../src/handoff/queue-stream.js';
import { lawyer, makeHandoff, online, request } from './handoff-harness.js';

/** A response whose write() answers `full` (true: the buffer is over its mark); it keeps what was written. */
class FakeResponse extends EventEmitter {
  full = false;
  writableEnded = false;
  socket = { end: () => {} };
  written: string[] = [];
  writeHead() { return this; }
  write(text: string) { this.written.push(text); return !this.full; }
  end() { this.writableEnded = true; this.emit('close'); }
  events() { return this.written.filter((w) => w.startsWith('event: queue')).map((w) => JSON.parse(w.slice(w.indexOf('data: ') + 6))); }
}

const turn = () => new Promise((resolve) => setImmediate(resolve));
const req = { socket: {} } as unknown as Request;

describe('queue stream delivery', () => {
  it('skips a console whose buffer is full and sends it the latest queue after drain', async () => {
    const h = makeHandoff({ lawyers: [lawyer('alice')] });
    const streams = createQueueStreams(h.service, createLogger('silent'), { minGapMs: 0 });
    const res = new FakeResponse();
    res.full = true;
    streams.open(req, res as unknown as Response, { username: 'alice', role: 'lawyer' });
    expect(res.events()).toHaveLength(1); // the snapshot, which filled the buffer
    for (let i = 0; i < 5; i++) request(h, `c${i}`);
    await turn();
    await turn();
    expect(res.events()).toHaveLength(1); // nothing while full
    res.full = false;
    res.emit('drain');
    await turn();
    expect(res.events()).toHaveLength(2);
    expect(res.events()[1].queue).toHaveLength(5);
    res.end();
    expect(streams.stats().open).toBe(0);
  });

  it('counts as the lawyer\'s sign of life and ends when the database closes', async () => {
    const h = makeHandoff({ lawyers: [lawyer('alice')] });
    online(h, 'alice');
    const streams = createQueueStreams(h.service, createLogger('silent'), { minGapMs: 0 });
    const res = new FakeResponse();
    h.clock.advance(60_000);
    streams.open(req, res as unknown as Response, { username: 'alice', role: 'lawyer' });
    expect(h.service.store.presence().get('alice')?.lastSeen).toBe(h.clock.now());

    request(h, 'c1'); // a push is due on the next turn…
    h.db.close(); // …but the database is gone by then
    await turn();
    expect(res.writableEnded).toBe(true);
    expect(streams.stats().open).toBe(0);
  });
});
