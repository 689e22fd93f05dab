/**
 * @module tools/soak
 * `npm run soak [-- --minutes 10 --clients 6 --sample-seconds 10 --json report.json]`: runs a real lawline server
 * on a throw-away SQLite database and sends it mixed traffic from several clients on loopback for a bounded time
 * (10 minutes by default; LAWLINE_SOAK_MINUTES too): asks, eligibility checks, Direct Line chats, signed WeChat
 * messages, pre-applications in the chat, and whole hand-offs with duty lawyers at their consoles (accept, reply,
 * close, rating). It samples the server's RSS, heap, open file descriptors and database size, reports throughput,
 * p50/p99 and errors, and exits 1 when memory or descriptors keep growing after warm-up (more than 10% from the
 * second minute to the end, soak/verdict.ts), when the server dies, or when it does not stop cleanly on SIGTERM.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomInt } from 'node:crypto';
import { z } from 'zod';
import { formatZodIssues } from '../errors.js';
import { httpClient } from './soak/http-client.js';
import { LatencyBook } from './soak/latency-stats.js';
import { openLawyerDesk } from './soak/lawyer-desk.js';
import { takeSample } from './soak/sampler.js';
import { connectLiveHeap } from './soak/live-heap.js';
import { SCENARIOS, type ScenarioName } from './soak/scenarios.js';
import { startServerProcess } from './soak/server-process.js';
import { addStaffAccounts, prepareStaff } from './soak/staff-setup.js';
import { judge, type Sample } from './soak/verdict.js';

const optionsSchema = z.object({
  minutes: z.coerce.number().positive().max(24 * 60).default(10),
  clients: z.coerce.number().int().min(1).max(64).default(6),
  'sample-seconds': z.coerce.number().positive().max(600).default(10),
  json: z.string().optional(),
});

/** How often each client picks each scenario (a hand-off or a pre-application is a dozen requests). */
const MIX: Array<[ScenarioName, number]> = [['ask', 30], ['eligibility', 15], ['directLineChat', 20], ['wechatChat', 15], ['handoff', 10], ['preapplication', 10]];
const LAWYERS = 4;
const WECHAT_TOKEN = 'soakWechatToken';

