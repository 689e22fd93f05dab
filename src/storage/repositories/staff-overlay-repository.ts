/**
 * @module storage/repositories/staff-overlay-repository
 * Items staff keep over a data file: typical cases (`staff_cases`, over case-library/) and service offices
 * (`staff_offices`, over knowledge/region/). A row holds the item as JSON (validated before it gets here) and
 * replaces the file's item with the same id, or adds one. Every write records who, when, the old and the new value
 * in `staff_data_audit` (subject `case:<id>` / `office:<id>`), in the same transaction.
 */
import { ConflictError } from '../../errors.js';
import type { SqlClient } from '../sql-client.js';

export interface OverlayRow { id: string; doc: string; updatedBy: string; updatedAt: number }

export interface OverlayRepository {
  /** Every staff-kept item, by id. */
  list(): Promise<OverlayRow[]>;
  /** The latest change's time (0 when none): lets a cache tell cheaply whether it is stale. */
  lastChange(): Promise<{ count: number; at: number }>;
  /**
   * Stores `row` (replacing the staff version of that id) and audits the change. `fileDoc` is the file's version,
   * the old value when staff had not changed this item before. Returns the row it replaced, if any.
   * @throws ConflictError with `create` when a staff row with this id exists already
   */
  put(row: OverlayRow, fileDoc: string | null, options?: { create?: boolean }): Promise<OverlayRow | null>;
}

/** Subject of an item's rows in staff_data_audit. */
export const caseSubject = (id: string): string => `case:${id}`;
export const officeSubject = (id: string): string => `office:${id}`;

type Row = { id: string; doc: string; updated_by: string; updated_at: number | string };
const fromRow = (r: Row): OverlayRow => ({ id: r.id, doc: r.doc, updatedBy: r.updated_by, updatedAt: Number(r.updated_at) });

function overlayRepository(sql: SqlClient, table: 'staff_cases' | 'staff_offices', subject: (id: string) => string,
  extra: (doc: string) => Record<string, number>): OverlayRepository {
  const forUpdate = sql.dialect === 'postgres' ? ' FOR UPDATE' : '';
  return {
    async list() {
      return (await sql.all<Row>(`SELECT id, doc, updated_by, updated_at FROM ${table} ORDER BY id`)).map(fromRow);
    },
    async lastChange() {
      const r = await sql.get<{ n: number | string; at: number | string | null }>(`SELECT count(*) AS n, max(updated_at) AS at FROM ${table}`);
      return { count: Number(r?.n ?? 0), at: Number(r?.at ?? 0) };
    },
    put(row, fileDoc, options = {}) {
      // The lock orders two admins' edits of one item, so each audit row's old value is the one it replaced.
      return sql.transaction(async () => {
        const old = await sql.get<Row>(`SELECT id, doc, updated_by, updated_at FROM ${table} WHERE id = ?${forUpdate}`, [row.id]);
        if (old && options.create) throw new ConflictError(`${row.id} exists already`);
        const cols = { ...extra(row.doc) };
        const names = Object.keys(cols);
        await sql.run(`INSERT INTO ${table} (id, doc, updated_by, updated_at${names.map((n) => `, ${n}`).join('')})
          VALUES (?, ?, ?, ?${names.map(() => ', ?').join('')})
          ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, updated_by = excluded.updated_by, updated_at = excluded.updated_at${names.map((n) => `, ${n} = excluded.${n}`).join('')}`,
        [row.id, row.doc, row.updatedBy, row.updatedAt, ...Object.values(cols)]);
        await sql.run('INSERT INTO staff_data_audit (subject, actor, at, old_value, new_value) VALUES (?, ?, ?, ?, ?)',
          [subject(row.id), row.updatedBy, row.updatedAt, old ? old.doc : fileDoc, row.doc]);
        return old ? fromRow(old) : null;
      }, { lock: `${table}:${row.id}` });
    },
  };
}

/** @example const repo = createStaffCaseRepository(sql); await repo.list(); */
export function createStaffCaseRepository(sql: SqlClient): OverlayRepository {
  return overlayRepository(sql, 'staff_cases', caseSubject, (doc) => ({ year: Number((JSON.parse(doc) as { year: number }).year) }));
}

/** @example const repo = createStaffOfficeRepository(sql); await repo.put({ id: 'qy-legal-aid', doc, updatedBy: 'boss', updatedAt: Date.now() }, null); */
export function createStaffOfficeRepository(sql: SqlClient): OverlayRepository {
  return overlayRepository(sql, 'staff_offices', officeSubject, () => ({}));
}
