/**
 * @module storage/open-state-database
 * Opens the state database the configuration names: PostgreSQL when LAWLINE_DATABASE_URL is set (shared by any
 * number of lawline processes), else the embedded SQLite file `<stateDir>/lawline.sqlite`. Either way the schema
 * is migrated to this release's version before anything reads it.
 */
import type { Logger } from '../logging/logger.js';
import { openDatabase } from './database.js';
import { migrate } from './migration.js';
import { POSTGRES_MIGRATIONS } from './postgres/migrations.js';
import { createPostgresClient } from './postgres/postgres-client.js';
import type { SqlClient } from './sql-client.js';
import { createSqliteClient } from './sqlite/sqlite-client.js';
import { SQLITE_MIGRATIONS } from './sqlite/migrations.js';
import { startWalCheckpointer } from './wal-checkpointer.js';

export interface StateDatabaseOptions {
  /** postgres://…; unset: SQLite in `dir`. */
  url?: string;
  /** Folder of the SQLite file. */
  dir: string;
  log?: Logger;
  /** Query connections per process (PostgreSQL). */
  poolSize?: number;
  /** Checkpoint SQLite's WAL from a worker thread (servers; not short CLI runs). */
  checkpointer?: boolean;
}

/** Opens and migrates the state database. */
export async function openStateDatabase(options: StateDatabaseOptions): Promise<SqlClient> {
  if (options.url) {
    const sql = await createPostgresClient(options.url, { poolSize: options.poolSize, log: options.log });
    try {
      await migrate(sql, POSTGRES_MIGRATIONS);
    } catch (error) {
      await sql.close();
      throw error;
    }
    return sql;
  }
  const db = openDatabase(options.dir, 'lawline');
  // Rebuilding a table (SQLite's way to change a column) drops the old one: with foreign keys on, that would
  // cascade to the rows already copied. They are checked once the migration is done.
  db.pragma('foreign_keys = OFF');
  const sql = createSqliteClient(db);
  try {
    await migrate(sql, SQLITE_MIGRATIONS);
    const broken = db.pragma('foreign_key_check') as unknown[];
    if (broken.length) options.log?.warn('state database: rows whose foreign key points nowhere', { rows: broken.length });
  } catch (error) {
    db.close();
    throw error;
  }
  db.pragma('foreign_keys = ON');
  if (!options.checkpointer) return sql;
  const checkpointer = startWalCheckpointer(db, { onError: (error) => options.log?.warn('background WAL checkpoint failed', { error }) });
  const close = sql.close;
  return Object.assign(sql, {
    async close() {
      await checkpointer.stop();
      await close();
    },
  });
}