function pickScenario(): ScenarioName {
  let n = randomInt(MIX.reduce((s, [, w]) => s + w, 0));
  for (const [name, weight] of MIX) if ((n -= weight) < 0) return name;
  return 'ask';
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const fmt = (ms: number) => (Number.isFinite(ms) ? `${ms.toFixed(1)} ms` : '-');

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { minutes: { type: 'string' }, clients: { type: 'string' }, 'sample-seconds': { type: 'string' }, json: { type: 'string' } }, strict: true });
  const parsed = optionsSchema.safeParse({ minutes: process.env.LAWLINE_SOAK_MINUTES, ...values });
  if (!parsed.success) throw new Error(`soak: ${formatZodIssues(parsed.error)}`);
  const options = parsed.data;
  const durationMs = options.minutes * 60_000;
  const stateDir = mkdtempSync(join(tmpdir(), 'lawline-soak-'));
  const env = {
    LAWLINE_STATE_DIR: stateDir, WECHAT_TOKEN,
    // One client address sends everything here: the limits stay on (their memory is soaked too) but out of reach.
    LAWLINE_RATE_LIMIT_PER_MINUTE: '100000', LAWLINE_RATE_LIMIT_STARTS_PER_MINUTE: '100000',
    LAWLINE_LOG_LEVEL: 'info',
  };
  try {
    await addStaffAccounts(env, LAWYERS);
    const server = await startServerProcess(env, undefined, { inspect: true });
    if (!server.inspector) throw new Error('the server did not open its inspector');
    const liveHeap = await connectLiveHeap(server.inspector);
    const book = new LatencyBook();
    const http = httpClient(server.base, book.record);
    const quiet = httpClient(server.base);
    const staff = await prepareStaff(quiet, LAWYERS);
    const desk = await openLawyerDesk(http, staff.lawyers);
    process.stdout.write(`soak: ${options.minutes} min, ${options.clients} clients, server pid ${server.pid} on ${server.base}, state in ${stateDir}\n`);

    const started = performance.now();
    const until = started + durationMs;
    const samples: Sample[] = [];
    const failures = new Map<string, number>();
    let scenarios = 0;
    const client = async () => {
      while (performance.now() < until && server.child.exitCode === null) {
        const name = pickScenario();
        try {
          await SCENARIOS[name]({ http, desk, wechatToken: WECHAT_TOKEN, ack: () => undefined });
          scenarios++;
        } catch (err) {
          book.fail(`scenario.${name}`);
          const key = `${name}: ${(err as Error).message.slice(0, 120)}`;
          failures.set(key, (failures.get(key) ?? 0) + 1);
        }
      }
    };
    const sampling = (async () => {
      while (performance.now() < until && server.child.exitCode === null) {
        const s = await takeSample(server.pid, liveHeap, stateDir, performance.now() - started).catch(() => null);
        if (s) {
          samples.push(s);
          if ((samples.length - 1) % Math.max(1, Math.round(10 / options['sample-seconds'])) === 0) process.stdout.write(`  ${(s.atMs / 1000).toFixed(0).padStart(5)} s  rss ${mb(s.rssBytes)} (anon ${mb(s.rssAnonBytes ?? Number.NaN)})  heap ${mb(s.heapBytes)}  fds ${s.fds}  db ${mb(s.dbBytes)}  requests ${book.total().calls}\n`);
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(options['sample-seconds'] * 1000, Math.max(0, until - performance.now()))));
      }
    })();
    await Promise.all([...Array.from({ length: options.clients }, client), sampling]);
    const elapsedMs = performance.now() - started;
    await desk.stop();
    const died = server.child.exitCode !== null || server.child.signalCode !== null;
    const final = died ? null : await takeSample(server.pid, liveHeap, stateDir, elapsedMs).catch(() => null);
    if (final) samples.push(final);
    liveHeap.close();
    const stopped = await server.stop('SIGTERM');

    const total = book.total();
    const verdict = judge(samples, { durationMs });
    const problems = [
      ...(verdict.ok ? [] : [verdict.reason]),
      ...(died ? [`the server died during the soak (exit ${server.child.exitCode ?? server.child.signalCode})`] : []),
      ...(!died && stopped.code !== 0 ? [`the server did not stop cleanly on SIGTERM (exit ${stopped.code ?? stopped.signal})`] : []),
    ];
    const lines = [
      `soak over ${(elapsedMs / 60_000).toFixed(1)} min: ${total.calls} requests (${(total.calls / (elapsedMs / 1000)).toFixed(1)}/s), ${scenarios} scenarios done, ${total.errors} errors; latency p50 ${fmt(total.p50Ms)}, p99 ${fmt(total.p99Ms)}`,
      `statuses: ${JSON.stringify(Object.fromEntries(book.statuses))}`,
      'by operation (calls, errors, p50, p99, max):',
      ...book.byOp().map((o) => `  ${o.op.padEnd(26)} ${String(o.calls).padStart(7)} ${String(o.errors).padStart(5)}  ${fmt(o.p50Ms).padStart(10)} ${fmt(o.p99Ms).padStart(10)} ${fmt(o.maxMs).padStart(10)}`),
      ...(failures.size ? ['scenario failures:', ...[...failures].map(([k, n]) => `  ${n} × ${k}`)] : []),
      'after warm-up → end (medians; heap: live, after a full collection):',
      ...verdict.growth.map((g) => `  ${g.metric.padEnd(10)} ${g.metric === 'fds' ? g.warm : mb(g.warm)} → ${g.metric === 'fds' ? g.end : mb(g.end)} (${g.growth >= 0 ? '+' : ''}${(g.growth * 100).toFixed(1)}%)`),
      `database: ${mb(samples[0]?.dbBytes ?? 0)} → ${mb(samples.at(-1)?.dbBytes ?? 0)}`,
      `server stop on SIGTERM: exit ${stopped.code ?? stopped.signal}`,
      problems.length ? `FAIL: ${problems.join('; ')}` : `PASS: ${verdict.reason}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    if (options.json) {
      writeFileSync(options.json, JSON.stringify({ options, elapsedMs, total, byOp: book.byOp(), statuses: Object.fromEntries(book.statuses), failures: Object.fromEntries(failures), samples, verdict, problems }, null, 2));
    }
    if (problems.length) process.stdout.write(`last server log lines:\n${server.logs.slice(-20).join('\n')}\n`);
    return problems.length ? 1 : 0;
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => { process.exitCode = code; },
  (err: unknown) => {
    process.stderr.write(`soak: ${(err as Error).stack ?? err}\n`);
    process.exitCode = 1;
  },
);
