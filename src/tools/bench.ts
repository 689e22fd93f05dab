/**
 * @module tools/bench
 * `npm run bench`: measures lawline on this machine — index build, start-up (in-process and as a real
 * `bin/lawline` child), ask latency in-process and over loopback HTTP, classify latency, CLI batches and peak
 * memory, hand-off latency, and scale-out on PostgreSQL (bot turn cost against SQLite; one process against
 * `serve --workers 2`). Every loop has a fixed count; the data dir is a fresh temp folder, removed at the end.
 * `--json` prints the same numbers as JSON on stdout (progress goes to stderr).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLawline, type Lawline } from '../assistant/lawline.js';
import { loadConfig } from '../config/config.js';
import { PATHS, REPO_ROOT } from '../config/paths.js';
import { openKnowledgeIndex } from '../knowledge/knowledge-index.js';
import { createLogger } from '../logging/logger.js';
import { closeApp, createApp } from '../server/app.js';
import { loadLexicon } from '../text/lexicon.js';
import { createTextPipeline } from '../text/text-pipeline.js';
import { hasGnuTime, runLawline } from './bench/cli-child.js';
import { cycle, readFixtureTexts } from './bench/fixtures.js';
import { loadAsk } from './bench/http-load.js';
import { watchGc } from './bench/gc-watch.js';
import { timeAsks } from './bench/ask-loop.js';
import { benchHandoff, formatHandoff } from './bench/handoff.js';
import { benchScaleOut, formatScaleOut } from './bench/scale-out.js';
import { benchDashboard, formatDashboard } from './bench/dashboard.js';
import { formatReport, type BenchReport } from './bench/report.js';
import { median, since, summarise } from './bench/stats.js';

/** Fixed sizes: enough samples for a stable p99, small enough for ~5 minutes on 2 cores. */
const COUNTS = {
  childStarts: 3,
  askWarmup: 20,
  asks: 1200,
  httpSequential: 400,
  httpConcurrent: 800,
  httpClients: 16,
  classifyWarmup: 50,
  classify: 2000,
  cliAsk: 1500,
  cliClassify: 500,
} as const;

const progress = (msg: string) => process.stderr.write(`[bench] ${msg}\n`);

