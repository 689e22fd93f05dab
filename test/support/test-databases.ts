/**
 * The state-database backends every contract suite runs against: SQLite (a fresh temp file each time) always, and
 * PostgreSQL when LAWLINE_TEST_DATABASE_URL names a server (each open gets a schema of its own, dropped on close).
 * Without it the PostgreSQL suites are skipped with the reason printed; under CI (CI=true) a missing server is an
 * error, so CI can never skip them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import { openStateDatabase } from '../../src/storage/open-state-database.js';
import type { SqlClient } from '../../src/storage/sql-client.js';

export const POSTGRES_URL = process.env.LAWLINE_TEST_DATABASE_URL;
export const POSTGRES_SKIP_REASON = 'PostgreSQL suites skipped: set LAWLINE_TEST_DATABASE_URL=postgres://… (.ci/run starts a server and sets it)';

if (!POSTGRES_URL && process.env.CI === 'true') {
  throw new Error('CI must run the PostgreSQL suites: LAWLINE_TEST_DATABASE_URL is not set');
}
// Said in every file that has PostgreSQL suites, beside the skipped suites' titles (which carry it too).
if (!POSTGRES_URL) console.warn(POSTGRES_SKIP_REASON);

export interface TestBackend {
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated, empty state database. */
  open(): Promise<SqlClient>;
  /** Two connections (as two processes would have) to one fresh, migrated database; `close` drops it. */
  openTwo(): Promise<{ a: SqlClient; b: SqlClient; close(): Promise<void> }>;
  /** A fresh database's connection settings for a child process (LAWLINE_DATABASE_URL or LAWLINE_STATE_DIR), and its removal. */
  fresh(): Promise<{ env: Record<string, string>; url?: string; drop(): Promise<void> }>;
}

/** A URL whose connections use `schema` first (created here). */
async function freshSchema(): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const url = new URL(POSTGRES_URL!);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
}

const sqlite: TestBackend = {
  name: 'sqlite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'lawline-sql-'));
    const sql = await openStateDatabase({ dir });
    const close = sql.close;
    return Object.assign(sql, { close: async () => { await close(); rmSync(dir, { recursive: true, force: true }); } });
  },
  async openTwo() {
    const dir = mkdtempSync(join(tmpdir(), 'lawline-sql-'));
    const a = await openStateDatabase({ dir });
    const b = await openStateDatabase({ dir });
    return { a, b, close: async () => { await a.close(); await b.close(); rmSync(dir, { recursive: true, force: true }); } };
  },
  async fresh() {
    const dir = mkdtempSync(join(tmpdir(), 'lawline-state-'));
    return { env: { LAWLINE_STATE_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  },
};

const postgres: TestBackend = {
  name: 'postgres',
  async open() {
    const { url, drop } = await freshSchema();
    const sql = await openStateDatabase({ url, dir: tmpdir(), poolSize: 4 });
    const close = sql.close;
    return Object.assign(sql, { close: async () => { await close(); await drop(); } });
  },
  async openTwo() {
    const { url, drop } = await freshSchema();
    const a = await openStateDatabase({ url, dir: tmpdir(), poolSize: 4 });
    const b = await openStateDatabase({ url, dir: tmpdir(), poolSize: 4 });
    return { a, b, close: async () => { await a.close(); await b.close(); await drop(); } };
  },
  async fresh() {
    const { url, drop } = await freshSchema();
    return { env: { LAWLINE_DATABASE_URL: url }, url, drop };
  },
};

/** The backends to run: SQLite, and PostgreSQL when configured. */
export const BACKENDS: TestBackend[] = POSTGRES_URL ? [sqlite, postgres] : [sqlite];
export const SQLITE = sqlite;
export const POSTGRES: TestBackend | undefined = POSTGRES_URL ? postgres : undefined;


/**
 * Registers `suite` once per backend; without PostgreSQL its copy is registered as skipped, the reason in its title.
 * @example forEachBackend('account store', (backend) => { it('…', async () => { const sql = await backend.open(); … }); });
 */
export function forEachBackend(title: string, suite: (backend: TestBackend) => void): void {
  describe(`${title} [sqlite]`, () => suite(sqlite));
  if (POSTGRES_URL) describe(`${title} [postgres]`, () => suite(postgres));
  else describe.skip(`${title} [postgres] — ${POSTGRES_SKIP_REASON}`, () => suite(postgres));
}
