/**
 * @module tools/bench/postgres-cluster
 * A throw-away PostgreSQL for the bench: LAWLINE_BENCH_DATABASE_URL when set (an empty database the bench may fill
 * and drop schemas in), else a cluster from Debian's packages (`apt-get install postgresql`) started under a temp
 * folder on a free loopback port and removed afterwards. PostgreSQL refuses to run as root, so as root the cluster
 * belongs to the `postgres` user.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { freePort } from './free-port.js';

export interface BenchPostgres {
  /** A fresh, empty schema of its own: its URL (connections use it first). */
  freshDatabase(): Promise<string>;
  /** Where it came from, for the report. */
  origin: string;
  stop(): Promise<void>;
}

const PG_ROOT = '/usr/lib/postgresql';


function withSchemas(url: string, version: string, stop: () => Promise<void>): BenchPostgres {
  const schemas: string[] = [];
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  return {
    origin: version,
    async freshDatabase() {
      const schema = `bench_${randomBytes(5).toString('hex')}`;
      await admin((c) => c.query(`CREATE SCHEMA ${schema}`));
      schemas.push(schema);
      const u = new URL(url);
      u.searchParams.set('options', `-c search_path=${schema}`);
      return u.toString();
    },
    async stop() {
      await admin(async (c) => { for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`); }).catch(() => undefined);
      await stop();
    },
  };
}

/** Starts (or connects to) PostgreSQL; null with the reason when none can be had. */
export async function benchPostgres(): Promise<BenchPostgres | { unavailable: string }> {
  const given = process.env.LAWLINE_BENCH_DATABASE_URL;
  if (given) return withSchemas(given, 'LAWLINE_BENCH_DATABASE_URL', async () => undefined);
  const versions = existsSync(PG_ROOT) ? readdirSync(PG_ROOT).filter((v) => existsSync(join(PG_ROOT, v, 'bin', 'initdb'))).sort((a, b) => Number(a) - Number(b)) : [];
  const version = versions.at(-1);
  if (!version) return { unavailable: 'no PostgreSQL: install Debian\'s package (apt-get install postgresql) or set LAWLINE_BENCH_DATABASE_URL' };
  const bin = join(PG_ROOT, version, 'bin');
  const dir = mkdtempSync(join(tmpdir(), 'lawline-bench-pg-'));
  const root = userInfo().uid === 0;
  const as = (args: string[]) => (root ? ['su', 'postgres', '-s', '/bin/sh', '-c', args.map((a) => `'${a}'`).join(' ')] : args);
  const run = (args: string[]) => {
    const [cmd, ...rest] = as(args);
    const r = spawnSync(cmd!, rest, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${args[0]} failed: ${r.stderr || r.stdout}`);
  };
  if (root) execFileSync('chown', ['postgres', dir]);
  else chownSync(dir, userInfo().uid, userInfo().gid);
  const port = await freePort();
  const data = join(dir, 'data');
  run([join(bin, 'initdb'), '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  // Default durability (fsync on): the bench measures what a real deployment would pay.
  run([join(bin, 'pg_ctl'), '-D', data, '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`, 'start']);
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return withSchemas(url, `PostgreSQL ${version} (Debian package), a throw-away cluster`, async () => {
    try {
      run([join(bin, 'pg_ctl'), '-D', data, '-m', 'fast', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
