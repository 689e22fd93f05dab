/**
 * @module storage/repositories/upkeep-repository
 * Knowledge upkeep's store: the review queue (clusters of near-identical questions and the signals that fed them)
 * and the staff's knowledge edits with the knowledge version they bump. Every edit, undo and dismissal is written
 * to `staff_data_audit` in the same transaction (subjects start with `knowledge:`). Questions arrive masked.
 */
import type { SqlClient } from '../sql-client.js';

export interface SignalRow {
  reason: string; question: string; channelId: string | null; conversationId: string | null; at: number;
}

/** An open cluster as clustering compares it: its representative question. */
export interface OpenItem { id: number; question: string }

export interface QueueRow {
  id: number; question: string; count: number;
  /** Signals per reason. */
  reasons: Record<string, number>;
  /** Distinct questions of the cluster, newest first. */
  examples: string[];
  createdAt: number; updatedAt: number;
}

export interface StoredItem {
  id: number; question: string; status: 'open' | 'resolved'; count: number; createdAt: number;
  resolvedAt: number | null; resolvedBy: string | null; resolution: string | null;
}

export interface StoredEdit {
  id: number; version: number; kind: string; target: string; doc: string; itemId: number | null;
  createdBy: string; createdAt: number; undoneAt: number | null; undoneBy: string | null; undoneVersion: number | null;
}

export interface NewEdit { kind: string; target: string; doc: string; itemId: number | null; by: string; at: number }

/** Why a write was refused: the item is not in the queue (unknown or already resolved), or the edit is unknown or already undone. */
export type Refusal = 'item_not_open' | 'edit_not_live';

export interface UpkeepRepository {
  /**
   * Adds a signal to the cluster `cluster` picks among the open items (most recently active first, at most
   * CLUSTER_CANDIDATES), or to a new item when it picks none; one process at a time, so a burst makes one cluster.
   */
  addSignal(signal: SignalRow, cluster: (open: OpenItem[]) => number | null): Promise<{ itemId: number; created: boolean }>;
  /** Open items, most signals first, with their reasons and up to `examples` distinct questions each. */
  queue(options: { limit: number; examples: number }): Promise<QueueRow[]>;
  item(id: number): Promise<StoredItem | null>;
  /** Closes an open item without an edit (a dismissal), audited under `subject`. */
  dismiss(id: number, by: string, at: number, resolution: string, subject: string): Promise<StoredItem | Refusal>;
  /** The knowledge version: bumped by every edit and undo. */
  version(): Promise<number>;
  /**
   * Stores an edit under a new version, audited under `subject`, and resolves its item (when it came from one) in
   * the same transaction.
   */
  addEdit(edit: NewEdit, subject: string, resolution: string): Promise<StoredEdit | Refusal>;
  /** Marks a live edit undone under a new version, audited, and puts its item back in the queue. */
  undoEdit(id: number, by: string, at: number, subject: string): Promise<StoredEdit | Refusal>;
  /** Edits, oldest first; only those not undone when `live`. */
  edits(options?: { live?: boolean }): Promise<StoredEdit[]>;
  edit(id: number): Promise<StoredEdit | null>;
  /** Items open now (created before `toMs`), and those resolved in [fromMs, toMs) with how long each took. */
  counts(period: { fromMs: number; toMs: number }): Promise<{ open: number; resolvedMs: number[] }>;
}

/** Open clusters a new signal is compared with: the most recently active ones. */
export const CLUSTER_CANDIDATES = 2000;

type ItemRow = { id: number; question: string; status: 'open' | 'resolved'; signals: number; created_at: number; resolved_at: number | null; resolved_by: string | null; resolution: string | null };
type EditRow = { id: number; version: number; kind: string; target: string; doc: string; item_id: number | null; created_by: string; created_at: number; undone_at: number | null; undone_by: string | null; undone_version: number | null };

