/**
 * @module storage/sqlite/memory-state-database
 * A throw-away state database in memory, migrated at once (synchronously, which only SQLite allows): for a bot
 * built without a state store, and for tests.
 */
import Database from 'better-sqlite3';
import { statementsOf } from '../migration.js';
import type { SqlClient } from '../sql-client.js';
import { SQLITE_MIGRATIONS } from './migrations.js';
import { createSqliteClient } from './sqlite-client.js';

/** @example const sql = memoryStateDatabase(); const repo = createAccountRepository(sql); */
export function memoryStateDatabase(): SqlClient & { readonly db: Database.Database } {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = OFF'); // as in openStateDatabase: table rebuilds must not cascade
  db.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
  db.transaction(() => {
    for (const m of SQLITE_MIGRATIONS) {
      for (const statement of statementsOf(m.sql)) db.exec(statement);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
    }
  })();
  db.pragma('foreign_keys = ON');
  return createSqliteClient(db);
}
