/**
 * @module tools/bench/handoff
 * Hand-off latency on loopback: 200 citizens on the real Direct Line endpoints say 转人工 at once while 20
 * lawyer consoles poll GET /api/v1/handoff/queue back to back; the latency of a request is from the citizen's
 * POST to the first queue response that lists its ticket. Bounded by the counts and a 60 s deadline, in a temp
 * state directory removed at the end. Run alone: `node --import tsx src/tools/bench/handoff.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createAccountStore } from '../../accounts/account-store.js';
import { createLawline, type Lawline } from '../../assistant/lawline.js';
import { loadConfig } from '../../config/config.js';
import { handoffOf } from '../../handoff/mount-handoff.js';
import { toLawyer, type Lawyer } from '../../handoff/roster.js';
import { createLogger } from '../../logging/logger.js';
import { createApp } from '../../server/app.js';
import { openDatabase } from '../../storage/database.js';
import { summarise, type LatencySummary } from './stats.js';

export const HANDOFF_COUNTS = { citizens: 200, lawyers: 20, deadlineMs: 60_000 } as const;

export interface HandoffBenchResult {
  citizens: number;
  lawyers: number;
  seen: number;
  /** Citizen's POST 转人工 → first lawyer queue response listing the ticket. */
  latencyMs: LatencySummary;
  /** Citizen's POST 转人工 → the bot's reply (ticket opened, position told). */
  requestMs: LatencySummary;
  queuePolls: number;
  wallMs: number;
}

const progress = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

/** Runs the hand-off section over `lawline` (its data dir is reused; the state dir is a fresh temp folder). */
export async function benchHandoff(lawline: Lawline, counts = HANDOFF_COUNTS): Promise<HandoffBenchResult> {
  const stateDir = mkdtempSync(join(tmpdir(), 'lawline-bench-handoff-'));
  const app = createApp({ ...lawline, config: { ...lawline.config, LAWLINE_STATE_DIR: stateDir }, log: createLogger('error') });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const db = openDatabase(stateDir, 'lawline');
  try {
    progress(`hand-off: ${counts.lawyers} lawyers, ${counts.citizens} citizens`);
    const accounts = createAccountStore(db);
    const names = Array.from({ length: counts.lawyers }, (_, i) => `bench${i}`);
    const roster: Lawyer[] = names.map((username) => {
      const r = toLawyer({ username, name: username, licence: '14418201810000001', firm: 'bench', topics: ['*'], counties: ['*'], languages: ['mandarin'], capacity: 10, shifts: 'mon-sun 00:00-24:00' }, lawline.region);
      if ('errors' in r) throw new Error(r.errors.join('; '));
      return r.lawyer;
    });
    handoffOf(app)!.replaceRoster(roster, 'bench');
    const post = async (path: string, body: unknown, token?: string, method = 'POST') => {
      const res = await fetch(base + path, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<any>;
    };
    const tokens: string[] = [];
    for (const username of names) {
      await accounts.addUser({ username, password: `${username}-password`, role: 'lawyer' });
      const { token } = await post('/api/v1/auth/login', { username, password: `${username}-password` });
      await post('/api/v1/lawyers/me/presence', { status: 'online' }, token, 'PUT');
      tokens.push(token);
    }
    const citizens = await Promise.all(Array.from({ length: counts.citizens }, async () => {
      const res = await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return (await res.json()) as { conversationId: string; token: string };
    }));

    const seenAt = new Map<string, number>();
    let polls = 0;
    let done = false;
    const deadline = performance.now() + counts.deadlineMs;
    const consoles = tokens.map(async (token) => {
      while (!done && performance.now() < deadline) {
        const res = await fetch(`${base}/api/v1/handoff/queue`, { headers: { authorization: `Bearer ${token}` } });
        const body = (await res.json()) as { queue: Array<{ id: string }> };
        const now = performance.now();
        polls++;
        for (const t of body.queue) if (!seenAt.has(t.id)) seenAt.set(t.id, now);
      }
    });

    const started = performance.now();
    const sentAt = new Map<string, number>();
    const requestMs: number[] = [];
    await Promise.all(citizens.map(async (c) => {
      const t0 = performance.now();
      sentAt.set(c.conversationId, t0);
      await post(`/v3/directline/conversations/${c.conversationId}/activities`, { type: 'message', text: '转人工', from: { id: `dl_${c.conversationId}` } }, c.token);
      requestMs.push(performance.now() - t0);
    }));
    const service = handoffOf(app)!;
    const ticketOf = new Map(citizens.map((c) => [service.store.activeFor('directline', c.conversationId)?.id, c.conversationId]));
    while (performance.now() < deadline && [...ticketOf.keys()].some((id) => id && !seenAt.has(id))) await new Promise((r) => setTimeout(r, 5));
    done = true;
    await Promise.all(consoles);
    const latencies = [...ticketOf].flatMap(([id, conv]) => (id && seenAt.has(id) ? [seenAt.get(id)! - sentAt.get(conv)!] : []));
    return {
      citizens: counts.citizens, lawyers: counts.lawyers, seen: latencies.length,
      latencyMs: summarise(latencies), requestMs: summarise(requestMs), queuePolls: polls, wallMs: performance.now() - started,
    };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    handoffOf(app)?.stop();
    db.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');

/** The section as text lines for the bench report. */
export function formatHandoff(r: HandoffBenchResult): string {
  return [
    '', `Hand-off (loopback, ${r.citizens} citizens on Direct Line say 转人工 at once, ${r.lawyers} lawyer consoles polling the queue)`,
    `  request → lawyer queue shows it: p50 ${f(r.latencyMs.p50)} ms, p99 ${f(r.latencyMs.p99)} ms, max ${f(r.latencyMs.max)} ms (${r.seen}/${r.citizens} seen)`,
    `  request → citizen told the position: p50 ${f(r.requestMs.p50)} ms, p99 ${f(r.requestMs.p99)} ms`,
    `  ${r.queuePolls} queue polls in ${f(r.wallMs)} ms`, '',
  ].join('\n');
}

/** Runs the section and prints it (text, or one JSON object with `--json`). */
export async function runHandoffBench(lawline: Lawline, options: { json?: boolean } = {}): Promise<HandoffBenchResult> {
  const r = await benchHandoff(lawline);
  process.stdout.write(options.json ? `${JSON.stringify({ handoff: r }, null, 2)}\n` : `${formatHandoff(r)}\n`);
  return r;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const lawline = createLawline({ config: loadConfig(), log: createLogger('warn') });
  runHandoffBench(lawline, { json: process.argv.includes('--json') })
    .catch((err: unknown) => { process.stderr.write(`bench: ${(err as Error).stack}\n`); process.exitCode = 1; })
    .finally(() => lawline.close());
}
