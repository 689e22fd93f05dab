/**
 * SIGTERM drains the turns in flight. A real server process gets a Bot Framework message whose reply goes to a
 * connector (a stand-in here) that holds the reply's request open, so the turn is certainly still running when
 * SIGTERM arrives. While it is held the process stops taking requests but does not exit; once the connector
 * answers, the turn finishes, its HTTP request is answered 200, the reply is in the transcript on disk, and the
 * process exits 0. A second case: with nothing in flight SIGTERM stops at once, and the grace period bounds a stuck turn.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLawlineState } from '../../src/server/lawline-state.js';
import { startLawline, type LawlineProcess } from '../cluster/lawline-process.js';
import { testConfig } from '../support/lawline.js';

/** A Bot Framework connector that keeps every reply's request waiting until `release`. */
async function holdingConnector() {
  const held: Array<{ body: any; res: ServerResponse }> = [];
  const received: any[] = [];
  let released = false;
  const answer = (res: ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"reply-1"}');
  const server: Server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      const body = JSON.parse(text || '{}');
      received.push(body);
      if (released) answer(res);
      else held.push({ body, res });
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held,
    received,
    /** Answers the held requests and every later one. */
    release() {
      released = true;
      for (const h of held.splice(0)) answer(h.res);
    },
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const exitOf = (p: LawlineProcess) => new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
  if (p.child.exitCode !== null || p.child.signalCode !== null) resolve({ code: p.child.exitCode, signal: p.child.signalCode });
  else p.child.once('exit', (code, signal) => resolve({ code, signal }));
});

const message = (serviceUrl: string, conversationId: string) => ({
  type: 'message', id: `act-${conversationId}`, channelId: 'test', serviceUrl, text: '公司拖欠工资怎么办', locale: 'zh-CN',
  from: { id: 'citizen-1', name: '市民' }, recipient: { id: 'lawline', name: 'lawline' }, conversation: { id: conversationId },
});

describe('graceful shutdown of a server process', () => {
  const cleanup: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it('lets a turn in flight at SIGTERM finish, answer and be written, refuses new requests meanwhile, then exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lawline-shutdown-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const connector = await holdingConnector();
    cleanup.push(() => connector.close());
    const server = await startLawline({ LAWLINE_STATE_DIR: dir, LAWLINE_SHUTDOWN_GRACE_MS: '60000' });
    cleanup.push(() => server.stop('SIGKILL'));

    const answered = fetch(`${server.base}/api/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message(connector.url, 'drain-1')),
    });
    // The turn has produced its reply and waits on the connector: it is in flight.
    await until('the reply to reach the connector', () => connector.held.length > 0);
    const exited = exitOf(server);
    server.child.kill('SIGTERM');
    await until('the server to log the drain', () => server.logs.some((l) => l.includes('draining turns in flight')));

    // New requests are refused (no listener any more, or 503 on a kept-alive connection) while the turn is held.
    const refused = await fetch(`${server.base}/healthz`).then((r) => r.status, () => 'connection refused');
    expect(refused).not.toBe(200);
    expect(server.child.exitCode).toBeNull();

    connector.release();
    const res = await answered;
    expect(res.status).toBe(200);
    expect(await exited).toEqual({ code: 0, signal: null });
    const sent = connector.received.map((a) => a.text as string | undefined).filter((t): t is string => !!t);
    expect(sent.length).toBeGreaterThan(0);

    // The reply the citizen got is in the transcript on disk.
    const state = await openLawlineState(testConfig({ LAWLINE_STATE_DIR: dir }));
    try {
      const transcript = await state.transcripts.getTranscriptActivities('test', 'drain-1');
      const texts = transcript.items.map((a) => a.text ?? '');
      for (const text of sent) expect(texts).toContain(text);
      expect(transcript.items.some((a) => a.text === '公司拖欠工资怎么办')).toBe(true);
    } finally {
      await state.close();
    }
    expect(server.logs.some((l) => l.includes('"stopped"') && l.includes('"drained":true'))).toBe(true);
  }, 240_000);

  it('stops after the grace period when a turn never finishes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lawline-shutdown-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const connector = await holdingConnector();
    cleanup.push(() => connector.close());
    const server = await startLawline({ LAWLINE_STATE_DIR: dir, LAWLINE_SHUTDOWN_GRACE_MS: '500' });
    cleanup.push(() => server.stop('SIGKILL'));

    void fetch(`${server.base}/api/messages`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message(connector.url, 'stuck-1')),
    }).catch(() => undefined);
    await until('the reply to reach the connector', () => connector.held.length > 0);
    const exited = exitOf(server);
    server.child.kill('SIGTERM');
    // Never released: the grace period ends the wait, the database still closes cleanly.
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(server.logs.some((l) => l.includes('grace period over'))).toBe(true);
  }, 240_000);
});
