/**
 * The activity log and the websocket hub on their own: seq numbering, watermarks, backlog replay in pages,
 * heartbeats, and sockets of other conversations staying quiet.
 */
import Database from 'better-sqlite3';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createConversationStore, parseWatermark } from '../../../src/channels/directline/conversation-store.js';
import { createStreamHub, type StreamHub } from '../../../src/channels/directline/stream-hub.js';
import { createTokenService } from '../../../src/channels/directline/token-service.js';
import { createLogger } from '../../../src/logging/logger.js';

const store = createConversationStore(new Database(':memory:'));
const tokens = createTokenService(store.signingKey());
let hub: StreamHub;
let server: Server;
let wsBase: string;

beforeAll(async () => {
  hub = createStreamHub({ store, tokens, log: createLogger('silent'), heartbeatMs: 30 });
  server = createServer();
  server.on('upgrade', (req, socket, head) => hub.handleUpgrade(req, socket, head) || socket.destroy());
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  wsBase = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/v3/directline/conversations`;
});
afterAll(async () => {
  hub.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

/** Opens a stream and collects its frames; `next(n)` resolves once n non-empty frames arrived. */
function openStream(conversationId: string, watermark?: string) {
  const query = new URLSearchParams({ t: tokens.issue(conversationId).token, ...(watermark ? { watermark } : {}) });
  const ws = new WebSocket(`${wsBase}/${conversationId}/stream?${query}`);
  const frames: string[] = [];
  const listeners: Array<() => void> = [];
  ws.on('message', (data) => {
    frames.push(String(data));
    listeners.forEach((l) => l());
  });
  const until = (test: () => boolean) =>
    new Promise<void>((resolve) => {
      if (test()) return resolve();
      listeners.push(() => test() && resolve());
    });
  const sets = () => frames.filter(Boolean).map((f) => JSON.parse(f) as { activities: Array<{ id: string; text: string }>; watermark: string });
  const opened = new Promise<void>((resolve) => ws.once('open', () => resolve()));
  return { ws, frames, sets, until, opened };
}

describe('conversation store', () => {
  it('numbers activities per conversation and pages them by watermark', () => {
    const a = store.create();
    const b = store.create();
    const first = store.append(a.id, [{ type: 'message', text: 'x' }, { type: 'message', text: 'y' }]);
    store.append(b.id, [{ type: 'message', text: 'other' }]);
    const more = store.append(a.id, [{ type: 'message', text: 'z' }]);
    expect(first.activities.map((x) => x.id)).toEqual([`${a.id}|0000000`, `${a.id}|0000001`]);
    expect(first.watermark).toBe('1');
    expect(more.activities[0]!.id).toBe(`${a.id}|0000002`);
    expect(store.after(a.id, '0').activities.map((x) => x.text)).toEqual(['y', 'z']);
    expect(store.after(a.id, '2')).toEqual({ activities: [], watermark: '2' });
    expect(store.after(a.id, undefined, 2)).toMatchObject({ watermark: '1' });
    expect(parseWatermark('abc')).toBe(-1);
    expect(() => store.append('missing', [{ type: 'message' }])).toThrow(/unknown Direct Line conversation/);
  });
});

describe('stream hub', () => {
  it('replays after the watermark, then pushes new activities to that conversation only, with heartbeats', async () => {
    const a = store.create();
    const b = store.create();
    store.append(a.id, [{ type: 'message', text: 'one' }, { type: 'message', text: 'two' }]);
    const streamA = openStream(a.id, '0');
    const streamB = openStream(b.id);
    await Promise.all([streamA.opened, streamB.opened]);
    await streamA.until(() => streamA.sets().length === 1);
    expect(streamA.sets()[0]!.activities.map((x) => x.text)).toEqual(['two']);

    hub.publish(a.id, store.append(a.id, [{ type: 'message', text: 'three' }]));
    await streamA.until(() => streamA.sets().length === 2);
    expect(streamA.sets()[1]).toMatchObject({ watermark: '2', activities: [{ text: 'three' }] });

    await streamB.until(() => streamB.frames.length >= 2);
    expect(streamB.frames.every((f) => f === '')).toBe(true);
    expect(hub.count(a.id)).toBe(1);
    streamA.ws.close();
    streamB.ws.close();
  });

  it('replays a long backlog in pages without losing any activity', async () => {
    const a = store.create();
    const texts = Array.from({ length: 1203 }, (_, i) => `m${i}`);
    store.append(a.id, texts.map((text) => ({ type: 'message', text })));
    const stream = openStream(a.id);
    await stream.until(() => stream.sets().reduce((n, s) => n + s.activities.length, 0) >= texts.length);
    expect(stream.sets().flatMap((s) => s.activities.map((x) => x.text))).toEqual(texts);
    expect(stream.sets().at(-1)!.watermark).toBe('1202');
    stream.ws.close();
  });
});
