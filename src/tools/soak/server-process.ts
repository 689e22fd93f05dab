/**
 * @module tools/soak/server-process
 * A real lawline server (`src/server/main.ts`, as `npm start` runs it) as a child process on a free loopback port,
 * ready once its log says it listens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '../../config/paths.js';
import { freePort } from '../bench/free-port.js';
import { INSPECTOR_LINE } from './live-heap.js';

export interface ServerProcess {
  base: string;
  pid: number;
  child: ChildProcess;
  /** The last log lines (bounded: a soak runs long). */
  logs: string[];
  /** The inspector's address when started with `inspect` (loopback only). */
  inspector?: string;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const KEEP_LINES = 200;

/**
 * `inspect`: open the inspector on a loopback port, so the soak can read the live heap (tools/soak/live-heap.ts).
 * `keepLines`: how many of the last log lines to keep (a short test keeps them all).
 */
export async function startServerProcess(env: Record<string, string>, timeoutMs = 300_000, { inspect = false, keepLines = KEEP_LINES } = {}): Promise<ServerProcess> {
  const port = await freePort();
  const flags = inspect ? ['--inspect=127.0.0.1:0'] : [];
  let inspector: string | undefined;
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', join(REPO_ROOT, 'src', 'server', 'main.ts')], {
    cwd: REPO_ROOT, env: { ...process.env, LAWLINE_LOG_LEVEL: 'warn', ...env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // never leave a server behind a failed start
      reject(new Error(`lawline did not start within ${timeoutMs} ms:\n${logs.join('\n')}`));
    }, timeoutMs);
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        logs.push(line);
        if (logs.length > keepLines) logs.shift();
        inspector ??= INSPECTOR_LINE.exec(line)?.[1];
        if (line.includes('"lawline listening"')) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`lawline exited (${code}) before listening:\n${logs.join('\n')}`));
    });
  });
  return {
    base: `http://127.0.0.1:${port}`, pid: child.pid!, child, logs, inspector,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
