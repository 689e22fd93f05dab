/**
 * @module tools/bench/handoff
 * Hand-off latency on loopback: 20 lawyer consoles hold the queue's push stream open (GET
 * /api/v1/handoff/queue/stream) and 200 citizens on the real Direct Line endpoints say 转人工 at once, both from a
 * second process (handoff-load.ts); the latency of a request is from the citizen's POST to the first queue event
 * that lists its ticket at any console. Two bursts: the first meets a server that has not run a hand-off since it
 * started (cold); its citizens then cancel, and 200 other citizens do the same again (warm). Bounded by the counts and a 60 s deadline, in a temp state directory
 * removed at the end. Run alone: `node --import tsx src/tools/bench/handoff.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../../config/paths.js';
import type { LoadTimings } from './handoff-load.js';
import { createLawline, type Lawline } from '../../assistant/lawline.js';
import { loadConfig } from '../../config/config.js';
import { handoffOf } from '../../handoff/mount-handoff.js';
import { queueStreamsOf } from '../../handoff/queue-stream.js';
import { toLawyer, type Lawyer } from '../../handoff/roster.js';
import { createLogger } from '../../logging/logger.js';
import { closeApp, createApp } from '../../server/app.js';
import { openLawlineState } from '../../server/lawline-state.js';
import { summarise, type LatencySummary } from './stats.js';

export const HANDOFF_COUNTS = { citizens: 200, lawyers: 20, deadlineMs: 60_000 } as const;

/** One burst of citizens saying 转人工 at once. */
export interface HandoffBurst {
  seen: number;
  /** Citizen's POST 转人工 → first queue event listing the ticket at any console. */
  latencyMs: LatencySummary;
  /** Citizen's POST 转人工 → the bot's reply (ticket opened, position told). */
  requestMs: LatencySummary;
  /** The bot's reply → the first queue event listing the ticket (negative: the console knew first). */
  afterReplyMs: LatencySummary;
  /** How long the load process took to put its last request on the wire (included in the latencies). */
  sendDelayMs: number;
}

export interface HandoffBenchResult {
  citizens: number;
  lawyers: number;
  /** The first burst after the server started, then a second one once the first has cancelled. */
  cold: HandoffBurst;
  warm: HandoffBurst;
  /** Queue events the consoles received (the whole queue on connect included), of those the deltas, and the bytes. */
  queuePushes: number;
  queueDeltas: number;
  bytesReceived: number;
  /** Push rounds the server ran (one snapshot each, shared by all consoles) and their total time. */
  serverSnapshots: number;
  serverPushMs: number;
  /** Bytes of the events the server wrote. */
  serverBytes: number;
  /** CPU time of the server process (user + system) while the load ran, which includes spawning the load process. */
  serverCpuMs: number;
  /** CPU time of the load process (user + system), its start-up included. */
  loadCpuMs: number;
  wallMs: number;
}

const progress = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

/** Runs handoff-load.ts in a child process with `plan` on stdin; resolves with its timings. */
function runLoadProcess(plan: object): Promise<LoadTimings> {
  const script = fileURLToPath(new URL('./handoff-load.ts', import.meta.url));
  const tsx = pathToFileURL(join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsx, script], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { out += chunk; });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as LoadTimings) : reject(new Error(`handoff load process exited with ${code}`))));
    child.stdin.end(JSON.stringify(plan));
  });
}

/** A server the hand-off load runs against: this process's app, or lawline processes sharing a database. */
export interface HandoffTarget {
  base: string;
  /** Makes a lawyer account (a password `<username>-password`). */
  addLawyer(username: string): Promise<void>;
  replaceRoster(roster: Lawyer[]): Promise<void>;
  /** The first ticket a Direct Line conversation had. */
  ticketIdFor(conversationId: string): Promise<string | undefined>;
  /** What the server's push streams did (only for a server in this process). */
  pushStats?(): { snapshots: number; pushMs: number; bytes: number } | undefined;
  /** CPU time (ms) of the server process(es) so far. */
  cpuMs(): number;
}

/** The bench's 20 duty lawyers, on duty around the clock for every topic and county. */
export function benchRoster(lawline: Pick<Lawline, 'region'>, count: number): Lawyer[] {
  return Array.from({ length: count }, (_, i) => {
    const r = toLawyer({ username: `bench${i}`, name: `bench${i}`, licence: '14418201810000001', firm: 'bench', topics: ['*'], counties: ['*'], languages: ['mandarin'], capacity: 10, shifts: 'mon-sun 00:00-24:00' }, lawline.region);
    if ('errors' in r) throw new Error(r.errors.join('; '));
    return r.lawyer;
  });
}

