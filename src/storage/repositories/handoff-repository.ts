/**
 * @module storage/repositories/handoff-repository
 * The hand-off tables: tickets, offers, messages, callbacks, ratings, audit events, roster and presence, plus
 * `handoff_state.version`, a counter bumped by every exclusive section that wrote. The hand-off module mirrors the
 * open tickets, presence and roster in memory; a process whose mirror carries another version reloads it — only the
 * tickets written since its version (each row keeps the version that last wrote it in `state_version`). Ticket
 * rows travel as column → value records (JSON columns as text): the module owns their meaning.
 *
 * `exclusive(fn)` runs `fn` in one transaction holding the cluster-wide `handoff` lock (an advisory lock in
 * PostgreSQL; SQLite's write lock and an in-process queue otherwise), so offers, accepts, timeouts and citizen
 * messages from any number of processes apply one after another to the same state.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SqlClient, SqlValue } from '../sql-client.js';

/** A ticket row: column name → value (JSON columns as text). */
export type TicketRow = Record<string, unknown>;

export interface HandoffMessageRow { id: number; ticket_id: string; kind: string; author: string | null; text: string; at: number; delivered: number | null }
export interface CallbackRow { id: number; ticket_id: string; phone: string; preferred_time: string | null; topic: string | null; county: string | null; created_at: number; status: string }
export interface AuditRow { actor: string; event: string; detail: string | null; at: number }

/** The channel other processes hear of hand-off changes on. */
export const HANDOFF_EVENTS = 'lawline_handoff';

/** Integer columns of a ticket row (PostgreSQL's BIGINTs are parsed to numbers already; this keeps SQLite's as they are). */
const TICKET_COLUMNS = [
  'id', 'channel_id', 'conversation_id', 'reference', 'reason', 'status', 'priority', 'priority_reason', 'topic', 'county',
  'language', 'summary', 'transcript', 'lawyer', 'offered_to', 'offer_expires_at', 'missed_by', 'created_at', 'assigned_at',
  'closed_at', 'last_citizen_at', 'lawyer_since_citizen', 'awaiting', 'return_to_bot',
] as const;
const COLUMN_SET = new Set<string>(TICKET_COLUMNS);
const OPEN_WHERE = `status IN ('queued','offered','assigned') OR awaiting != 'none'`;

function checkColumns(keys: string[]): void {
  for (const k of keys) if (!COLUMN_SET.has(k)) throw new RangeError(`handoff ticket: unknown column "${k}"`);
}

export interface HandoffRepository {
  /** Runs `fn` alone across the cluster; `fn` learns whether another process changed the state since `version`. */
  exclusive<T>(fn: (state: { version: number }) => Promise<T>): Promise<{ result: T; version: number }>;
  /** True inside `exclusive`. */
  inExclusive(): boolean;
  /** Marks the running exclusive section as having changed what processes mirror. */
  changed(): void;
  version(): Promise<number>;
  /** Open tickets (owning a conversation) with their insertion order. */
  openTickets(): Promise<Array<{ row: TicketRow; seq: number }>>;
  /** Tickets (open or not) written after state version `since`. */
  ticketsChangedSince(since: number): Promise<Array<{ row: TicketRow; seq: number }>>;
  ticket(id: string): Promise<{ row: TicketRow; seq: number } | undefined>;
  /** Ids of every ticket a conversation had, oldest first. */
  ticketIdsFor(channelId: string, conversationId: string): Promise<string[]>;
  /** Inserts a ticket; returns its insertion order. */
  insertTicket(row: TicketRow): Promise<number>;
  updateTicket(id: string, patch: TicketRow): Promise<void>;
  incrementLawyerMessages(id: string): Promise<void>;
  audit(ticketId: string | null, actor: string, event: string, detail: string | null, at: number): Promise<void>;
  auditLog(ticketId: string): Promise<AuditRow[]>;
  /** The newest `limit` acceptances: when, and the wait from arrival. */
  recentWaits(limit: number): Promise<Array<{ at: number; w: number }>>;
  addMessage(ticketId: string, kind: string, author: string | null, text: string, at: number): Promise<number>;
  markDelivered(messageId: number, ok: boolean): Promise<void>;
  messages(ticketId: string, afterId: number): Promise<HandoffMessageRow[]>;
  addOffer(ticketId: string, lawyer: string, at: number, expiresAt: number): Promise<void>;
  resolveOffer(ticketId: string, outcome: string, at: number): Promise<void>;
  offers(ticketId: string): Promise<Array<{ lawyer: string; outcome: string; offered_at: number }>>;
  addCallback(c: { ticketId: string; phone: string; preferredTime: string | null; topic: string | null; county: string | null; createdAt: number }): Promise<number>;
  setCallbackTime(ticketId: string, preferred: string): Promise<void>;
  callbacks(status: string): Promise<CallbackRow[]>;
  /** Closes an open callback at `at` (epoch ms); returns its ticket id, or null when it was not open. */
  closeCallback(id: number, status: string, at: number): Promise<string | null>;
  addRating(r: { ticketId: string; lawyer: string | null; topic: string | null; county: string | null; score: number; comment: string | null; at: number }): Promise<void>;
  replaceRoster(lawyers: Array<{ username: string; doc: string }>, at: number): Promise<void>;
  /** Roster documents (JSON), by username. */
  roster(): Promise<string[]>;
  setPresence(username: string, status: string, at: number): Promise<void>;
  touch(username: string, at: number): Promise<void>;
  presence(): Promise<Array<{ username: string; status: string; last_seen: number }>>;
  /** Figures for the admin dashboard over tickets created since `since`. */
  stats(since: number): Promise<HandoffStatsRows>;
}

