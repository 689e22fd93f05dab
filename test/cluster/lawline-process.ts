/**
 * A real lawline server process (`src/server/main.ts`, as `npm start` and each `lawline serve` worker run it) on a
 * port of its own, over the shared test data directory and the state database `env` names; and the CLI.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '../../src/config/paths.js';

export interface LawlineProcess { base: string; port: number; child: ChildProcess; logs: string[]; stop(signal?: NodeJS.Signals): Promise<void> }

/** A port nobody listens on now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const baseEnv = (env: Record<string, string>) => ({
  ...process.env, LAWLINE_DATA_DIR: process.env.LAWLINE_TEST_DATA_DIR ?? '', LAWLINE_LOG_LEVEL: 'info', ...env,
});

/** Starts the server and resolves once it listens (its JSON log says so). */
export async function startLawline(env: Record<string, string>, timeoutMs = 240_000): Promise<LawlineProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src', 'server', 'main.ts')], {
    cwd: REPO_ROOT, env: baseEnv({ ...env, PORT: String(port) }), stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // never leave a server behind a failed start
      reject(new Error(`lawline did not start within ${timeoutMs} ms:\n${logs.join('\n')}`));
    }, timeoutMs);
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        logs.push(line);
        if (line.includes('"lawline listening"')) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`lawline exited (${code}) before listening:\n${logs.join('\n')}`));
    });
  });
  return {
    base: `http://127.0.0.1:${port}`, port, child, logs,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** Runs `bin/lawline …` to completion. */
export function lawlineCli(env: Record<string, string>, ...args: string[]) {
  const merged: NodeJS.ProcessEnv = baseEnv({ ...env, LAWLINE_LOG_LEVEL: 'warn' });
  // An empty value means "unset" here, as it would be in a shell that never exported it.
  for (const [key, value] of Object.entries(env)) if (value === '') delete merged[key];
  return spawnSync(join(REPO_ROOT, 'bin', 'lawline'), args, { env: merged, encoding: 'utf8', timeout: 60_000 });
}
