/**
 * @module tools/bench/dashboard
 * The dashboard's query times over a year of synthetic traffic (500,000 conversations with their questions,
 * hand-offs, ratings, callbacks, checks, pre-applications and votes; synthetic-traffic.ts) in a throw-away SQLite
 * state database, migrated as a server's is. Each view of the dashboard (one method of the overview repository;
 * satisfaction with the vote counts) and the whole overview request are timed for four periods: the year and the
 * last 30 days, for the city and for one county. Target: every view within 1 s. Run alone:
 * `node --import tsx src/tools/bench/dashboard.ts [--conversations N] [--json]`.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findCounty, loadRegion, type Region } from '../../config/region.js';
import { ACCEPT_TARGET_MS } from '../../handoff/stats.js';
import { chinaDay, chinaDayStart } from '../../stats/china-day.js';
import { statsOverview } from '../../stats/overview.js';
import { openStateDatabase } from '../../storage/open-state-database.js';
import { createFeedbackRepository } from '../../storage/repositories/feedback-repository.js';
import { createOverviewRepository, type OverviewPeriod } from '../../storage/repositories/overview-repository.js';
import { writeSyntheticYear, type SyntheticYear } from './synthetic-traffic.js';

export const DASHBOARD_TARGET_MS = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Each query runs this many times: the first meets a cold page cache, the rest show the steady state. */
const RUNS = 3;

export interface ViewTiming { period: string; view: string; firstMs: number; medianMs: number; maxMs: number }
export interface DashboardBenchResult { traffic: SyntheticYear; databaseMb: number; timings: ViewTiming[]; slowest: ViewTiming; withinTarget: boolean }

async function time(fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    out.push(performance.now() - start);
  }
  return out;
}

/** @example const r = await benchDashboard({ conversations: 500_000 }); formatDashboard(r) */
export async function benchDashboard(options: { conversations?: number; region?: Region } = {}): Promise<DashboardBenchResult> {
  const region = options.region ?? loadRegion();
  const dir = mkdtempSync(join(tmpdir(), 'lawline-bench-dashboard-'));
  const sql = await openStateDatabase({ dir });
  try {
    const lastDay = chinaDay(Date.now());
    const traffic = await writeSyntheticYear(sql, region, { conversations: options.conversations ?? 500_000, lastDay });
    const repo = createOverviewRepository(sql);
    const feedback = createFeedbackRepository(sql);
    const yingde = findCounty(region, '英德')!;
    const names = [yingde.name, yingde.short, yingde.id];
    const lastMonth = chinaDay(chinaDayStart(lastDay) - 29 * DAY_MS);
    const periods: Array<[string, { from: string; to: string; county?: string[] }]> = [
      ['year, city', { from: traffic.from, to: lastDay }],
      ['year, 英德市', { from: traffic.from, to: lastDay, county: names }],
      ['30 days, city', { from: lastMonth, to: lastDay }],
      ['30 days, 英德市', { from: lastMonth, to: lastDay, county: names }],
    ];
    const timings: ViewTiming[] = [];
    for (const [label, q] of periods) {
      const p: OverviewPeriod = { fromDay: q.from, toDay: q.to, fromMs: chinaDayStart(q.from), toMs: chinaDayStart(q.to) + DAY_MS, county: q.county };
      const views: Array<[string, () => Promise<unknown>]> = [
        ['consultations', () => repo.sections.consultations(p)],
        ['answered', () => repo.sections.answered(p)],
        ['handoff (线上三十秒)', () => repo.sections.handoff(p, ACCEPT_TARGET_MS)],
        ['satisfaction', () => Promise.all([repo.sections.satisfaction(p), feedback.counts({ from: q.from, to: q.to, county: q.county })])],
        ['legal aid', () => repo.sections.legalAid(p)],
        ['emergencies', () => repo.sections.emergencies(p, ACCEPT_TARGET_MS)],
        ['whole overview', () => statsOverview({ repo, feedback, caseLibrary: async () => ({ byYear: {}, target: 30 }) }, q)],
      ];
      for (const [view, fn] of views) {
        const ms = await time(fn);
        const sorted = [...ms].sort((a, b) => a - b);
        timings.push({ period: label, view, firstMs: ms[0]!, medianMs: sorted[Math.floor(RUNS / 2)]!, maxMs: sorted.at(-1)! });
      }
    }
    const views = timings.filter((t) => t.view !== 'whole overview');
    const slowest = views.reduce((a, b) => (b.maxMs > a.maxMs ? b : a));
    const databaseMb = statSync(join(dir, 'lawline.sqlite')).size / 1024 / 1024;
    return { traffic, databaseMb, timings, slowest, withinTarget: slowest.maxMs <= DASHBOARD_TARGET_MS };
  } finally {
    await sql.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const f = (ms: number) => (ms < 10 ? ms.toFixed(1) : Math.round(ms).toString());

export function formatDashboard(r: DashboardBenchResult): string {
  const rows = Object.entries(r.traffic.rows).map(([t, n]) => `${t} ${n.toLocaleString('en')}`).join(', ');
  return [
    '', `Dashboard views over a year of synthetic traffic (SQLite, ${r.traffic.conversations.toLocaleString('en')} conversations, ${r.traffic.from}…${r.traffic.to}; target: each view < ${DASHBOARD_TARGET_MS} ms)`,
    `  written in ${f(r.traffic.ms / 1000)} s through storage/bulk-insert.ts: ${rows}; database ${f(r.databaseMb)} MB`,
    `  ${'period'.padEnd(16)}${'view'.padEnd(22)}first ms  median ms  max ms`,
    ...r.timings.map((t) => `  ${t.period.padEnd(16)}${t.view.padEnd(22)}${f(t.firstMs).padStart(8)}  ${f(t.medianMs).padStart(9)}  ${f(t.maxMs).padStart(6)}`),
    `  slowest view: ${r.slowest.view} (${r.slowest.period}) ${f(r.slowest.maxMs)} ms — ${r.withinTarget ? 'every view within target' : 'OVER TARGET'}`, '',
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const at = process.argv.indexOf('--conversations');
  const conversations = at > 0 ? Number(process.argv[at + 1]) : undefined;
  benchDashboard({ conversations })
    .then((r) => process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify({ dashboard: r }, null, 2)}\n` : `${formatDashboard(r)}\n`))
    .catch((err: unknown) => { process.stderr.write(`bench: ${(err as Error).stack}\n`); process.exitCode = 1; });
}
