/**
 * @module storage/database
 * Opens SQLite files under the data directory (./data by default, LAWLINE_DATA_DIR to change).
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export type Db = Database.Database;

/** Opens (creating if needed) `<dataDir>/<name>.sqlite` in WAL mode, safe against a kill -9. */
export function openDatabase(dataDir: string, name: string): Db {
  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, `${name}.sqlite`));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}
