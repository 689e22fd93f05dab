/**
 * @module storage/sql-client
 * The one seam between lawline's repositories and a database engine. Repositories write portable SQL with `?`
 * placeholders; each backend (sqlite/, postgres/) runs it. A transaction is ambient: inside `transaction(fn)`
 * every call on the same client joins it (AsyncLocalStorage), so a repository method called from a hand-off step
 * needs no transaction handle passed down.
 */

/** A value bound to a `?` placeholder. Timestamps are epoch milliseconds (numbers) in every table. */
export type SqlValue = string | number | null | Buffer;

export type Dialect = 'sqlite' | 'postgres';

export interface SqlExecutor {
  readonly dialect: Dialect;
  /** Every row of a query. */
  all<R>(sql: string, params?: readonly SqlValue[]): Promise<R[]>;
  /** The first row, or undefined. */
  get<R>(sql: string, params?: readonly SqlValue[]): Promise<R | undefined>;
  /** A statement without rows; returns the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface TransactionOptions {
  /**
   * A cluster-wide lock held until the transaction ends: every process (and every caller in this process)
   * that names the same lock runs its transaction after the others'.
   */
  lock?: string;
}

export interface SqlClient extends SqlExecutor {
  /** Runs `fn` in one transaction (joined by nested calls); commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: () => Promise<T>, options?: TransactionOptions): Promise<T>;
  /**
   * Runs `fn` only when no other process holds `lock`, holding it meanwhile (outside any transaction, so `fn` may
   * take its time); returns undefined when another process had it. For timers that must run once per cluster.
   */
  tryExclusive<T>(lock: string, fn: () => Promise<T>): Promise<T | undefined>;
  /**
   * Runs `fn` holding `lock` (waiting for it), outside any transaction: for long sections such as a bot turn.
   * One process: an in-process queue; PostgreSQL: a session advisory lock on a connection kept for locks.
   */
  withLock<T>(lock: string, fn: () => Promise<T>): Promise<T>;
  /** Sends `payload` to every process listening on `channel` once the current transaction (if any) commits. */
  notify(channel: string, payload: string): Promise<void>;
  /** Calls `handler` for every notification on `channel` from any process (this one included). */
  listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
  /** True when several processes can share this database (so events must cross processes). */
  readonly shared: boolean;
  close(): Promise<void>;
}

/** An epoch-ms column as the ISO string the HTTP API shows. */
export const toIso = (ms: number | string): string => new Date(Number(ms)).toISOString();
