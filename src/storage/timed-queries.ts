/**
 * @module storage/timed-queries
 * Reports how long each statement of a SQL client takes (for the operator's "database time" metric), without the
 * repositories knowing: the client's query methods are wrapped in place, once, before any store is built on it.
 */
import type { SqlClient } from './sql-client.js';

const WRAPPED = new WeakSet<SqlClient>();

/** Calls `observe(seconds)` after every `all`, `get` and `run` on `sql`; returns `sql`. */
export function timeQueries<T extends SqlClient>(sql: T, observe: (seconds: number) => void): T {
  if (WRAPPED.has(sql)) return sql;
  WRAPPED.add(sql);
  for (const method of ['all', 'get', 'run'] as const) {
    const inner = sql[method].bind(sql) as (...args: unknown[]) => Promise<unknown>;
    (sql as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      const started = performance.now();
      try {
        return await inner(...args);
      } finally {
        observe((performance.now() - started) / 1000);
      }
    };
  }
  return sql;
}
