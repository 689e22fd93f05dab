/**
 * @module storage/sql-storage
 * A botbuilder `Storage` in the state database (SQLite or PostgreSQL) with the SDK's eTag semantics (the same as
 * MemoryStorage): unknown keys are absent from a read; a write with `*` or without an eTag overwrites; a write
 * with any other eTag must match the stored one or the whole batch is rejected; every write assigns a fresh eTag.
 * The eTag is checked under a row lock (PostgreSQL) or SQLite's write lock, so two processes cannot both win.
 */
import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { SqlClient } from './sql-client.js';

interface Row { key: string; etag: string; doc: string }

/**
 * Bot state in the table `bot_state`. Items are stored as JSON, so reads return copies.
 * @example
 * const storage = new SqlStorage(sql);
 * const conversationState = new ConversationState(storage);
 */
export class SqlStorage implements Storage {
  private readonly forUpdate: string;

  constructor(private readonly sql: SqlClient, private readonly now: () => number = Date.now) {
    this.forUpdate = sql.dialect === 'postgres' ? ' FOR UPDATE' : '';
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    if (!keys.length) return items;
    const rows = await this.sql.all<Row>(`SELECT key, etag, doc FROM bot_state WHERE key IN (${keys.map(() => '?').join(', ')})`, keys);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    for (const key of keys) {
      const row = byKey.get(key);
      if (row) items[key] = { ...JSON.parse(row.doc), eTag: row.etag };
    }
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const entries = Object.entries(changes);
    if (!entries.length) return;
    // One key (what ConversationState and UserState write each turn): one statement, the eTag checked in it.
    if (entries.length === 1) return this.writeOne(entries[0]![0], entries[0]![1]);
    // One transaction per batch: a conflict on any key leaves every key untouched.
    await this.sql.transaction(async () => {
      const now = this.now();
      for (const [key, item] of entries) {
        const { eTag, ...doc } = (item ?? {}) as { eTag?: string };
        if (eTag && eTag !== '*') {
          const stored = await this.sql.get<{ etag: string }>(`SELECT etag FROM bot_state WHERE key = ?${this.forUpdate}`, [key]);
          if (stored && stored.etag !== eTag) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
        }
        await this.sql.run(
          `INSERT INTO bot_state (key, etag, doc, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, doc = excluded.doc, updated_at = excluded.updated_at`,
          [key, randomUUID(), JSON.stringify(doc), now]);
      }
    });
  }

  private async writeOne(key: string, item: unknown): Promise<void> {
    const { eTag, ...doc } = (item ?? {}) as { eTag?: string };
    const checked = eTag && eTag !== '*';
    const written = await this.sql.get<{ key: string }>(
      `INSERT INTO bot_state (key, etag, doc, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, doc = excluded.doc, updated_at = excluded.updated_at
       ${checked ? 'WHERE bot_state.etag = ?' : ''} RETURNING key`,
      [key, randomUUID(), JSON.stringify(doc), this.now(), ...(checked ? [eTag] : [])]);
    if (!written) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    if (!keys.length) return;
    await this.sql.run(`DELETE FROM bot_state WHERE key IN (${keys.map(() => '?').join(', ')})`, keys);
  }
}
