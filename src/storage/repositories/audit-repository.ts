/**
 * @module storage/repositories/audit-repository
 * What staff did, from the three audit tables: login attempts (`login_audit`, written here), the hand-off's events
 * (`handoff_audit`) and the changes and views of staff data (`staff_data_audit`: hardship standard, cases,
 * offices, knowledge edits, transcript views). One query merges them newest first; each table is read through its
 * (at) or (actor, at) index and cut at the page's end before the merge, so a page costs the same however long
 * the audit grows.
 */
import type { SqlClient, SqlValue } from '../sql-client.js';

/** A login attempt's outcome: accepted, wrong password, the wrong password that started a lock, refused while locked or limited. */
export type LoginEvent = 'success' | 'failure' | 'locked' | 'refused';
export interface LoginAuditRow { username: string; event: LoginEvent; detail: string | null; at: number }

/** Which rows of staff_data_audit, by the subject's prefix. */
export type StaffDataKind = 'transcript' | 'knowledge' | 'other';

/** The tables to read, each with an optional narrower condition; a table left out is not read. */
export interface AuditSources {
  login?: { event?: string };
  /** `notActor`: leave out one actor's rows (the citizen's own steps are not staff actions). */
  handoff?: { event?: string; notActor?: string };
  staffData?: { kind?: StaffDataKind };
}

export interface AuditListQuery {
  sources: AuditSources;
  actor?: string;
  /** Epoch ms, inclusive start and exclusive end. */
  fromMs?: number;
  toMs?: number;
  limit: number;
  offset: number;
}

export interface AuditRow {
  source: 'login' | 'handoff' | 'staff_data';
  at: number;
  actor: string;
  event: string | null;
  subject: string | null;
  detail: string | null;
  oldValue: string | null;
  newValue: string | null;
}

export interface AuditRepository {
  recordLogin(row: LoginAuditRow): Promise<void>;
  /** One page, newest first, and whether more rows follow it. */
  list(query: AuditListQuery): Promise<{ rows: AuditRow[]; more: boolean }>;
}

const PREFIXES: Record<Exclude<StaffDataKind, 'other'>, [string, string]> = {
  // [prefix, the first string after every string with that prefix]: a range the subject index serves.
  transcript: ['transcript:', 'transcript;'],
  knowledge: ['knowledge:', 'knowledge;'],
};

type Branch = { sql: string; params: SqlValue[] };

function branch(select: string, table: string, actorColumn: string, conds: string[], params: SqlValue[], q: AuditListQuery, cut: number): Branch {
  const where = [...conds];
  const all = [...params];
  if (q.actor !== undefined) { where.push(`${actorColumn} = ?`); all.push(q.actor); }
  if (q.fromMs !== undefined) { where.push('at >= ?'); all.push(q.fromMs); }
  if (q.toMs !== undefined) { where.push('at < ?'); all.push(q.toMs); }
  return {
    sql: `SELECT * FROM (SELECT ${select} FROM ${table}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT ${cut}) AS ${table}_page`,
    params: all,
  };
}

type Row = { src: string; id: number | string; at: number | string; actor: string; event: string | null; subject: string | null; detail: string | null; old_value: string | null; new_value: string | null };

/** @example const repo = createAuditRepository(sql); await repo.list({ sources: { login: {} }, limit: 50, offset: 0 }); */
export function createAuditRepository(sql: SqlClient): AuditRepository {
  const NULL = 'CAST(NULL AS TEXT)';
  return {
    async recordLogin(r) {
      await sql.run('INSERT INTO login_audit (username, event, detail, at) VALUES (?, ?, ?, ?)', [r.username, r.event, r.detail, r.at]);
    },
    async list(q) {
      // Every table gives at most the rows up to the page's end (+1 to know whether more follow).
      const cut = q.offset + q.limit + 1;
      const branches: Branch[] = [];
      const { login, handoff, staffData } = q.sources;
      if (login) {
        branches.push(branch(`'login' AS src, id, at, username AS actor, event, ${NULL} AS subject, detail, ${NULL} AS old_value, ${NULL} AS new_value`,
          'login_audit', 'username', login.event ? ['event = ?'] : [], login.event ? [login.event] : [], q, cut));
      }
      if (handoff) {
        const conds = [...(handoff.event ? ['event = ?'] : []), ...(handoff.notActor ? ['actor <> ?'] : [])];
        const params = [...(handoff.event ? [handoff.event] : []), ...(handoff.notActor ? [handoff.notActor] : [])];
        branches.push(branch(`'handoff' AS src, id, at, actor, event, ticket_id AS subject, detail, ${NULL} AS old_value, ${NULL} AS new_value`,
          'handoff_audit', 'actor', conds, params, q, cut));
      }
      if (staffData) {
        const kind = staffData.kind;
        const conds = kind === undefined ? []
          : kind === 'other' ? Object.values(PREFIXES).map(() => 'NOT (subject >= ? AND subject < ?)')
            : ['subject >= ? AND subject < ?'];
        const params = kind === undefined ? [] : kind === 'other' ? Object.values(PREFIXES).flat() : PREFIXES[kind];
        branches.push(branch(`'staff_data' AS src, id, at, actor, ${NULL} AS event, subject, ${NULL} AS detail, old_value, new_value`,
          'staff_data_audit', 'actor', conds, params, q, cut));
      }
      if (!branches.length) return { rows: [], more: false };
      const rows = await sql.all<Row>(
        `SELECT * FROM (${branches.map((b) => b.sql).join(' UNION ALL ')}) AS merged ORDER BY at DESC, src, id DESC LIMIT ? OFFSET ?`,
        [...branches.flatMap((b) => b.params), q.limit + 1, q.offset]);
      return {
        rows: rows.slice(0, q.limit).map((r) => ({
          source: r.src as AuditRow['source'], at: Number(r.at), actor: r.actor, event: r.event, subject: r.subject === null ? null : String(r.subject),
          detail: r.detail, oldValue: r.old_value, newValue: r.new_value,
        })),
        more: rows.length > q.limit,
      };
    },
  };
}