/** Runs the hand-off load (two bursts) against `target`. */
export async function runHandoffLoad(target: HandoffTarget, roster: Lawyer[], counts: { citizens: number; deadlineMs: number }): Promise<HandoffBenchResult> {
  const { base } = target;
  progress(`hand-off: ${roster.length} lawyers, ${counts.citizens} citizens on ${base}`);
  await target.replaceRoster(roster);
  const post = async (path: string, body: unknown, token?: string, method = 'POST') => {
    const res = await fetch(base + path, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json() as Promise<any>;
  };
  const tokens: string[] = [];
  for (const { username } of roster) {
    await target.addLawyer(username);
    const { token } = await post('/api/v1/auth/login', { username, password: `${username}-password` });
    await post('/api/v1/lawyers/me/presence', { status: 'online' }, token, 'PUT');
    tokens.push(token);
  }
  const conversations = () => Promise.all(Array.from({ length: counts.citizens }, async () => {
    const res = await fetch(`${base}/v3/directline/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    return (await res.json()) as { conversationId: string; token: string };
  }));
  const bursts = [await conversations(), await conversations()];

  // The clients run in a second process, as a real load generator would, so they do not share the server's core.
  const plan = { base, bursts, lawyerTokens: tokens, deadlineMs: counts.deadlineMs };
  const cpuBefore = target.cpuMs();
  const load = await runLoadProcess(plan);
  const serverCpuMs = target.cpuMs() - cpuBefore;
  const pushed = target.pushStats?.();
  const ticketIds = new Map<string, string | undefined>();
  for (const c of bursts.flat()) ticketIds.set(c.conversationId, await target.ticketIdFor(c.conversationId));
  const burst = (citizens: Array<{ conversationId: string }>, requestMs: number[], sendDelayMs: number): HandoffBurst => {
    const seen = citizens.flatMap((c) => {
      const id = ticketIds.get(c.conversationId);
      const at = id ? load.seenAt[id] : undefined;
      return at === undefined ? [] : [{ at, conversation: c.conversationId }];
    });
    const latencies = seen.map((s) => s.at - load.sentAt[s.conversation]!);
    const afterReply = seen.flatMap((s) => (load.repliedAt[s.conversation] === undefined ? [] : [s.at - load.repliedAt[s.conversation]!]));
    return { seen: latencies.length, latencyMs: summarise(latencies), requestMs: summarise(requestMs), afterReplyMs: summarise(afterReply), sendDelayMs };
  };
  return {
    citizens: counts.citizens, lawyers: roster.length,
    cold: burst(bursts[0]!, load.requestMs[0] ?? [], load.sendDelayMs[0] ?? NaN), warm: burst(bursts[1]!, load.requestMs[1] ?? [], load.sendDelayMs[1] ?? NaN), queuePushes: load.pushes,
    queueDeltas: load.deltas, bytesReceived: load.bytes,
    serverSnapshots: pushed?.snapshots ?? NaN, serverPushMs: pushed?.pushMs ?? NaN, serverBytes: pushed?.bytes ?? NaN,
    serverCpuMs, loadCpuMs: load.cpuMs, wallMs: load.wallMs,
  };
}

/** Runs the hand-off section over `lawline` in this process (its data dir is reused; the state dir is a fresh temp folder). */
export async function benchHandoff(lawline: Lawline, counts = HANDOFF_COUNTS): Promise<HandoffBenchResult> {
  const stateDir = mkdtempSync(join(tmpdir(), 'lawline-bench-handoff-'));
  const config = { ...lawline.config, LAWLINE_STATE_DIR: stateDir };
  const state = await openLawlineState(config);
  const app = await createApp({ ...lawline, config, log: createLogger('error') }, state);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  try {
    const service = handoffOf(app)!;
    return await runHandoffLoad({
      base,
      addLawyer: async (username) => void (await state.accounts.addUser({ username, password: `${username}-password`, role: 'lawyer' })),
      replaceRoster: (roster) => service.replaceRoster(roster, 'bench'),
      ticketIdFor: async (conversationId) => (await service.store.ticketIdsFor('directline', conversationId))[0],
      pushStats: () => queueStreamsOf(service)?.stats(),
      cpuMs: cpu,
    }, benchRoster(lawline, counts.lawyers), counts);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await closeApp(app);
    await state.close();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');

/** The section as text lines for the bench report. */
export function formatHandoff(r: HandoffBenchResult): string {
  return [
    '', `Hand-off (loopback, ${r.citizens} citizens on Direct Line say 转人工 at once, ${r.lawyers} lawyer consoles on the queue push stream; target: p99 < 1000 ms)`,
    ...([['first burst after start', r.cold], ['second burst', r.warm]] as const).flatMap(([label, b]) => [
      `  ${label}: request → a lawyer console is pushed it: p50 ${f(b.latencyMs.p50)} ms, p99 ${f(b.latencyMs.p99)} ms, max ${f(b.latencyMs.max)} ms (${b.seen}/${r.citizens} seen)`,
      `    request → citizen told the position: p50 ${f(b.requestMs.p50)} ms, p99 ${f(b.requestMs.p99)} ms; told → console pushed: p50 ${f(b.afterReplyMs.p50)} ms, p99 ${f(b.afterReplyMs.p99)} ms; the load process had sent every request after ${f(b.sendDelayMs)} ms`,
    ]),
    `  ${r.queuePushes} queue events (${r.queueDeltas} deltas, ${f(r.bytesReceived / 1024)} KB) received in ${f(r.wallMs)} ms`,
    ...(Number.isFinite(r.serverSnapshots) ? [`  server: ${r.serverSnapshots} push rounds, ${f(r.serverPushMs)} ms building, diffing and writing them, ${f(r.serverBytes / 1024)} KB written`] : []),
    `  server CPU while the load ran: ${f(r.serverCpuMs)} ms (${f(r.serverCpuMs / (2 * r.citizens))} ms per hand-off request; the cancels and the load process start-up included); load process CPU: ${f(r.loadCpuMs)} ms`, '',
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