export interface HandoffStatsRows {
  waits: number[];
  tickets: number; abandoned: number; waiting: number; callbacks: number; missedOffers: number;
  rating: { n: number; avg: number | null };
  ratingsBy: Record<'lawyer' | 'topic' | 'county', Array<{ key: string | null; n: number; avg: number }>>;
}

const num = (v: unknown) => (v === null || v === undefined ? v : Number(v));
/** PostgreSQL hands BIGINT columns back as numbers (see postgres-client); SQLite as numbers too. Ids of text stay text. */
function normalise(row: Record<string, unknown>): { row: TicketRow; seq: number } {
  const { seq, ...rest } = row;
  for (const k of ['priority', 'offer_expires_at', 'created_at', 'assigned_at', 'closed_at', 'last_citizen_at', 'lawyer_since_citizen', 'return_to_bot']) {
    rest[k] = num(rest[k]);
  }
  return { row: rest, seq: Number(seq) };
}

/** @example const repo = createHandoffRepository(sql); await repo.exclusive(async () => repo.insertTicket(row)); */
export function createHandoffRepository(sql: SqlClient): HandoffRepository {
  // The running exclusive section: whether it wrote, and the version its writes will carry.
  const section = new AsyncLocalStorage<{ dirty: boolean; next: number }>();
  const writingVersion = () => section.getStore()?.next ?? 0;
  const columns = TICKET_COLUMNS.join(', ');
  const ratingKeys = { lawyer: 'lawyer', topic: 'topic', county: 'county' } as const;
  const count = async (q: string, since: number) => Number((await sql.get<{ n: number }>(q, [since]))?.n ?? 0);

  const repo: HandoffRepository = {
    async exclusive(fn) {
      const open = section.getStore();
      if (open) return { result: await fn({ version: open.next - 1 }), version: open.next - 1 };
      const mark = { dirty: false, next: 0 };
      return sql.transaction(() => section.run(mark, async () => {
        const before = await repo.version();
        mark.next = before + 1;
        const result = await fn({ version: before });
        if (!mark.dirty) return { result, version: before };
        await sql.run('UPDATE handoff_state SET version = version + 1 WHERE id = 1');
        // Heard by the other processes once this transaction commits.
        await sql.notify(HANDOFF_EVENTS, String(before + 1));
        return { result, version: before + 1 };
      }), { lock: 'handoff' });
    },
    inExclusive: () => section.getStore() !== undefined,
    changed() {
      const mark = section.getStore();
      if (mark) mark.dirty = true;
    },
    async version() {
      return Number((await sql.get<{ version: number }>('SELECT version FROM handoff_state WHERE id = 1'))?.version ?? 0);
    },
    async openTickets() {
      return (await sql.all<Record<string, unknown>>(`SELECT seq, ${columns} FROM handoff_tickets WHERE ${OPEN_WHERE}`)).map(normalise);
    },
    async ticketsChangedSince(since) {
      return (await sql.all<Record<string, unknown>>(`SELECT seq, ${columns} FROM handoff_tickets WHERE state_version > ?`, [since])).map(normalise);
    },
    async ticket(id) {
      const row = await sql.get<Record<string, unknown>>(`SELECT seq, ${columns} FROM handoff_tickets WHERE id = ?`, [id]);
      return row && normalise(row);
    },
    async ticketIdsFor(channelId, conversationId) {
      return (await sql.all<{ id: string }>('SELECT id FROM handoff_tickets WHERE channel_id = ? AND conversation_id = ? ORDER BY created_at, seq',
        [channelId, conversationId])).map((r) => r.id);
    },
    async insertTicket(row) {
      const keys = Object.keys(row);
      checkColumns(keys);
      repo.changed();
      // Insertion order breaks ties in the queue; max + 1 is safe under the hand-off lock.
      const inserted = await sql.get<{ seq: number }>(
        `INSERT INTO handoff_tickets (${keys.join(', ')}, state_version, seq)
         VALUES (${keys.map(() => '?').join(', ')}, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM handoff_tickets)) RETURNING seq`,
        [...keys.map((k) => row[k] as SqlValue), writingVersion()]);
      return Number(inserted!.seq);
    },
    async updateTicket(id, patch) {
      const keys = Object.keys(patch);
      if (!keys.length) return;
      checkColumns(keys);
      repo.changed();
      await sql.run(`UPDATE handoff_tickets SET ${keys.map((k) => `${k} = ?`).join(', ')}, state_version = ? WHERE id = ?`,
        [...keys.map((k) => patch[k] as SqlValue), writingVersion(), id]);
    },
    async incrementLawyerMessages(id) {
      repo.changed();
      await sql.run('UPDATE handoff_tickets SET lawyer_since_citizen = lawyer_since_citizen + 1, state_version = ? WHERE id = ?', [writingVersion(), id]);
    },
    async audit(ticketId, actor, event, detail, at) {
      await sql.run('INSERT INTO handoff_audit (ticket_id, actor, event, detail, at) VALUES (?, ?, ?, ?, ?)', [ticketId, actor, event, detail, at]);
    },
    async auditLog(ticketId) {
      return (await sql.all<AuditRow>('SELECT actor, event, detail, at FROM handoff_audit WHERE ticket_id = ? ORDER BY id', [ticketId]))
        .map((r) => ({ ...r, at: Number(r.at) }));
    },
    async recentWaits(limit) {
      return (await sql.all<{ at: number; w: number }>(
        `SELECT assigned_at AS at, assigned_at - created_at AS w FROM handoff_tickets WHERE assigned_at IS NOT NULL
         ORDER BY assigned_at DESC LIMIT ?`, [limit])).map((r) => ({ at: Number(r.at), w: Number(r.w) }));
    },
    async addMessage(ticketId, kind, author, text, at) {
      const row = await sql.get<{ id: number }>('INSERT INTO handoff_messages (ticket_id, kind, author, text, at) VALUES (?, ?, ?, ?, ?) RETURNING id',
        [ticketId, kind, author, text, at]);
      return Number(row!.id);
    },
    async markDelivered(messageId, ok) {
      await sql.run('UPDATE handoff_messages SET delivered = ? WHERE id = ?', [ok ? 1 : 0, messageId]);
    },
    async messages(ticketId, afterId) {
      return (await sql.all<HandoffMessageRow>('SELECT id, ticket_id, kind, author, text, at, delivered FROM handoff_messages WHERE ticket_id = ? AND id > ? ORDER BY id',
        [ticketId, afterId])).map((r) => ({ ...r, id: Number(r.id), at: Number(r.at), delivered: r.delivered === null ? null : Number(r.delivered) }));
    },
    async addOffer(ticketId, lawyer, at, expiresAt) {
      await sql.run('INSERT INTO handoff_offers (ticket_id, lawyer, offered_at, expires_at) VALUES (?, ?, ?, ?)', [ticketId, lawyer, at, expiresAt]);
    },
    async resolveOffer(ticketId, outcome, at) {
      await sql.run(`UPDATE handoff_offers SET outcome = ?, resolved_at = ? WHERE ticket_id = ? AND outcome = 'pending'`, [outcome, at, ticketId]);
    },
    async offers(ticketId) {
      return (await sql.all<{ lawyer: string; outcome: string; offered_at: number }>(
        'SELECT lawyer, outcome, offered_at FROM handoff_offers WHERE ticket_id = ? ORDER BY id', [ticketId])).map((r) => ({ ...r, offered_at: Number(r.offered_at) }));
    },
    async addCallback(c) {
      const row = await sql.get<{ id: number }>(
        'INSERT INTO handoff_callbacks (ticket_id, phone, preferred_time, topic, county, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
        [c.ticketId, c.phone, c.preferredTime, c.topic, c.county, c.createdAt]);
      return Number(row!.id);
    },
    async setCallbackTime(ticketId, preferred) {
      await sql.run('UPDATE handoff_callbacks SET preferred_time = ? WHERE ticket_id = ?', [preferred, ticketId]);
    },
    async callbacks(status) {
      return (await sql.all<CallbackRow>('SELECT * FROM handoff_callbacks WHERE status = ? ORDER BY created_at, id', [status]))
        .map((r) => ({ ...r, id: Number(r.id), created_at: Number(r.created_at) }));
    },
    async closeCallback(id, status, at) {
      const row = await sql.get<{ ticket_id: string }>(`UPDATE handoff_callbacks SET status = ?, closed_at = ? WHERE id = ? AND status = 'open' RETURNING ticket_id`, [status, at, id]);
      return row?.ticket_id ?? null;
    },
    async addRating(r) {
      await sql.run(`INSERT INTO handoff_ratings (ticket_id, lawyer, topic, county, score, comment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (ticket_id) DO UPDATE SET lawyer = excluded.lawyer, topic = excluded.topic, county = excluded.county,
        score = excluded.score, comment = excluded.comment, created_at = excluded.created_at`,
      [r.ticketId, r.lawyer, r.topic, r.county, r.score, r.comment, r.at]);
    },
    async replaceRoster(lawyers, at) {
      repo.changed();
      await sql.run('DELETE FROM handoff_lawyers');
      for (const l of lawyers) await sql.run('INSERT INTO handoff_lawyers (username, doc, updated_at) VALUES (?, ?, ?)', [l.username, l.doc, at]);
    },
    async roster() {
      return (await sql.all<{ doc: string }>('SELECT doc FROM handoff_lawyers ORDER BY lower(username)')).map((r) => r.doc);
    },
    async setPresence(username, status, at) {
      repo.changed();
      // Stored in lower case: SQLite's old rows compare without case, PostgreSQL's key is the lower-case name.
      await sql.run(`INSERT INTO handoff_presence (username, status, last_seen) VALUES (?, ?, ?)
        ON CONFLICT (username) DO UPDATE SET status = excluded.status, last_seen = excluded.last_seen`, [username.toLowerCase(), status, at]);
    },
    async touch(username, at) {
      await sql.run('UPDATE handoff_presence SET last_seen = ? WHERE lower(username) = ? AND last_seen < ?', [at, username.toLowerCase(), at]);
    },
    async presence() {
      return (await sql.all<{ username: string; status: string; last_seen: number }>('SELECT username, status, last_seen FROM handoff_presence'))
        .map((r) => ({ ...r, last_seen: Number(r.last_seen) }));
    },
    async stats(since) {
      const waits = (await sql.all<{ w: number }>(
        'SELECT assigned_at - created_at AS w FROM handoff_tickets WHERE assigned_at IS NOT NULL AND created_at >= ? ORDER BY w', [since])).map((r) => Number(r.w));
      const ratingsBy = {} as HandoffStatsRows['ratingsBy'];
      for (const [name, column] of Object.entries(ratingKeys) as Array<[keyof typeof ratingKeys, string]>) {
        ratingsBy[name] = (await sql.all<{ key: string | null; n: number; avg: number }>(
          `SELECT ${column} AS key, count(*) AS n, avg(score) AS avg FROM handoff_ratings WHERE created_at >= ? GROUP BY ${column} ORDER BY ${column}`, [since]))
          .map((r) => ({ key: r.key, n: Number(r.n), avg: Number(r.avg) }));
      }
      const overall = await sql.get<{ n: number; avg: number | null }>('SELECT count(*) AS n, avg(score) AS avg FROM handoff_ratings WHERE created_at >= ?', [since]);
      return {
        waits,
        tickets: await count('SELECT count(*) AS n FROM handoff_tickets WHERE created_at >= ?', since),
        abandoned: await count(`SELECT count(*) AS n FROM handoff_tickets WHERE status IN ('cancelled','expired') AND created_at >= ?`, since),
        waiting: await count(`SELECT count(*) AS n FROM handoff_tickets WHERE status IN ('queued','offered') AND created_at >= ?`, since),
        callbacks: await count('SELECT count(*) AS n FROM handoff_callbacks WHERE created_at >= ?', since),
        missedOffers: await count(`SELECT count(*) AS n FROM handoff_offers WHERE outcome = 'missed' AND offered_at >= ?`, since),
        rating: { n: Number(overall?.n ?? 0), avg: overall?.avg === null || overall?.avg === undefined ? null : Number(overall.avg) },
        ratingsBy,
      };
    },
  };
  return repo;
}