/** Bytes of the files in `dir` whose names match. */
function folderBytes(dir: string, name: RegExp): number {
  return readdirSync(dir).filter((f) => name.test(f)).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

function makeLawline(dataDir: string): { lawline: Lawline; ms: number } {
  const started = performance.now();
  const config = loadConfig({ ...process.env, LAWLINE_DATA_DIR: dataDir });
  const lawline = createLawline({ config, log: createLogger('warn') });
  return { lawline, ms: since(started) };
}

async function benchBuild(dataDir: string) {
  progress(`building the index in ${dataDir}`);
  let t = performance.now();
  const pipeline = createTextPipeline(loadLexicon(PATHS.lexicon));
  const pipelineMs = since(t);
  t = performance.now();
  const index = openKnowledgeIndex(dataDir, pipeline, createLogger('warn'));
  const indexBuildMs = since(t);
  if (!index.rebuilt) throw new Error(`expected a fresh build in ${dataDir}`);
  const indexDocs = index.docs.count;
  index.close();
  progress('training the models (createLawline on the fresh index)');
  const first = makeLawline(dataDir);
  if (first.lawline.startup.indexRebuilt || !first.lawline.startup.modelsTrained || !first.lawline.startup.learnedBuilt) {
    throw new Error(`unexpected start-up: ${JSON.stringify(first.lawline.startup)}`);
  }
  const t0 = first.lawline.learned.trainedOn;
  const learned = { ms: t0.ms, knownQuestions: t0.knownQuestions, trainingQueries: t0.trainingQueries, bankEntries: t0.bankEntries, realQuestions: t0.realQuestions };
  first.lawline.close();
  const artifacts = { indexBytes: folderBytes(dataDir, /^knowledge-index\.sqlite$/), modelsBytes: folderBytes(join(dataDir, 'models'), /\.json$/), learnedBytes: folderBytes(join(dataDir, 'learned'), /\.json$/) };
  return { pipelineMs, indexBuildMs, indexDocs, startupWithTrainingMs: first.ms, learned, artifacts };
}

async function benchAsk(lawline: Lawline, texts: string[]) {
  progress(`ask in-process ×${texts.length}`);
  return timeAsks(lawline, texts, COUNTS.askWarmup);
}

/** ask in a fresh serving process (bench/ask-serving.ts): a warm start on the data just built, then the loop. */
function benchAskServing(dataDir: string): BenchReport['askServing'] {
  progress('ask in a fresh serving process ×1200');
  const script = fileURLToPath(new URL('./bench/ask-serving.ts', import.meta.url));
  const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
    cwd: REPO_ROOT, env: { ...process.env, LAWLINE_DATA_DIR: dataDir, LAWLINE_LOG_LEVEL: 'warn' }, encoding: 'utf8', timeout: 300_000,
  });
  if (run.status !== 0) throw new Error(`ask-serving failed: ${run.stderr.trim().split('\n').slice(-3).join(' ')}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as BenchReport['askServing'];
}

async function benchClassify(lawline: Lawline, texts: string[]) {
  progress(`classify in-process ×${texts.length}`);
  for (const text of texts.slice(0, COUNTS.classifyWarmup)) lawline.classify(text);
  const latencies: number[] = [];
  const gc = watchGc();
  const started = performance.now();
  for (const text of texts) {
    const t = process.hrtime.bigint();
    lawline.classify(text);
    latencies.push(Number(process.hrtime.bigint() - t) / 1000);
  }
  const perSecond = (texts.length / since(started)) * 1000;
  return { n: texts.length, latencyUs: summarise(latencies), perSecond, gc: await gc.stop() };
}

async function benchHttp(lawline: Lawline, askTexts: string[]) {
  // One load client sends hundreds of asks a minute from one IP: the abuse limit (config) would rightly refuse them.
  const app = await createApp({ ...lawline, config: { ...lawline.config, LAWLINE_RATE_LIMIT_PER_MINUTE: 0 } });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    progress(`HTTP ask sequential ×${COUNTS.httpSequential}`);
    await loadAsk(base, askTexts.slice(0, COUNTS.askWarmup), 1);
    const sequential = await loadAsk(base, cycle(askTexts, COUNTS.httpSequential), 1);
    progress(`HTTP ask ${COUNTS.httpClients} clients ×${COUNTS.httpConcurrent}`);
    const concurrent = await loadAsk(base, cycle(askTexts, COUNTS.httpConcurrent), COUNTS.httpClients);
    return { sequential, concurrent };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await closeApp(app);
  }
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const loadAtStart = loadavg()[0] ?? Number.NaN;
  const keep = process.argv.includes('--keep');
  const benchStarted = performance.now();
  const askTexts = readFixtureTexts('ask-dev.jsonl');
  const classifyTexts = [...readFixtureTexts('intent-dev.jsonl'), ...readFixtureTexts('emergency-dev.jsonl'), ...askTexts];
  const dataDir = mkdtempSync(join(tmpdir(), 'lawline-bench-'));
  try {
    const build = await benchBuild(dataDir);
    const benchMaxRssKbAfterBuild = process.resourceUsage().maxRSS;

    progress('start-up on the existing index');
    const reused = (l: Lawline) => !l.startup.indexRebuilt && !l.startup.modelsTrained && !l.startup.learnedBuilt;
    let warm = makeLawline(dataDir);
    let warmAttempts = 1;
    // Others may edit intents/ or knowledge/ while the bench runs; a start that rebuilt is not a warm start.
    while (!reused(warm.lawline) && warmAttempts < 3) {
      progress('data changed under the bench (rebuild or retraining); starting again');
      warm.lawline.close();
      warm = makeLawline(dataDir);
      warmAttempts++;
    }
    const lawline = warm.lawline;
    const inProcessReused = reused(lawline);
    const child = [];
    for (let i = 0; i < COUNTS.childStarts; i++) {
      const run = await runLawline({ command: 'ask', input: cycle(askTexts.slice(i), 1), dataDir, timeoutMs: 60_000 });
      if (run.lines !== 1 || run.errorLines) throw new Error(`bin/lawline ask answered ${run.lines} lines (${run.errorLines} errors)`);
      child.push({ firstAnswerMs: run.firstLineMs, readyMs: run.readyMs, rebuilt: run.rebuilt, exitMs: run.wallMs, maxRssKb: run.maxRssKb });
    }
    const startup = {
      inProcessMs: warm.ms,
      inProcessReused,
      inProcessAttempts: warmAttempts,
      child,
      childMedianFirstAnswerMs: median(child.map((c) => c.firstAnswerMs ?? Number.NaN)),
    };

    const ask = await benchAsk(lawline, cycle(askTexts, COUNTS.asks));
    const askServing = benchAskServing(dataDir);
    const http = await benchHttp(lawline, askTexts);
    const classify = await benchClassify(lawline, cycle(classifyTexts, COUNTS.classify));
    const benchRssKbAfterServing = Math.round(process.memoryUsage().rss / 1024);

    progress(`bin/lawline ask ×${COUNTS.cliAsk}`);
    const cliAsk = await runLawline({ command: 'ask', input: cycle(askTexts, COUNTS.cliAsk), dataDir, timeoutMs: 240_000 });
    progress(`bin/lawline classify ×${COUNTS.cliClassify}`);
    const cliClassify = await runLawline({ command: 'classify', input: cycle(classifyTexts, COUNTS.cliClassify), dataDir, timeoutMs: 60_000 });
    const handoff = await benchHandoff(lawline); // hand-off latency section (src/tools/bench/handoff.ts)
    const scaleOut = await benchScaleOut(lawline, dataDir, askTexts); // PostgreSQL, one process against two workers
    progress('dashboard views over a year of synthetic traffic (500,000 conversations)');
    const dashboard = await benchDashboard({ region: lawline.region }); // src/tools/bench/dashboard.ts
    lawline.close();

    const report: BenchReport = {
      machine: {
        date: new Date().toISOString(),
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
        node: process.version,
        platform: `${platform()} ${release()}`,
        totalMemMb: Math.round(totalmem() / 1024 / 1024),
        gnuTime: hasGnuTime(),
        // Other processes share the cores: a high load average inflates every number below.
        loadAverage: { start: loadAtStart, end: loadavg()[0] ?? Number.NaN },
      },
      build: {
        ...build,
        modelsTrainMsApprox: inProcessReused ? Math.max(0, build.startupWithTrainingMs - warm.ms - build.learned.ms) : null,
        coldTotalMs: build.pipelineMs + build.indexBuildMs + build.startupWithTrainingMs,
      },
      startup,
      ask,
      askServing,
      http,
      classify,
      cli: { ask: { ...cliAsk, input: COUNTS.cliAsk }, classify: { ...cliClassify, input: COUNTS.cliClassify } },
      memory: { benchMaxRssKbAfterBuild, benchMaxRssKb: process.resourceUsage().maxRSS, benchRssKbAfterServing },
      totalMs: since(benchStarted),
    };
    process.stdout.write(json ? `${JSON.stringify({ ...report, handoff, scaleOut, dashboard }, null, 2)}\n` : `${formatReport(report)}\n${formatHandoff(handoff)}\n${formatScaleOut(scaleOut)}\n${formatDashboard(dashboard)}\n`);
  } finally {
    if (keep) progress(`data dir kept: ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
