/**
 * @module tools/bench/report
 * The numbers `npm run bench` collects, and their readable text form (`--json` prints the same object).
 */
import type { ChildRun } from './cli-child.js';
import type { GcPauses } from './gc-watch.js';
import type { HttpLoadResult } from './http-load.js';
import type { LatencySummary } from './stats.js';

/** Targets the report checks against. */
export const TARGETS = { startupMs: 3000, askP99Ms: 10, classifyUs: 2000, cliAsk1500Ms: 120_000, cliClassify500Ms: 20_000 } as const;

export interface BenchReport {
  machine: { date: string; cpus: number; cpuModel: string; node: string; platform: string; totalMemMb: number; gnuTime: boolean;
    loadAverage: { start: number; end: number } };
  build: {
    pipelineMs: number;
    indexBuildMs: number;
    indexDocs: number;
    /** createLawline on the fresh index: loads everything and trains the classifiers. */
    startupWithTrainingMs: number;
    /** startupWithTrainingMs minus a warm in-process start: the training share, approximately. */
    modelsTrainMsApprox: number | null;
    /** The learned retrieval: known questions tokenised, ranker and entry match trained (inside startupWithTrainingMs). */
    learned: { ms: number; knownQuestions: number; trainingQueries: number; bankEntries: number; realQuestions: number };
    coldTotalMs: number;
    /** Sizes on disk of what the build leaves in the data dir. */
    artifacts: { indexBytes: number; modelsBytes: number; learnedBytes: number };
  };
  startup: {
    inProcessMs: number;
    inProcessReused: boolean;
    /** Starts needed to get one that reused index and models (data edited mid-run forces more). */
    inProcessAttempts: number;
    child: Array<{ firstAnswerMs: number | null; readyMs: number | null; rebuilt: ChildRun['rebuilt']; exitMs: number; maxRssKb: number | null }>;
    childMedianFirstAnswerMs: number;
  };
  ask: { n: number; latencyMs: LatencySummary; perSecond: number; gc: GcPauses };
  /** The same loop in a fresh serving process (a warm start, as a deployed server): what the target is judged on. */
  askServing: {
    n: number; latencyMs: LatencySummary; perSecond: number; gc: GcPauses;
    /** The same loop with knowledge upkeep's staff overlay holding this many phrasings. */
    withOverlay: { phrasings: number; latencyMs: LatencySummary; perSecond: number };
  };
  http: { sequential: HttpLoadResult; concurrent: HttpLoadResult };
  classify: { n: number; latencyUs: LatencySummary; perSecond: number; gc: GcPauses };
  cli: { ask: ChildRun & { input: number }; classify: ChildRun & { input: number } };
  memory: { benchMaxRssKbAfterBuild: number; benchMaxRssKb: number; benchRssKbAfterServing: number };
  totalMs: number;
}