const num = (x: number | string | null) => (x === null ? null : Number(x));
const fromItem = (r: ItemRow): StoredItem => ({
  id: Number(r.id), question: r.question, status: r.status, count: Number(r.signals), createdAt: Number(r.created_at),
  resolvedAt: num(r.resolved_at), resolvedBy: r.resolved_by, resolution: r.resolution,
});
const fromEdit = (r: EditRow): StoredEdit => ({
  id: Number(r.id), version: Number(r.version), kind: r.kind, target: r.target, doc: r.doc, itemId: num(r.item_id),
  createdBy: r.created_by, createdAt: Number(r.created_at), undoneAt: num(r.undone_at), undoneBy: r.undone_by, undoneVersion: num(r.undone_version),
});
const EDIT_COLUMNS = 'id, version, kind, target, doc, item_id, created_by, created_at, undone_at, undone_by, undone_version';
const ITEM_COLUMNS = 'id, question, status, signals, created_at, resolved_at, resolved_by, resolution';

/** @example const repo = createUpkeepRepository(sql); await repo.queue({ limit: 50, examples: 3 }); */
export function createUpkeepRepository(sql: SqlClient): UpkeepRepository {
  const forUpdate = sql.dialect === 'postgres' ? ' FOR UPDATE' : '';
  const audit = (subject: string, actor: string, at: number, oldValue: string | null, newValue: string | null) =>
    sql.run('INSERT INTO staff_data_audit (subject, actor, at, old_value, new_value) VALUES (?, ?, ?, ?, ?)', [subject, actor, at, oldValue, newValue]);
  const bump = async () => Number((await sql.get<{ version: number }>('UPDATE knowledge_state SET version = version + 1 WHERE id = 1 RETURNING version'))!.version);
  const readItem = async (id: number, suffix = '') => {
    const row = await sql.get<ItemRow>(`SELECT ${ITEM_COLUMNS} FROM upkeep_items WHERE id = ?${suffix}`, [id]);
    return row ? fromItem(row) : null;
  };
  const readEdit = async (id: number, suffix = '') => {
    const row = await sql.get<EditRow>(`SELECT ${EDIT_COLUMNS} FROM knowledge_edits WHERE id = ?${suffix}`, [id]);
    return row ? fromEdit(row) : null;
  };
  /** Resolves an open item; false when it is not open. */
  const resolveItem = async (id: number, by: string, at: number, resolution: string) =>
    (await sql.run(`UPDATE upkeep_items SET status = 'resolved', resolved_at = ?, resolved_by = ?, resolution = ?, updated_at = ?
      WHERE id = ? AND status = 'open'`, [at, by, resolution, at, id])) === 1;

  return {
    addSignal(s, cluster) {
      return sql.transaction(async () => {
        const open = (await sql.all<{ id: number; question: string }>(
          `SELECT id, question FROM upkeep_items WHERE status = 'open' ORDER BY updated_at DESC LIMIT ${CLUSTER_CANDIDATES}`))
          .map((r) => ({ id: Number(r.id), question: r.question }));
        let itemId = cluster(open);
        const created = itemId === null;
        if (itemId === null) {
          itemId = Number((await sql.get<{ id: number }>(
            'INSERT INTO upkeep_items (question, status, signals, created_at, updated_at) VALUES (?, \'open\', 0, ?, ?) RETURNING id', [s.question, s.at, s.at]))!.id);
        }
        await sql.run('INSERT INTO upkeep_signals (item_id, reason, question, channel_id, conversation_id, at) VALUES (?, ?, ?, ?, ?, ?)',
          [itemId, s.reason, s.question, s.channelId, s.conversationId, s.at]);
        await sql.run('UPDATE upkeep_items SET signals = signals + 1, updated_at = ? WHERE id = ?', [s.at, itemId]);
        return { itemId, created };
      }, { lock: 'upkeep-queue' });
    },
    async queue({ limit, examples }) {
      const items = await sql.all<ItemRow & { updated_at: number }>(
        `SELECT ${ITEM_COLUMNS}, updated_at FROM upkeep_items WHERE status = 'open' ORDER BY signals DESC, updated_at DESC, id LIMIT ?`, [limit]);
      if (!items.length) return [];
      const ids = items.map((i) => Number(i.id));
      const marks = ids.map(() => '?').join(', ');
      const reasons = await sql.all<{ item_id: number; reason: string; n: number }>(
        `SELECT item_id, reason, count(*) AS n FROM upkeep_signals WHERE item_id IN (${marks}) GROUP BY item_id, reason`, ids);
      // Newest first; distinct questions are picked here (a cluster's signals are few: near-identical questions).
      const said = await sql.all<{ item_id: number; question: string }>(
        `SELECT item_id, question FROM upkeep_signals WHERE item_id IN (${marks}) ORDER BY id DESC`, ids);
      return items.map((i) => {
        const id = Number(i.id);
        const mine = [...new Set(said.filter((s) => Number(s.item_id) === id).map((s) => s.question))].slice(0, examples);
        return {
          id, question: i.question, count: Number(i.signals),
          reasons: Object.fromEntries(reasons.filter((r) => Number(r.item_id) === id).map((r) => [r.reason, Number(r.n)])),
          examples: mine, createdAt: Number(i.created_at), updatedAt: Number(i.updated_at),
        };
      });
    },
    item: (id) => readItem(id),
    dismiss(id, by, at, resolution, subject) {
      return sql.transaction(async () => {
        const before = await readItem(id, forUpdate);
        if (!before || !(await resolveItem(id, by, at, resolution))) return 'item_not_open' as const;
        await audit(subject, by, at, JSON.stringify({ status: 'open', question: before.question }), resolution);
        return (await readItem(id))!;
      }, { lock: 'knowledge' });
    },
    async version() {
      return Number((await sql.get<{ version: number }>('SELECT version FROM knowledge_state WHERE id = 1'))?.version ?? 0);
    },
    addEdit(e, subject, resolution) {
      return sql.transaction(async () => {
        if (e.itemId !== null && !(await resolveItem(e.itemId, e.by, e.at, resolution))) return 'item_not_open' as const;
        const version = await bump();
        const id = Number((await sql.get<{ id: number }>(
          'INSERT INTO knowledge_edits (version, kind, target, doc, item_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id',
          [version, e.kind, e.target, e.doc, e.itemId, e.by, e.at]))!.id);
        await audit(subject, e.by, e.at, null, JSON.stringify({ edit: id, version, kind: e.kind, target: e.target, doc: JSON.parse(e.doc) }));
        return (await readEdit(id))!;
      }, { lock: 'knowledge' });
    },
    undoEdit(id, by, at, subject) {
      return sql.transaction(async () => {
        const edit = await readEdit(id, forUpdate);
        if (!edit || edit.undoneAt !== null) return 'edit_not_live' as const;
        const version = await bump();
        await sql.run('UPDATE knowledge_edits SET undone_at = ?, undone_by = ?, undone_version = ? WHERE id = ?', [at, by, version, id]);
        if (edit.itemId !== null) {
          await sql.run(`UPDATE upkeep_items SET status = 'open', resolved_at = NULL, resolved_by = NULL, resolution = NULL, updated_at = ?
            WHERE id = ?`, [at, edit.itemId]);
        }
        await audit(subject, by, at, JSON.stringify({ edit: id, version: edit.version, kind: edit.kind, target: edit.target, doc: JSON.parse(edit.doc) }),
          JSON.stringify({ edit: id, undone: true, version }));
        return (await readEdit(id))!;
      }, { lock: 'knowledge' });
    },
    async edits(options = {}) {
      const where = options.live ? ' WHERE undone_at IS NULL' : '';
      return (await sql.all<EditRow>(`SELECT ${EDIT_COLUMNS} FROM knowledge_edits${where} ORDER BY id`)).map(fromEdit);
    },
    edit: (id) => readEdit(id),
    async counts({ fromMs, toMs }) {
      const open = await sql.get<{ n: number }>('SELECT count(*) AS n FROM upkeep_items WHERE status = \'open\' AND created_at < ?', [toMs]);
      const resolved = await sql.all<{ created_at: number; resolved_at: number }>(
        'SELECT created_at, resolved_at FROM upkeep_items WHERE resolved_at >= ? AND resolved_at < ?', [fromMs, toMs]);
      return { open: Number(open?.n ?? 0), resolvedMs: resolved.map((r) => Number(r.resolved_at) - Number(r.created_at)) };
    },
  };
}
