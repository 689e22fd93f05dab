/**
 * The activity log and the websocket hub on their own: seq numbering, watermarks, backlog replay in pages,
 * heartbeats, sockets of other conversations staying quiet, and appends made through another connection (another
 * process) reaching a socket — on SQLite and on PostgreSQL.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createConversationStore, parseWatermark, type ConversationStore } from '../../../src/channels/directline/conversation-store.js';
import { createStreamHub, type StreamHub } from '../../../src/channels/directline/stream-hub.js';
import { createTokenService, type TokenService } from '../../../src/channels/directline/token-service.js';
import { createLogger } from '../../../src/logging/logger.js';

import type { SqlClient } from '../../../src/storage/sql-client.js';
import { createPostgresClient } from '../../../src/storage/postgres/postgres-client.js';
import { forEachBackend } from '../../support/test-databases.js';

forEachBackend('Direct Line log and stream hub', (backend) => {
  let sql: SqlClient;
  let other: SqlClient | undefined;
  let store: ConversationStore;
  let tokens: TokenService;
  let hub: StreamHub;
  let server: Server;
  let wsBase: string;

  beforeAll(async () => {
    sql = await backend.open();
    store = createConversationStore(sql);
    tokens = createTokenService(await store.signingKey());
    hub = createStreamHub({ store, tokens, log: createLogger('silent'), heartbeatMs: 30, events: sql });
    server = createServer();
    server.on('upgrade', (req, socket, head) => hub.handleUpgrade(req, socket, head) || socket.destroy());
    server.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', resolve));
    wsBase = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/v3/directline/conversations`;
  });
  afterAll(async () => {
    hub.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await other?.close();
    await sql.close();
  });

  /** Opens a stream and collects its frames; `until(test)` resolves once the frames pass it. */
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

  it('numbers activities per conversation and pages them by watermark', async () => {
    const a = await store.create();
    const b = await store.create();
    const first = await store.append(a.id, [{ type: 'message', text: 'x' }, { type: 'message', text: 'y' }]);
    await store.append(b.id, [{ type: 'message', text: 'other' }]);
    const more = await store.append(a.id, [{ type: 'message', text: 'z' }]);
    expect(first.activities.map((x) => x.id)).toEqual([`${a.id}|0000000`, `${a.id}|0000001`]);
    expect(first.watermark).toBe('1');
    expect(more.activities[0]!.id).toBe(`${a.id}|0000002`);
    expect((await store.after(a.id, '0')).activities.map((x) => x.text)).toEqual(['y', 'z']);
    expect(await store.after(a.id, '2')).toEqual({ activities: [], watermark: '2' });
    expect(await store.after(a.id, undefined, 2)).toMatchObject({ watermark: '1' });
    expect(parseWatermark('abc')).toBe(-1);
    await expect(store.append('missing', [{ type: 'message' }])).rejects.toThrow(/unknown Direct Line conversation/);
  });

  it('never gives two concurrent appends the same seq', async () => {
    const a = await store.create();
    const sets = await Promise.all(Array.from({ length: 20 }, (_, i) => store.append(a.id, [{ type: 'message', text: `m${i}` }, { type: 'message', text: `n${i}` }])));
    const ids = sets.flatMap((set) => set.activities.map((x) => x.id));
    expect(new Set(ids).size).toBe(40);
    expect((await store.after(a.id, undefined)).activities).toHaveLength(40);
  });

  it('keeps one signing key for every connection', async () => {
    expect((await store.signingKey()).equals(await createConversationStore(sql).signingKey())).toBe(true);
  });

  it('replays after the watermark, then pushes new activities to that conversation only, with heartbeats', async () => {
    const a = await store.create();
    const b = await store.create();
    await store.append(a.id, [{ type: 'message', text: 'one' }, { type: 'message', text: 'two' }]);
    const streamA = openStream(a.id, '0');
    const streamB = openStream(b.id);
    await Promise.all([streamA.opened, streamB.opened]);
    await streamA.until(() => streamA.sets().length === 1);
    expect(streamA.sets()[0]!.activities.map((x) => x.text)).toEqual(['two']);

    hub.publish(a.id, await store.append(a.id, [{ type: 'message', text: 'three' }]));
    await streamA.until(() => streamA.sets().length === 2);
    expect(streamA.sets()[1]).toMatchObject({ watermark: '2', activities: [{ text: 'three' }] });

    await streamB.until(() => streamB.frames.length >= 2);
    expect(streamB.frames.every((f) => f === '')).toBe(true);
    expect(hub.count(a.id)).toBe(1);
    streamA.ws.close();
    streamB.ws.close();
  });

  it('replays a long backlog in pages without losing any activity', async () => {
    const a = await store.create();
    const texts = Array.from({ length: 1203 }, (_, i) => `m${i}`);
    await store.append(a.id, texts.map((text) => ({ type: 'message', text })));
    const stream = openStream(a.id);
    await stream.until(() => stream.sets().reduce((n, s) => n + s.activities.length, 0) >= texts.length);
    expect(stream.sets().flatMap((s) => s.activities.map((x) => x.text))).toEqual(texts);
    expect(stream.sets().at(-1)!.watermark).toBe('1202');
    stream.ws.close();
  });

  it('sends a socket what another process appended, once and in order', async () => {
    // Another process: its own connection (PostgreSQL) or, for SQLite's one process, its own hub.
    const elsewhere = backend.name === 'postgres' ? (other = await createPostgresClient((sql as SqlClient & { url: string }).url)) : sql;
    const otherStore = createConversationStore(elsewhere);
    const otherHub = createStreamHub({ store: otherStore, tokens, log: createLogger('silent'), events: elsewhere });
    const a = await store.create();
    const stream = openStream(a.id);
    await stream.opened;
    for (let i = 0; i < 5; i++) otherHub.publish(a.id, await otherStore.append(a.id, [{ type: 'message', text: `from B ${i}` }]));
    await stream.until(() => stream.sets().reduce((n, s) => n + s.activities.length, 0) >= 5);
    expect(stream.sets().flatMap((s) => s.activities.map((x) => x.text))).toEqual([0, 1, 2, 3, 4].map((i) => `from B ${i}`));
    otherHub.close();
    stream.ws.close();
  });

});