const ms = (x: number | null) => (x === null || Number.isNaN(x) ? 'n/a' : x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(x < 10 ? 2 : 0)} ms`);
const us = (x: number) => `${Math.round(x)} µs`;
const mb = (kb: number | null) => (kb === null ? 'n/a (no /usr/bin/time)' : `${(kb / 1024).toFixed(0)} MB`);
const check = (ok: boolean) => (ok ? 'OK' : 'MISSED');
const gcLine = (g: GcPauses) => `  GC during the loop: ${g.count} pauses, ${ms(g.totalMs)} in total, longest ${ms(g.maxMs)}`;
/** Flags a child start that rebuilt or retrained: the data changed under the bench, so it is not a warm start. */
const rebuiltNote = (r: ChildRun['rebuilt']) => {
  const what = r ? [r.index && 'index rebuilt', r.models && 'models retrained', r.learned && 'learned retrieval rebuilt'].filter(Boolean) : [];
  return what.length ? ` [NOT WARM: ${what.join(', ')}]` : '';
};
const size = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const lat = (s: LatencySummary, f: (x: number) => string) => `p50 ${f(s.p50)}  p90 ${f(s.p90)}  p99 ${f(s.p99)}  max ${f(s.max)}  (n=${s.n})`;

function httpLine(r: HttpLoadResult): string {
  return `  ${String(r.concurrency).padStart(2)} client(s), ${r.requests} requests: ${lat(r.latencyMs, ms)}; ${r.perSecond.toFixed(0)} asks/s; failed ${r.failed}`;
}

function cliLine(name: string, r: ChildRun & { input: number }, target: number): string {
  return `  ${name.padEnd(9)} ${r.input} lines: ${ms(r.wallMs)} end to end (${(r.input / (r.wallMs / 1000)).toFixed(0)} lines/s, start-up ${ms(r.readyMs)}${rebuiltNote(r.rebuilt)}), ` +
    `${r.lines} answers, ${r.errorLines} error lines, exit ${r.exitCode}; peak RSS ${mb(r.maxRssKb)} — target < ${ms(target)}: ${check(r.wallMs < target && r.lines === r.input && r.errorLines === 0)}`;
}

/** The human-readable report. */
export function formatReport(r: BenchReport): string {
  const m = r.machine;
  const s = r.startup;
  const out = [
    `lawline bench — ${m.date}`,
    `machine: ${m.cpus} cores (${m.cpuModel}), ${m.totalMemMb} MB RAM, ${m.platform}, node ${m.node}`,
    `load average (1 min): ${m.loadAverage.start.toFixed(2)} at start, ${m.loadAverage.end.toFixed(2)} at end — other processes share these cores`,
    '',
    '1. Index build (fresh data dir)',
    `  text pipeline (lexicon + jieba dictionary) ${ms(r.build.pipelineMs)}`,
    `  knowledge index build                     ${ms(r.build.indexBuildMs)}  (${r.build.indexDocs} documents)`,
    `  createLawline with model training         ${ms(r.build.startupWithTrainingMs)}  (training ≈ ${ms(r.build.modelsTrainMsApprox)})`,
    `    of which the learned retrieval          ${ms(r.build.learned.ms)}  (${r.build.learned.bankEntries} bank entries, ${r.build.learned.realQuestions} real questions → ${r.build.learned.knownQuestions} known questions; ${r.build.learned.trainingQueries} training questions)`,
    `  cold total                                ${ms(r.build.coldTotalMs)}`,
    `  artifacts: index ${size(r.build.artifacts.indexBytes)}, classifiers ${size(r.build.artifacts.modelsBytes)}, learned retrieval ${size(r.build.artifacts.learnedBytes)}`,
    '',
    `2. Start-up with an existing index (target ≤ ${ms(TARGETS.startupMs)})`,
    `  in-process createLawline: ${ms(s.inProcessMs)} (index, models and learned retrieval reused: ${s.inProcessReused}, attempt ${s.inProcessAttempts}; modules already loaded) — ${check(s.inProcessMs <= TARGETS.startupMs)}`,
    ...s.child.map((c, i) => `  child bin/lawline ask #${i + 1}: first answer ${ms(c.firstAnswerMs)} (createLawline ${ms(c.readyMs)}, exit ${ms(c.exitMs)}, peak RSS ${mb(c.maxRssKb)})${rebuiltNote(c.rebuilt)}`),
    `  child median to first answer: ${ms(s.childMedianFirstAnswerMs)} — ${check(s.childMedianFirstAnswerMs <= TARGETS.startupMs)}`,
    '',
    `3. ask in-process (target p99 ≤ ${ms(TARGETS.askP99Ms)}, in a serving process)`,
    `  in a fresh serving process (warm start, then the loop): ${lat(r.askServing.latencyMs, ms)}; ${r.askServing.perSecond.toFixed(0)} asks/s — ${check(r.askServing.latencyMs.p99 <= TARGETS.askP99Ms)}`,
    gcLine(r.askServing.gc),
    `  the same process with ${r.askServing.withOverlay.phrasings} staff phrasings in the knowledge-upkeep overlay: ${lat(r.askServing.withOverlay.latencyMs, ms)}; ${r.askServing.withOverlay.perSecond.toFixed(0)} asks/s`,
    `  in the bench process (which built the index and trained the models first; its larger heap lengthens GC pauses): ${lat(r.ask.latencyMs, ms)}; ${r.ask.perSecond.toFixed(0)} asks/s`,
    gcLine(r.ask.gc),
    '',
    '4. ask over HTTP (POST /api/v1/ask, loopback; client and server share one process)',
    httpLine(r.http.sequential),
    httpLine(r.http.concurrent),
    '',
    `5. classify in-process (target < ${us(TARGETS.classifyUs)} per message)`,
    `  ${lat(r.classify.latencyUs, us)}; ${r.classify.perSecond.toFixed(0)} messages/s — ` +
      `p50 ${check(r.classify.latencyUs.p50 < TARGETS.classifyUs)}, p99 ${check(r.classify.latencyUs.p99 < TARGETS.classifyUs)}`,
    gcLine(r.classify.gc),
    '',
    '6. CLI batches (bin/lawline, including start-up)',
    cliLine('ask', r.cli.ask, TARGETS.cliAsk1500Ms),
    cliLine('classify', r.cli.classify, TARGETS.cliClassify500Ms),
    '',
    '7. Memory',
    `  bench process peak RSS: ${mb(r.memory.benchMaxRssKb)} (after the index build: ${mb(r.memory.benchMaxRssKbAfterBuild)}); RSS while serving ${mb(r.memory.benchRssKbAfterServing)}`,
    `  CLI child peak RSS: ask batch ${mb(r.cli.ask.maxRssKb)}, classify batch ${mb(r.cli.classify.maxRssKb)}`,
    '',
    `bench took ${ms(r.totalMs)}`,
  ];
  return out.join('\n');
}
