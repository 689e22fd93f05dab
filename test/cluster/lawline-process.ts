/**
 * A real lawline server process (`src/server/main.ts`, as `npm start` and each `lawline serve` worker run it) on a
 * port of its own, over the shared test data directory and the state database `env` names; and the CLI.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../../src/config/paths.js';
import { startServerProcess } from '../../src/tools/soak/server-process.js';

export interface LawlineProcess { base: string; port: number; child: ChildProcess; logs: string[]; stop(signal?: NodeJS.Signals): Promise<void> }

export { freePort } from '../../src/tools/bench/free-port.js';

const baseEnv = (env: Record<string, string>) => ({
  ...process.env, LAWLINE_DATA_DIR: process.env.LAWLINE_TEST_DATA_DIR ?? '', LAWLINE_LOG_LEVEL: 'info', ...env,
});

/** Starts the server (as the soak does: src/tools/soak/server-process.ts) and resolves once it listens. */
export async function startLawline(env: Record<string, string>, timeoutMs = 240_000): Promise<LawlineProcess> {
  const server = await startServerProcess(baseEnv(env), timeoutMs, { keepLines: Number.POSITIVE_INFINITY });
  return {
    base: server.base, port: Number(new URL(server.base).port), child: server.child, logs: server.logs,
    async stop(signal) {
      await server.stop(signal);
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
