/**
 * @module storage/repositories/preapplication-repository
 * Legal-aid pre-applications and their audited status history. A status change reads and writes under a row
 * lock (PostgreSQL) or SQLite's write lock, so two staff members changing one record cannot both succeed.
 */
import type { SqlClient } from '../sql-client.js';

export interface PreapplicationRow {
  reference: string; name: string; phone: string; county: string | null; matter: string; summary: string;
  eligibility: string; status: string; conversationId: string; channelId: string; userId: string | null;
  createdAt: number; updatedAt: number;
}

export interface HistoryRow { at: number; actor: string; fromStatus: string | null; toStatus: string; note: string | null }

export interface PreapplicationRepository {
  /** Inserts the record and its first history entry; false when the reference is taken. */
  insert(row: PreapplicationRow, first: HistoryRow): Promise<boolean>;
  get(reference: string): Promise<{ row: PreapplicationRow; history: HistoryRow[] } | null>;
  /**
   * Moves a record from its current status to `to` when `allowed(current)` says so, with a history entry.
   * @returns the status found (null when there is no such record) and whether it changed
   */
  changeStatus(reference: string, allowed: (from: string) => boolean, to: string, entry: Omit<HistoryRow, 'fromStatus' | 'toStatus'>): Promise<{ from: string | null; changed: boolean }>;
  /** The reference of the newest record made in a conversation. */
  latestForConversation(channelId: string, conversationId: string): Promise<string | null>;
}

type Row = {
  reference: string; name: string; phone: string; county: string | null; matter: string; summary: string; eligibility: string;
  status: string; conversation_id: string; channel_id: string; user_id: string | null; created_at: number; updated_at: number;
};

const fromRow = (r: Row): PreapplicationRow => ({
  reference: r.reference, name: r.name, phone: r.phone, county: r.county, matter: r.matter, summary: r.summary,
  eligibility: r.eligibility, status: r.status, conversationId: r.conversation_id, channelId: r.channel_id, userId: r.user_id,
  createdAt: Number(r.created_at), updatedAt: Number(r.updated_at),
});

const ADD_HISTORY = 'INSERT INTO preapplication_history (reference, at, actor, from_status, to_status, note) VALUES (?, ?, ?, ?, ?, ?)';

/** @example const repo = createPreapplicationRepository(sql); await repo.get('LA-20261126-4821'); */
export function createPreapplicationRepository(sql: SqlClient): PreapplicationRepository {
  const forUpdate = sql.dialect === 'postgres' ? ' FOR UPDATE' : '';
  return {
    insert(p, first) {
      return sql.transaction(async () => {
        if (await sql.get('SELECT 1 AS x FROM preapplications WHERE reference = ?', [p.reference])) return false;
        // seq orders records made in the same millisecond; the lock makes max+1 safe across processes.
        await sql.run(`INSERT INTO preapplications (reference, name, phone, county, matter, summary, eligibility, status,
          conversation_id, channel_id, user_id, created_at, updated_at, seq)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM preapplications))`,
        [p.reference, p.name, p.phone, p.county, p.matter, p.summary, p.eligibility, p.status, p.conversationId, p.channelId,
          p.userId, p.createdAt, p.updatedAt]);
        await sql.run(ADD_HISTORY, [p.reference, first.at, first.actor, first.fromStatus, first.toStatus, first.note]);
        return true;
      }, { lock: 'preapplications' });
    },
    async get(reference) {
      const row = await sql.get<Row>('SELECT * FROM preapplications WHERE reference = ?', [reference]);
      if (!row) return null;
      const history = await sql.all<{ at: number; actor: string; from_status: string | null; to_status: string; note: string | null }>(
        'SELECT at, actor, from_status, to_status, note FROM preapplication_history WHERE reference = ? ORDER BY id', [reference]);
      return {
        row: fromRow(row),
        history: history.map((h) => ({ at: Number(h.at), actor: h.actor, fromStatus: h.from_status, toStatus: h.to_status, note: h.note })),
      };
    },
    changeStatus(reference, allowed, to, entry) {
      return sql.transaction(async () => {
        const row = await sql.get<{ status: string }>(`SELECT status FROM preapplications WHERE reference = ?${forUpdate}`, [reference]);
        if (!row) return { from: null, changed: false };
        if (!allowed(row.status)) return { from: row.status, changed: false };
        await sql.run('UPDATE preapplications SET status = ?, updated_at = ? WHERE reference = ?', [to, entry.at, reference]);
        await sql.run(ADD_HISTORY, [reference, entry.at, entry.actor, row.status, to, entry.note]);
        return { from: row.status, changed: true };
      });
    },
    async latestForConversation(channelId, conversationId) {
      const row = await sql.get<{ reference: string }>(
        'SELECT reference FROM preapplications WHERE channel_id = ? AND conversation_id = ? ORDER BY created_at DESC, seq DESC LIMIT 1',
        [channelId, conversationId]);
      return row?.reference ?? null;
    },
  };
}
