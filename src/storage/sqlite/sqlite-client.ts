/**
 * @module storage/sqlite/sqlite-client
 * The embedded backend: one better-sqlite3 connection (WAL) behind the async {@link SqlClient}. better-sqlite3 is
 * synchronous, so a transaction that awaits between statements could let another request's statement slip into
 * it: while a transaction is open, statements from outside it wait for it to end. BEGIN IMMEDIATE takes SQLite's
 * write lock at once, so a second connection to the file (the CLI) waits rather than failing mid-transaction.
 * It waits without blocking: SQLite's own busy timeout would hold the event loop, and a connection in the same
 * process holding the lock could then never finish; instead a busy statement is retried after a short pause.
 * Notifications stay in this process: SQLite serves one server process.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { EventEmitter } from 'node:events';
import type { Database, Statement } from 'better-sqlite3';
import { KeyedMutex } from '../async-mutex.js';
import type { SqlClient, SqlValue, TransactionOptions } from '../sql-client.js';

const TX = 'transaction';
/** How long a statement keeps retrying while another connection holds the write lock. */
const BUSY_TIMEOUT_MS = 10_000;

const isBusy = (error: unknown) => (error as { code?: string }).code === 'SQLITE_BUSY';

/** Runs `fn`, retrying (with a growing pause, without blocking the event loop) while the database is busy. */
async function whenFree<T>(fn: () => T): Promise<T> {
  const started = Date.now();
  for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
    try {
      return fn();
    } catch (error) {
      if (!isBusy(error) || Date.now() - started > BUSY_TIMEOUT_MS) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

/**
 * @example const sql = createSqliteClient(openDatabase(dir, 'lawline')); await sql.all('SELECT 1 AS one');
 */
export function createSqliteClient(db: Database): SqlClient & { readonly db: Database } {
  const statements = new Map<string, Statement>();
  const prepare = (sql: string): Statement => {
    let stmt = statements.get(sql);
    if (!stmt) statements.set(sql, (stmt = db.prepare(sql)));
    return stmt;
  };
  const inTransaction = new AsyncLocalStorage<true>();
  const mutex = new KeyedMutex();
  const locks = new KeyedMutex();
  const events = new EventEmitter().setMaxListeners(0);
  db.pragma('busy_timeout = 0');

  // A statement from outside the open transaction waits for it; one from inside (or with none open) runs now.
  const ready = (): Promise<void> | null => (mutex.busy(TX) && !inTransaction.getStore() ? mutex.run(TX, async () => undefined) : null);
  const call = async <T>(fn: () => T): Promise<T> => {
    const wait = ready();
    if (wait) await wait;
    // Inside a transaction the write lock is held already: nothing can be busy.
    return inTransaction.getStore() ? fn() : whenFree(fn);
  };
  const bind = (params: readonly SqlValue[] = []) => params as unknown[];

  const client: SqlClient & { readonly db: Database } = {
    dialect: 'sqlite',
    shared: false,
    db,
    all: <R>(sql: string, params?: readonly SqlValue[]) => call(() => prepare(sql).all(...bind(params)) as R[]),
    get: <R>(sql: string, params?: readonly SqlValue[]) => call(() => prepare(sql).get(...bind(params)) as R | undefined),
    run: (sql, params) => call(() => prepare(sql).run(...bind(params)).changes),
    async transaction<T>(fn: () => Promise<T>, _options?: TransactionOptions): Promise<T> {
      if (inTransaction.getStore()) return fn();
      return mutex.run(TX, () => inTransaction.run(true, async () => {
        await whenFree(() => db.exec('BEGIN IMMEDIATE'));
        try {
          const result = await fn();
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.inTransaction) db.exec('ROLLBACK');
          throw error;
        }
      }));
    },
    tryExclusive: async (lock, fn) => (locks.busy(lock) ? undefined : locks.run(lock, fn)),
    withLock: (lock, fn) => locks.run(lock, fn),
    async notify(channel, payload) {
      // Like PostgreSQL, a notification sent inside a transaction is heard after it commits (here: after it ends).
      if (inTransaction.getStore()) void mutex.run(TX, async () => undefined).then(() => events.emit(channel, payload));
      else queueMicrotask(() => events.emit(channel, payload));
    },
    async listen(channel, handler) {
      events.on(channel, handler);
      return async () => void events.off(channel, handler);
    },
    async close() {
      if (db.open) db.close();
    },
  };
  return client;
}
