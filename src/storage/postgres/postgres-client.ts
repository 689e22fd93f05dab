/**
 * @module storage/postgres/postgres-client
 * The shared backend: PostgreSQL through `pg` with a pool, behind the async {@link SqlClient}. Portable `?`
 * placeholders become `$n`. Locks are advisory locks keyed by a hash of their name: transaction locks for
 * `transaction({ lock })`, session locks on a second, small pool for long sections (`withLock`), so a bot turn
 * holding a conversation's lock never starves the pool its own queries need. LISTEN runs on one dedicated
 * connection that reconnects when it drops.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import type { Logger } from '../../logging/logger.js';
import { KeyedMutex } from '../async-mutex.js';
import type { SqlClient, SqlValue, TransactionOptions } from '../sql-client.js';

// One representation for numbers: bigint columns (epoch-ms timestamps, counts) and numerics come back as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

export interface PostgresClientOptions {
  /** Connections for queries and transactions. */
  poolSize?: number;
  /** Connections for long-held locks (concurrent bot turns in this process). */
  lockPoolSize?: number;
  log?: Logger;
}

const converted = new Map<string, string>();
/** `?` → `$1, $2, …` (portable SQL never has a `?` inside a literal). */
export function toPostgresPlaceholders(sql: string): string {
  let out = converted.get(sql);
  if (out === undefined) {
    let n = 0;
    out = sql.replace(/\?/g, () => `$${++n}`);
    converted.set(sql, out);
  }
  return out;
}

/** `hashtext` folds a lock name into the 32-bit key space of advisory locks, the same in every process. */
const LOCK_KEY = 'hashtext(?)';

/**
 * @example const sql = await createPostgresClient('postgres://lawline@db/lawline'); await sql.all('SELECT 1 AS one');
 */
export async function createPostgresClient(url: string, options: PostgresClientOptions = {}): Promise<SqlClient & { pool: pg.Pool; url: string }> {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  const lockPool = new pg.Pool({ connectionString: url, max: options.lockPoolSize ?? 32 });
  // An idle client that loses its connection emits 'error' on the pool; without a listener that would crash.
  pool.on('error', (error) => options.log?.warn('postgres pool: idle connection lost', { error }));
  lockPool.on('error', (error) => options.log?.warn('postgres lock pool: idle connection lost', { error }));
  await pool.query('SELECT 1');
  const current = new AsyncLocalStorage<pg.PoolClient>();
  const sessionLocks = new KeyedMutex();
  const handlers = new Map<string, Set<(payload: string) => void>>();
  let listener: pg.Client | null = null;
  let listening: Promise<pg.Client> | null = null;
  let closed = false;

  // Statements of one transaction may be issued together (Promise.all); its connection takes them one at a time.
  const queues = new WeakMap<pg.PoolClient, Promise<unknown>>();
  const query = async <R>(sql: string, params: readonly SqlValue[] = []) => {
    const text = toPostgresPlaceholders(sql);
    const tx = current.getStore();
    if (!tx) return pool.query(text, params as unknown[]) as unknown as Promise<pg.QueryResult<R & pg.QueryResultRow>>;
    const run = (queues.get(tx) ?? Promise.resolve()).catch(() => undefined).then(() => tx.query(text, params as unknown[]));
    queues.set(tx, run);
    return run as unknown as Promise<pg.QueryResult<R & pg.QueryResultRow>>;
  };

  // LISTEN statements go through one chain: a pg client must not be given a second query while one runs.
  let chain: Promise<unknown> = Promise.resolve();
  const onListener = (c: pg.Client, text: string) => (chain = chain.catch(() => undefined).then(() => c.query(text)));

  async function connectListener(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    if (closed) {
      await c.end();
      throw new Error('postgres client closed');
    }
    c.on('notification', (n) => {
      for (const handler of handlers.get(n.channel) ?? []) handler(n.payload ?? '');
    });
    c.on('error', (error) => {
      options.log?.warn('postgres listener: connection lost; reconnecting', { error });
      listener = null;
      listening = null;
      if (!closed) void ensureListener().catch(() => undefined);
    });
    for (const channel of handlers.keys()) await onListener(c, `LISTEN "${channel}"`);
    listener = c;
    return c;
  }
  const ensureListener = () => (listening ??= connectListener());

  const client: SqlClient & { pool: pg.Pool; url: string } = {
    dialect: 'postgres',
    shared: true,
    pool,
    url,
    all: async (sql, params) => (await query(sql, params)).rows as never,
    get: async (sql, params) => (await query(sql, params)).rows[0] as never,
    run: async (sql, params) => (await query(sql, params)).rowCount ?? 0,
    async transaction<T>(fn: () => Promise<T>, opts: TransactionOptions = {}): Promise<T> {
      if (current.getStore()) {
        if (opts.lock) await query(`SELECT pg_advisory_xact_lock(${LOCK_KEY})`, [opts.lock]);
        return fn();
      }
      const c = await pool.connect();
      let broken: unknown;
      try {
        return await current.run(c, async () => {
          await c.query('BEGIN');
          try {
            if (opts.lock) await c.query('SELECT pg_advisory_xact_lock(hashtext($1))', [opts.lock]);
            const result = await fn();
            await c.query('COMMIT');
            return result;
          } catch (error) {
            await c.query('ROLLBACK').catch((e: unknown) => { broken = e; });
            throw error;
          }
        });
      } finally {
        c.release(broken as Error | undefined);
      }
    },
    async tryExclusive(lock, fn) {
      if (sessionLocks.busy(lock)) return undefined;
      return sessionLocks.run(lock, async () => {
        const c = await lockPool.connect();
        try {
          const got = (await c.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(hashtext($1)) AS ok', [lock])).rows[0]?.ok;
          if (!got) return undefined;
          try {
            return await fn();
          } finally {
            await c.query('SELECT pg_advisory_unlock(hashtext($1))', [lock]);
          }
        } finally {
          c.release();
        }
      });
    },
    withLock(lock, fn) {
      // Callers in this process queue here first, so each process holds at most one lock connection per key.
      return sessionLocks.run(lock, async () => {
        const c = await lockPool.connect();
        let broken: Error | undefined;
        try {
          await c.query('SELECT pg_advisory_lock(hashtext($1))', [lock]);
          try {
            return await fn();
          } finally {
            await c.query('SELECT pg_advisory_unlock(hashtext($1))', [lock]).catch((e: Error) => { broken = e; });
          }
        } finally {
          // A connection whose unlock failed is dropped: closing the session releases its locks.
          c.release(broken);
        }
      });
    },
    async notify(channel, payload) {
      await query('SELECT pg_notify(?, ?)', [channel, payload]);
    },
    async listen(channel, handler) {
      if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new RangeError(`listen: invalid channel name "${channel}"`);
      let set = handlers.get(channel);
      const fresh = !set;
      if (!set) handlers.set(channel, (set = new Set()));
      set.add(handler);
      const c = await ensureListener();
      if (fresh && c === listener) await onListener(c, `LISTEN "${channel}"`);
      return async () => {
        set.delete(handler);
      };
    },
    async close() {
      closed = true;
      const l = listener ?? (await listening?.catch(() => null));
      listener = null;
      await l?.end().catch(() => undefined);
      await Promise.all([pool.end(), lockPool.end()]);
    },
  };
  return client;
}
