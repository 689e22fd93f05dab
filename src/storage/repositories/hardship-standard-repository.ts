/**
 * @module storage/repositories/hardship-standard-repository
 * The hardship standard staff set (one row), and the audit of every change to it: who, when, the old and the new
 * value. The amount is kept in fen (integers), as the means test computes.
 */
import type { SqlClient } from '../sql-client.js';

export interface StoredHardshipStandard { year: number; incomeFen: number; source: string; updatedBy: string; updatedAt: number }

export interface StaffDataAuditRow { subject: string; actor: string; at: number; oldValue: string | null; newValue: string | null }

export interface HardshipStandardRepository {
  /** The standard in force, or null while nobody has set it. */
  current(): Promise<StoredHardshipStandard | null>;
  /** Replaces the standard and records the change in the audit, in one transaction; returns the previous one. */
  set(value: StoredHardshipStandard): Promise<StoredHardshipStandard | null>;
  /** The audit of a subject, oldest first. */
  audit(subject: string): Promise<StaffDataAuditRow[]>;
}

export const HARDSHIP_SUBJECT = 'hardship_standard';

type Row = { year: number; income_fen: number; source: string; updated_by: string; updated_at: number };
const fromRow = (r: Row): StoredHardshipStandard => ({
  year: Number(r.year), incomeFen: Number(r.income_fen), source: r.source, updatedBy: r.updated_by, updatedAt: Number(r.updated_at),
});
/** What the audit keeps of a value: the figure and its provenance, not who set it (that is the audit row's actor). */
const auditValue = (v: StoredHardshipStandard | null) => (v ? JSON.stringify({ year: v.year, incomeFen: v.incomeFen, source: v.source }) : null);

/** @example const repo = createHardshipStandardRepository(sql); await repo.current(); */
export function createHardshipStandardRepository(sql: SqlClient): HardshipStandardRepository {
  const forUpdate = sql.dialect === 'postgres' ? ' FOR UPDATE' : '';
  const read = async (suffix = '') => {
    const row = await sql.get<Row>(`SELECT year, income_fen, source, updated_by, updated_at FROM hardship_standard WHERE id = 1${suffix}`);
    return row ? fromRow(row) : null;
  };
  return {
    current: () => read(),
    set(value) {
      // The lock orders two admins' changes, so each audit row's old value is the one it replaced.
      return sql.transaction(async () => {
        const old = await read(forUpdate);
        await sql.run(`INSERT INTO hardship_standard (id, year, income_fen, source, updated_by, updated_at) VALUES (1, ?, ?, ?, ?, ?)
          ON CONFLICT (id) DO UPDATE SET year = excluded.year, income_fen = excluded.income_fen, source = excluded.source,
          updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        [value.year, value.incomeFen, value.source, value.updatedBy, value.updatedAt]);
        await sql.run('INSERT INTO staff_data_audit (subject, actor, at, old_value, new_value) VALUES (?, ?, ?, ?, ?)',
          [HARDSHIP_SUBJECT, value.updatedBy, value.updatedAt, auditValue(old), auditValue(value)]);
        return old;
      }, { lock: HARDSHIP_SUBJECT });
    },
    async audit(subject) {
      return (await sql.all<{ subject: string; actor: string; at: number; old_value: string | null; new_value: string | null }>(
        'SELECT subject, actor, at, old_value, new_value FROM staff_data_audit WHERE subject = ? ORDER BY id', [subject]))
        .map((r) => ({ subject: r.subject, actor: r.actor, at: Number(r.at), oldValue: r.old_value, newValue: r.new_value }));
    },
  };
}
