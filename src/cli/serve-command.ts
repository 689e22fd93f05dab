/**
 * @module cli/serve-command
 * `lawline serve [--workers N]`: the HTTP server, as `npm start`, in N worker processes sharing one port
 * (node:cluster). The workers share state through PostgreSQL (LAWLINE_DATABASE_URL), so any worker may take a
 * citizen's next request; with SQLite (one process only) more than one worker is refused. A worker that dies is
 * replaced; SIGINT/SIGTERM stop them all.
 */
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Config } from '../config/config.js';
import { REPO_ROOT } from '../config/paths.js';
import { formatZodIssues, InputError } from '../errors.js';
import type { Logger } from '../logging/logger.js';

export const SERVE_USAGE = 'usage: lawline serve [--workers N]   (N > 1 needs LAWLINE_DATABASE_URL)';

const flagsSchema = z.object({
  workers: z.coerce.number({ invalid_type_error: 'expected a number' }).int('expected a whole number').min(1, 'at least 1').max(64, 'at most 64').default(1),
});

/** Replaced workers within this window count as a crash loop: the primary stops instead. */
const CRASH_WINDOW_MS = 10_000;
const MAX_CRASHES = 5;

/**
 * Runs `lawline serve`; resolves when every worker has stopped.
 * @throws InputError for bad flags, or several workers without PostgreSQL
 */
export async function runServeCommand(args: string[], config: Config, log: Logger): Promise<number> {
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args, options: { workers: { type: 'string' } }, strict: true }));
  } catch (err) {
    throw new InputError(`${(err as Error).message}\n${SERVE_USAGE}`);
  }
  const flags = flagsSchema.safeParse(values);
  if (!flags.success) throw new InputError(`${formatZodIssues(flags.error).replace(/^(\w+):/, '--$1:')}\n${SERVE_USAGE}`);
  const { workers } = flags.data;
  if (workers > 1 && !config.LAWLINE_DATABASE_URL) {
    throw new InputError('--workers: more than one worker needs LAWLINE_DATABASE_URL (PostgreSQL); SQLite serves one process');
  }
  if (workers > availableParallelism()) log.warn('more workers than cores', { workers, cores: availableParallelism() });

  cluster.setupPrimary({
    exec: fileURLToPath(new URL('../server/main.ts', import.meta.url)),
    // The TypeScript loader by path, as bin/lawline does, so it resolves from any working directory.
    execArgv: ['--import', pathToFileURL(join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href],
  });
  let stopping = false;
  const crashes: number[] = [];
  const fork = () => cluster.fork();
  return new Promise<number>((resolve) => {
    cluster.on('exit', (worker, code, signal) => {
      if (!stopping) {
        log.error('worker stopped; starting another', { pid: worker.process.pid, code, signal });
        const now = Date.now();
        crashes.push(now);
        while (crashes.length && now - crashes[0]! > CRASH_WINDOW_MS) crashes.shift();
        if (crashes.length >= MAX_CRASHES) {
          log.error('workers keep stopping; giving up', { crashes: crashes.length, windowMs: CRASH_WINDOW_MS });
          stop('crash loop');
        } else {
          fork();
        }
      }
      if (stopping && !Object.keys(cluster.workers ?? {}).length) resolve(crashes.length >= MAX_CRASHES ? 1 : 0);
    });
    const stop = (why: string) => {
      if (stopping) return;
      stopping = true;
      log.info('stopping workers', { why });
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
      if (!Object.keys(cluster.workers ?? {}).length) resolve(0);
    };
    process.on('SIGINT', () => stop('SIGINT'));
    process.on('SIGTERM', () => stop('SIGTERM'));
    log.info('starting workers', { workers, port: config.PORT, database: config.LAWLINE_DATABASE_URL ? 'postgresql' : 'sqlite' });
    for (let i = 0; i < workers; i++) fork();
  });
}
