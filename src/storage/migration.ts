/**
 * @module storage/migration
 * Versioned schema migrations, one ordered list per backend (sqlite/migrations.ts, postgres/migrations.ts). The
 * versions applied are recorded in `schema_migrations`; opening a database applies the missing ones in order, each
 * in its own transaction, under a cluster-wide lock so that processes starting together migrate once.
 */
import { LawlineError, type ErrorCode } from '../errors.js';
import type { SqlClient } from './sql-client.js';

export interface Migration {
  version: number;
  name: string;
  /** Statements separated by `;` at line ends. */
  sql: string;
}

/** The database is newer than this code (a rollback to an older release): refuse rather than guess. */
export class SchemaTooNewError extends LawlineError {
  override name = 'SchemaTooNewError';
  readonly code: ErrorCode = 'schema_too_new';
}

/** Splits a migration into statements (`;` at the end of a line ends one). */
export function statementsOf(sql: string): string[] {
  return sql.split(/;\s*\n/).map((s) => s.trim().replace(/;$/, '')).filter(Boolean);
}

const CREATE_LOG = 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)';

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migrations must be numbered 1, 2, 3…: "${m.name}" is ${m.version}`);
  });
}

/**
 * Applies the missing migrations; returns the versions applied now.
 * @throws SchemaTooNewError when the database has a version this code does not know
 */
export async function migrate(sql: SqlClient, migrations: readonly Migration[], now = Date.now): Promise<number[]> {
  checkOrder(migrations);
  return sql.transaction(async () => {
    await sql.run(CREATE_LOG);
    const done = new Set((await sql.all<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => Number(r.version)));
    const newest = Math.max(0, ...done);
    if (newest > migrations.length) {
      throw new SchemaTooNewError(`the database schema is version ${newest}, newer than this lawline (${migrations.length}); upgrade lawline`);
    }
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      for (const statement of statementsOf(m.sql)) await sql.run(statement);
      await sql.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, now()]);
      applied.push(m.version);
    }
    return applied;
  }, { lock: 'lawline:migrations' });
}

/** The newest version applied (0 for a database never migrated). */
export async function schemaVersion(sql: SqlClient): Promise<number> {
  await sql.run(CREATE_LOG);
  const row = await sql.get<{ v: number | null }>('SELECT max(version) AS v FROM schema_migrations');
  return Number(row?.v ?? 0);
}
