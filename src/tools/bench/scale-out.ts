/**
 * @module tools/bench/scale-out
 * The scale-out section of `npm run bench`, on a PostgreSQL of its own (postgres-cluster.ts):
 * - the cost of a bot turn (a Direct Line message and the bot's answer, state and transcript written) with the
 *   state in PostgreSQL against SQLite, in this process;
 * - one lawline process against `lawline serve --workers 2`, both on PostgreSQL: ask throughput over loopback HTTP,
 *   and the hand-off burst (200 citizens, 20 lawyer consoles; handoff.ts) at p50/p99.
 * Every loop has a fixed count; each run gets a fresh schema, dropped at the end.
 * Run alone (over ./data or LAWLINE_DATA_DIR, built by a start of lawline): `node --import tsx src/tools/bench/scale-out.ts`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { createAccountStore } from '../../accounts/account-store.js';
import { createLawline } from '../../assistant/lawline.js';
import { loadConfig } from '../../config/config.js';
import type { Lawline } from '../../assistant/lawline.js';
import { REPO_ROOT } from '../../config/paths.js';
import { createHandoffStore } from '../../handoff/handoff-store.js';
import { createLogger } from '../../logging/logger.js';
import { closeApp, createApp } from '../../server/app.js';
import { openLawlineState } from '../../server/lawline-state.js';
import { openStateDatabase } from '../../storage/open-state-database.js';
import { createAccountRepository } from '../../storage/repositories/account-repository.js';
import { createHandoffRepository } from '../../storage/repositories/handoff-repository.js';
import { cycle, readFixtureTexts } from './fixtures.js';
import { benchRoster, HANDOFF_COUNTS, runHandoffLoad, type HandoffBenchResult } from './handoff.js';
import { loadAsk, type HttpLoadResult } from './http-load.js';
import { freePort } from './free-port.js';
import { benchPostgres } from './postgres-cluster.js';
import { summarise, type LatencySummary } from './stats.js';

export const SCALE_OUT_COUNTS = { turns: 300, askTurns: 60, askWarmup: 30, asks: 600, askClients: 16 } as const;

export interface TurnCost { backend: 'sqlite' | 'postgres'; cheap: LatencySummary; answered: LatencySummary }
export interface ServingRun { workers: number; ask: HttpLoadResult; handoff: HandoffBenchResult; startMs: number }
export type ScaleOutResult = { postgres: string; turns: TurnCost[]; runs: ServingRun[] } | { skipped: string };

const progress = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);
const SECRET = 'bench-token-secret-shared-by-every-process';

/** Sequential Direct Line turns against an app in this process with the given state database. */
async function turnCost(lawline: Lawline, backend: TurnCost['backend'], env: Record<string, string>): Promise<TurnCost> {
  progress(`bot turns on ${backend}: ${SCALE_OUT_COUNTS.turns} short, ${SCALE_OUT_COUNTS.askTurns} answered`);
  // Hundreds of turns in one conversation, far above a citizen's rate: the abuse limit is off for this measurement.
  const config = { ...lawline.config, ...env, LAWLINE_RATE_LIMIT_PER_MINUTE: 0 } as Lawline['config'];
  const state = await openLawlineState(config, { retention: false });
  const app = await createApp({ ...lawline, config, log: createLogger('error') }, state);
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3/directline`;
  try {
    const started = await (await fetch(`${base}/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json() as { conversationId: string; token: string };
    const say = async (text: string) => {
      const t = performance.now();
      const res = await fetch(`${base}/conversations/${started.conversationId}/activities`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${started.token}` },
        body: JSON.stringify({ type: 'message', text, from: { id: 'bench' } }),
      });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`turn failed: ${res.status}`);
      return performance.now() - t;
    };
    for (let i = 0; i < 20; i++) await say('谢谢');
    const cheap: number[] = [];
    for (let i = 0; i < SCALE_OUT_COUNTS.turns; i++) cheap.push(await say(i % 2 ? '谢谢' : '你好'));
    const answered: number[] = [];
    for (let i = 0; i < SCALE_OUT_COUNTS.askTurns; i++) answered.push(await say('公司拖欠我三个月工资怎么办'));
    return { backend, cheap: summarise(cheap), answered: summarise(answered) };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await closeApp(app);
    await state.close();
  }
}

/** CPU time (ms) of processes, from /proc (Linux). */
function cpuMsOf(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      // gone
    }
  }
  return ticks * 10; // 100 ticks a second on Linux
}

/** Starts one server process or `serve --workers N`, resolving when every worker listens. */
async function startServing(workers: number, env: Record<string, string>): Promise<{ base: string; pids: number[]; child: ChildProcess; startMs: number }> {
  const port = await freePort();
  const t = performance.now();
  const args = workers === 1
    ? ['--import', 'tsx', join(REPO_ROOT, 'src', 'server', 'main.ts')]
    : ['--import', 'tsx', join(REPO_ROOT, 'src', 'cli', 'main.ts'), 'serve', '--workers', String(workers)];
  const child = spawn(process.execPath, args, { cwd: REPO_ROOT, env: { ...process.env, ...env, PORT: String(port), LAWLINE_LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const pids: number[] = [];
  const logs: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`servers did not start:\n${logs.slice(-20).join('\n')}`)), 300_000);
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        if (logs.length < 200) logs.push(line);
        if (!line.includes('"lawline listening"')) return;
        pids.push(Number(/"pid":(\d+)/.exec(line)?.[1]));
        if (pids.length === workers) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`servers exited (${code}):\n${logs.slice(-20).join('\n')}`)); });
  });
  return { base: `http://127.0.0.1:${port}`, pids, child, startMs: performance.now() - t };
}

async function servingRun(lawline: Lawline, workers: number, url: string, dataDir: string, askTexts: string[]): Promise<ServingRun> {
  progress(`${workers === 1 ? 'one process' : `${workers} workers`} on PostgreSQL: starting`);
  // The ask load comes from one IP, far above a citizen's rate: the abuse limit is off for this measurement.
  const env = { LAWLINE_DATABASE_URL: url, LAWLINE_DATA_DIR: dataDir, LAWLINE_TOKEN_SECRET: SECRET, LAWLINE_RATE_LIMIT_PER_MINUTE: '0' };
  const serving = await startServing(workers, env);
  const sql = await openStateDatabase({ url, dir: tmpdir(), poolSize: 2 });
  try {
    progress(`ask over HTTP: ${SCALE_OUT_COUNTS.askClients} clients ×${SCALE_OUT_COUNTS.asks}`);
    await loadAsk(serving.base, cycle(askTexts, SCALE_OUT_COUNTS.askWarmup * workers), SCALE_OUT_COUNTS.askClients);
    const ask = await loadAsk(serving.base, cycle(askTexts, SCALE_OUT_COUNTS.asks), SCALE_OUT_COUNTS.askClients);
    const accounts = createAccountStore(createAccountRepository(sql));
    const handoffRepo = createHandoffRepository(sql);
    const store = createHandoffStore(handoffRepo, sql);
    const handoff = await runHandoffLoad({
      base: serving.base,
      addLawyer: async (username) => void (await accounts.addUser({ username, password: `${username}-password`, role: 'lawyer' })),
      replaceRoster: (roster) => store.replaceRoster(roster, 'bench', Date.now()),
      ticketIdFor: async (conversationId) => (await handoffRepo.ticketIdsFor('directline', conversationId))[0],
      cpuMs: () => cpuMsOf(serving.pids),
    }, benchRoster(lawline, HANDOFF_COUNTS.lawyers), HANDOFF_COUNTS);
    await store.close();
    return { workers, ask, handoff, startMs: serving.startMs };
  } finally {
    await sql.close();
    serving.child.kill('SIGTERM');
    await new Promise((resolve) => (serving.child.exitCode === null ? serving.child.once('exit', resolve) : resolve(undefined)));
  }
}

/** Runs the section; skipped (with the reason) when no PostgreSQL can be had. */
export async function benchScaleOut(lawline: Lawline, dataDir: string, askTexts: string[]): Promise<ScaleOutResult> {
  const postgres = await benchPostgres();
  if ('unavailable' in postgres) return { skipped: postgres.unavailable };
  const sqliteDir = mkdtempSync(join(tmpdir(), 'lawline-bench-turns-'));
  try {
    const turns = [
      await turnCost(lawline, 'sqlite', { LAWLINE_STATE_DIR: sqliteDir }),
      await turnCost(lawline, 'postgres', { LAWLINE_DATABASE_URL: await postgres.freshDatabase() }),
    ];
    const runs: ServingRun[] = [];
    for (const workers of [1, 2]) runs.push(await servingRun(lawline, workers, await postgres.freshDatabase(), dataDir, askTexts));
    return { postgres: postgres.origin, turns, runs };
  } finally {
    rmSync(sqliteDir, { recursive: true, force: true });
    await postgres.stop();
  }
}

const f = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');

/** The section as text lines for the bench report. */
export function formatScaleOut(r: ScaleOutResult): string {
  if ('skipped' in r) return `\nScale-out (PostgreSQL): skipped — ${r.skipped}\n`;
  const [sqlite, postgres] = r.turns;
  const lines = ['', `Scale-out (state in ${r.postgres}; loopback)`];
  for (const t of r.turns) {
    lines.push(`  bot turn on ${t.backend}: short message p50 ${f(t.cheap.p50)} ms, p99 ${f(t.cheap.p99)} ms; answered question p50 ${f(t.answered.p50)} ms, p99 ${f(t.answered.p99)} ms`);
  }
  if (sqlite && postgres) lines.push(`  PostgreSQL − SQLite per turn (p50): short ${f(postgres.cheap.p50 - sqlite.cheap.p50)} ms, answered ${f(postgres.answered.p50 - sqlite.answered.p50)} ms`);
  for (const run of r.runs) {
    const label = run.workers === 1 ? 'one process' : `serve --workers ${run.workers}`;
    lines.push(`  ${label} (ready in ${f(run.startMs / 1000)} s): ask ${f(run.ask.perSecond)}/s with ${run.ask.concurrency} clients (p50 ${f(run.ask.latencyMs.p50)} ms, p99 ${f(run.ask.latencyMs.p99)} ms, ${run.ask.failed} failed)`);
    for (const [name, b] of [['first', run.handoff.cold], ['second', run.handoff.warm]] as const) {
      lines.push(`    hand-off ${name} burst: request → console p50 ${f(b.latencyMs.p50)} ms, p99 ${f(b.latencyMs.p99)} ms (${b.seen}/${run.handoff.citizens} seen); request → citizen told p99 ${f(b.requestMs.p99)} ms`);
    }
    lines.push(`    server CPU during the hand-off load: ${f(run.handoff.serverCpuMs)} ms`);
  }
  return `${lines.join('\n')}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const lawline = createLawline({ config: loadConfig(), log: createLogger('warn') });
  benchScaleOut(lawline, lawline.config.LAWLINE_DATA_DIR, readFixtureTexts('ask-dev.jsonl'))
    .then((r) => process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify(r, null, 2)}\n` : formatScaleOut(r)))
    .catch((err: unknown) => { process.stderr.write(`bench: ${(err as Error).stack}\n`); process.exitCode = 1; })
    .finally(() => lawline.close());
}
