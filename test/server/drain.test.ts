/**
 * The drain behind graceful shutdown (src/server/graceful-shutdown.ts): it waits for tracked work and requests in
 * flight, gives up at its deadline, refuses new requests with 503 once draining, and never waits for an event stream.
 */
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Drain } from '../../src/server/graceful-shutdown.js';
import { errorHandler } from '../../src/server/error-handler.js';
import { createLogger } from '../../src/logging/logger.js';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('Drain', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    server = undefined;
  });

  it('resolves once tracked work settles, and at once when idle', async () => {
    const drain = new Drain();
    const work = deferred();
    void drain.track(work.promise);
    let done = false;
    const drained = drain.drain(10_000).then((r) => { done = true; return r; });
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(false);
    expect(drain.inFlight).toBe(1);
    work.resolve();
    expect(await drained).toEqual({ drained: true, abandoned: 0 });
    expect(await new Drain().drain(10)).toEqual({ drained: true, abandoned: 0 });
  });

  it('counts failed work as settled too, and gives up at the deadline with what still runs', async () => {
    const drain = new Drain();
    await drain.track(Promise.reject(new Error('turn failed'))).catch(() => undefined);
    void drain.track(new Promise(() => undefined));
    expect(await drain.drain(20)).toEqual({ drained: false, abandoned: 1 });
  });

  it('waits for a request in flight, refuses new ones with 503 and Connection: close, and ignores event streams', async () => {
    const drain = new Drain();
    const app = express();
    const release = deferred();
    app.use(drain.requests());
    app.get('/slow', async (_req, res) => { await release.promise; res.json({ ok: true }); });
    app.get('/queue/stream', (_req, res) => { res.set('content-type', 'text/event-stream'); res.write(': open\n\n'); });
    app.get('/fast', (_req, res) => void res.json({ ok: true }));
    app.use(errorHandler(createLogger('silent')));
    server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server!.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const stream = await fetch(`${base}/queue/stream`);
    expect(stream.status).toBe(200);
    const slow = fetch(`${base}/slow`);
    while (drain.inFlight < 1) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(drain.inFlight).toBe(1); // the stream is not counted
    const drained = drain.drain(10_000);
    const refused = await fetch(`${base}/fast`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('connection')).toBe('close');
    expect(await refused.json()).toEqual({ error: 'the server is restarting; try again' });
    release.resolve();
    expect((await slow).status).toBe(200);
    expect(await drained).toEqual({ drained: true, abandoned: 0 });
    await stream.body?.cancel();
  });
});
