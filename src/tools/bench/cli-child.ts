/**
 * @module tools/bench/cli-child
 * Runs `bin/lawline` as a real child process (node + tsx + loading) and times it: time to the first answer,
 * and whole JSON-lines batches. Peak RSS comes from `/usr/bin/time -v` when that program is present.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../config/paths.js';

const LAWLINE_BIN = join(REPO_ROOT, 'bin', 'lawline');
const GNU_TIME = '/usr/bin/time';

/** True when GNU time is installed, so child peak RSS can be reported. */
export const hasGnuTime = (): boolean => existsSync(GNU_TIME);

/** One finished child run. */
export interface ChildRun {
  /** Spawn to exit, ms. */
  wallMs: number;
  /** Spawn to the first complete stdout line, ms (null: no output). */
  firstLineMs: number | null;
  /** Start-up as the child itself logged it ("lawline ready" ms; null when not logged). */
  readyMs: number | null;
  /** What that start-up did: a rebuild or retraining means the data changed under the bench. */
  rebuilt: { index: boolean; models: boolean; learned: boolean } | null;
  lines: number;
  /** Output lines carrying an `error` field. */
  errorLines: number;
  /** Peak RSS of the child in kB (null without /usr/bin/time). */
  maxRssKb: number | null;
  exitCode: number | null;
}

export interface ChildOptions { command: string; input: string[]; dataDir: string; timeoutMs: number }

/** Spawns `bin/lawline <command>`, feeds it JSON lines {"id","text"} and waits for it to exit (killed at the timeout). */
export function runLawline({ command, input, dataDir, timeoutMs }: ChildOptions): Promise<ChildRun> {
  const timed = hasGnuTime();
  const [file, args] = timed ? [GNU_TIME, ['-v', LAWLINE_BIN, command]] : [LAWLINE_BIN, [command]];
  // info level so the child logs its own start-up time; stdout stays pure JSON lines.
  const env = { ...process.env, LAWLINE_DATA_DIR: dataDir, LAWLINE_LOG_LEVEL: 'info' };
  const started = performance.now();
  const child = spawn(file, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let firstLineMs: number | null = null;
  let lines = 0;
  let errorLines = 0;
  let pending = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    pending += chunk;
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (!line.trim()) continue;
      firstLineMs ??= performance.now() - started;
      lines++;
      if ((JSON.parse(line) as { error?: unknown }).error !== undefined) errorLines++;
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => { stderr += chunk; });
  child.stdin.on('error', () => {}); // a child that dies early must not crash the bench with EPIPE
  child.stdin.end(input.map((text, i) => JSON.stringify({ id: i + 1, text })).join('\n') + '\n');

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (err) => { clearTimeout(timer); reject(err); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      if (signal) return reject(new Error(`bin/lawline ${command} stopped by ${signal} after ${Math.round(wallMs)} ms`));
      const ready = readyFromLog(stderr);
      resolve({ wallMs, firstLineMs, readyMs: ready?.ms ?? null, rebuilt: ready && { index: ready.indexRebuilt, models: ready.modelsTrained, learned: ready.learnedBuilt }, lines, errorLines, maxRssKb: maxRssFromTime(stderr), exitCode: code });
    });
  });
}

interface ReadyLine { ms: number; indexRebuilt: boolean; modelsTrained: boolean; learnedBuilt: boolean }

/** The child's "lawline ready" log line. */
function readyFromLog(stderr: string): ReadyLine | null {
  for (const line of stderr.split('\n')) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { msg?: string } & Partial<ReadyLine>;
      if (entry.msg === 'lawline ready' && typeof entry.ms === 'number') {
        return { ms: entry.ms, indexRebuilt: entry.indexRebuilt === true, modelsTrained: entry.modelsTrained === true, learnedBuilt: entry.learnedBuilt === true };
      }
    } catch {
      // not a log line (e.g. GNU time output)
    }
  }
  return null;
}

function maxRssFromTime(stderr: string): number | null {
  const m = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(stderr);
  return m ? Number(m[1]) : null;
}
