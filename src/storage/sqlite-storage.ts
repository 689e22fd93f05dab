/**
 * @module storage/sqlite-storage
 * A botbuilder `Storage` in SQLite with the SDK's eTag semantics (the same as MemoryStorage): unknown keys are
 * absent from a read; a write with `*` or without an eTag overwrites; a write with any other eTag must match the
 * stored one or the whole batch is rejected; every write assigns a fresh eTag.
 */
import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Db } from './database.js';

interface Row { key: string; etag: string; doc: string }

/**
 * Bot state in one SQLite table (`bot_state` by default). Items are stored as JSON, so reads return copies.
 * @example
 * const storage = new SqliteStorage(openDatabase(dataDir, 'lawline'));
 * const conversationState = new ConversationState(storage);
 */
export class SqliteStorage implements Storage {
  private readonly selectOne;
  private readonly upsert;
  private readonly remove;
  private readonly writeAll: (changes: StoreItems) => void;
  private readonly removeAll: (keys: string[]) => void;

  constructor(db: Db, table = 'bot_state') {
    if (!/^[a-z_][a-z0-9_]*$/i.test(table)) throw new RangeError(`SqliteStorage: invalid table name "${table}"`);
    db.exec(`CREATE TABLE IF NOT EXISTS ${table} (
      key TEXT PRIMARY KEY, etag TEXT NOT NULL, doc TEXT NOT NULL, updated_at TEXT NOT NULL)`);
    this.selectOne = db.prepare<[string], Row>(`SELECT key, etag, doc FROM ${table} WHERE key = ?`);
    this.upsert = db.prepare<[string, string, string, string]>(
      `INSERT INTO ${table} (key, etag, doc, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET etag = excluded.etag, doc = excluded.doc, updated_at = excluded.updated_at`,
    );
    this.remove = db.prepare<[string]>(`DELETE FROM ${table} WHERE key = ?`);
    // Built once: better-sqlite3 makes several functions per db.transaction call, and state is written every turn.
    this.writeAll = db.transaction((changes: StoreItems) => {
      const now = new Date().toISOString();
      for (const [key, item] of Object.entries(changes)) {
        const { eTag, ...doc } = (item ?? {}) as { eTag?: string };
        if (eTag && eTag !== '*') {
          const stored = this.selectOne.get(key);
          if (stored && stored.etag !== eTag) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
        }
        this.upsert.run(key, randomUUID(), JSON.stringify(doc), now);
      }
    });
    this.removeAll = db.transaction((keys: string[]) => {
      for (const key of keys) this.remove.run(key);
    });
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.selectOne.get(key);
      if (row) items[key] = { ...JSON.parse(row.doc), eTag: row.etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    // One transaction per batch: a conflict on any key leaves every key untouched.
    this.writeAll(changes);
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    this.removeAll(keys);
  }
}
