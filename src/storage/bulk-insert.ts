/**
 * @module storage/bulk-insert
 * Many rows into one of the service tables at once, in multi-row INSERTs inside one transaction: how the bench
 * fills a throw-away database with a year of synthetic traffic (hundreds of thousands of rows) in seconds rather than
 * one statement per row. Only the tables and columns listed here can be written this way.
 */
import type { SqlClient, SqlValue } from './sql-client.js';

/** The tables the dashboard reads, and the columns a bulk row gives, in order. */
export const BULK_COLUMNS = {
  consultations: ['at', 'day', 'channel_id', 'conversation_id', 'intent', 'topic', 'county', 'outcome', 'risk'],
  eligibility_checks: ['at', 'day', 'channel_id', 'conversation_id', 'county', 'decision', 'means_test'],
  handoff_tickets: ['id', 'channel_id', 'conversation_id', 'reason', 'status', 'priority', 'topic', 'county', 'language', 'summary', 'transcript',
    'created_at', 'assigned_at', 'closed_at'],
  handoff_ratings: ['ticket_id', 'lawyer', 'topic', 'county', 'score', 'comment', 'created_at'],
  handoff_callbacks: ['ticket_id', 'phone', 'preferred_time', 'topic', 'county', 'created_at', 'status', 'closed_at'],
  preapplications: ['reference', 'name', 'phone', 'county', 'matter', 'summary', 'eligibility', 'status', 'conversation_id', 'channel_id',
    'created_at', 'updated_at'],
  preapplication_history: ['reference', 'at', 'actor', 'from_status', 'to_status', 'note'],
  answer_feedback: ['conversation_id', 'question', 'helpful', 'comment', 'created_at', 'day'],
} as const;

export type BulkTable = keyof typeof BULK_COLUMNS;

/** Bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMS = 30_000;

/**
 * @param rows each row's values in the order of {@link BULK_COLUMNS}[table]
 * @example await bulkInsert(sql, 'answer_feedback', [['c1', '问', 1, null, Date.now(), '2026-12-04']])
 */
export async function bulkInsert(sql: SqlClient, table: BulkTable, rows: readonly SqlValue[][]): Promise<void> {
  const columns = BULK_COLUMNS[table];
  const perStatement = Math.floor(MAX_PARAMS / columns.length);
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  await sql.transaction(async () => {
    for (let i = 0; i < rows.length; i += perStatement) {
      const chunk = rows.slice(i, i + perStatement);
      for (const row of chunk) if (row.length !== columns.length) throw new RangeError(`bulkInsert ${table}: a row has ${row.length} values, expected ${columns.length}`);
      await sql.run(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${chunk.map(() => tuple).join(', ')}`, chunk.flat());
    }
  });
}
