/**
 * `lawline serve --workers N`: several workers need PostgreSQL (refused, with the reason, on SQLite); on PostgreSQL
 * two workers start on one port, a request is served, and SIGTERM stops them all.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../src/config/paths.js';
import { POSTGRES, POSTGRES_SKIP_REASON } from '../support/test-databases.js';
import { freePort, lawlineCli } from './lawline-process.js';

describe('lawline serve', () => {
  it('refuses several workers without PostgreSQL, naming the variable', () => {
    const run = lawlineCli({ LAWLINE_DATABASE_URL: '' }, 'serve', '--workers', '2');
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/--workers: more than one worker needs LAWLINE_DATABASE_URL/);
    expect(lawlineCli({}, 'serve', '--workers', 'many').stderr).toMatch(/--workers: expected a number/);
  });
});

const suite = POSTGRES ? describe : describe.skip;
suite(POSTGRES ? 'lawline serve --workers 2 on PostgreSQL' : `lawline serve --workers 2 on PostgreSQL — ${POSTGRES_SKIP_REASON}`, () => {
  let drop: () => Promise<void> = async () => undefined;
  afterAll(() => drop());

  it('runs two workers on one port and stops them all on SIGTERM', async () => {
    const fresh = await POSTGRES!.fresh();
    drop = fresh.drop;
    const port = await freePort();
    const child = spawn(join(REPO_ROOT, 'bin', 'lawline'), ['serve', '--workers', '2'], {
      env: { ...process.env, ...fresh.env, PORT: String(port), LAWLINE_DATA_DIR: process.env.LAWLINE_TEST_DATA_DIR ?? '', LAWLINE_LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const pids = new Set<number>();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('workers did not start')), 240_000);
      for (const stream of [child.stdout!, child.stderr!]) {
        createInterface({ input: stream }).on('line', (line) => {
          const pid = /"msg":"lawline listening".*"pid":(\d+)/.exec(line)?.[1];
          if (pid) pids.add(Number(pid));
          if (pids.size === 2) {
            clearTimeout(timer);
            resolve();
          }
        });
      }
    });
    expect(pids.has(child.pid!)).toBe(false); // the primary only forks
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 300_000);
});
