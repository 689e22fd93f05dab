/**
 * @module handoff/handoff-store
 * The hand-off tables in SQLite (the state database, WAL): tickets, offers, messages, callbacks, ratings,
 * audit events, roster and presence. Every ticket change is written together with its audit event in one
 * transaction, so a kill -9 leaves either both or neither. Audit details are masked for personal data.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../storage/database.js';
import { maskPersonalData } from '../logging/mask.js';
import type { HandoffMessage, MessageKind, Presence, Ticket } from './handoff-types.js';
import type { Lawyer } from './roster.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS handoff_tickets (
  id TEXT PRIMARY KEY, channel_id TEXT NOT NULL, conversation_id TEXT NOT NULL, reference TEXT,
  reason TEXT NOT NULL, status TEXT NOT NULL, priority INTEGER NOT NULL, priority_reason TEXT,
  topic TEXT, county TEXT, language TEXT NOT NULL, summary TEXT NOT NULL, transcript TEXT NOT NULL,
  lawyer TEXT, offered_to TEXT, offer_expires_at INTEGER, missed_by TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL, assigned_at INTEGER, closed_at INTEGER, last_citizen_at INTEGER,
  lawyer_since_citizen INTEGER NOT NULL DEFAULT 0, awaiting TEXT NOT NULL DEFAULT 'none', return_to_bot INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS handoff_tickets_conv ON handoff_tickets (channel_id, conversation_id, created_at);
CREATE INDEX IF NOT EXISTS handoff_tickets_status ON handoff_tickets (status, priority, created_at);
CREATE TABLE IF NOT EXISTS handoff_offers (
  id INTEGER PRIMARY KEY, ticket_id TEXT NOT NULL, lawyer TEXT NOT NULL, offered_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL, outcome TEXT NOT NULL DEFAULT 'pending', resolved_at INTEGER);
CREATE TABLE IF NOT EXISTS handoff_messages (
  id INTEGER PRIMARY KEY, ticket_id TEXT NOT NULL, kind TEXT NOT NULL, author TEXT, text TEXT NOT NULL,
  at INTEGER NOT NULL, delivered INTEGER);
CREATE INDEX IF NOT EXISTS handoff_messages_ticket ON handoff_messages (ticket_id, id);
CREATE TABLE IF NOT EXISTS handoff_callbacks (
  id INTEGER PRIMARY KEY, ticket_id TEXT NOT NULL, phone TEXT NOT NULL, preferred_time TEXT,
  topic TEXT, county TEXT, created_at INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'open');
CREATE TABLE IF NOT EXISTS handoff_ratings (
  ticket_id TEXT PRIMARY KEY, lawyer TEXT, topic TEXT, county TEXT, score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment TEXT, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS handoff_audit (
  id INTEGER PRIMARY KEY, ticket_id TEXT, actor TEXT NOT NULL, event TEXT NOT NULL, detail TEXT, at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS handoff_lawyers (username TEXT PRIMARY KEY COLLATE NOCASE, doc TEXT NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS handoff_presence (username TEXT PRIMARY KEY COLLATE NOCASE, status TEXT NOT NULL, last_seen INTEGER NOT NULL);`;

/** Ticket fields ↔ columns; JSON ones are (de)serialised. */
const COLUMNS: Record<keyof Ticket, string> = {
  id: 'id', channelId: 'channel_id', conversationId: 'conversation_id', reference: 'reference', reason: 'reason',
  status: 'status', priority: 'priority', priorityReason: 'priority_reason', topic: 'topic', county: 'county',
  language: 'language', summary: 'summary', transcript: 'transcript', lawyer: 'lawyer', offeredTo: 'offered_to',
  offerExpiresAt: 'offer_expires_at', missedBy: 'missed_by', createdAt: 'created_at', assignedAt: 'assigned_at',
  closedAt: 'closed_at', lastCitizenAt: 'last_citizen_at', lawyerSinceCitizen: 'lawyer_since_citizen',
  awaiting: 'awaiting', returnToBot: 'return_to_bot',
};
const JSON_FIELDS = new Set<keyof Ticket>(['reference', 'summary', 'transcript', 'missedBy']);

function toColumn(key: keyof Ticket, value: unknown): unknown {
  if (JSON_FIELDS.has(key)) return value === null ? null : JSON.stringify(value);
  if (key === 'returnToBot') return value ? 1 : 0;
  return value;
}

function fromRow(row: Record<string, unknown>): Ticket {
  const t = {} as Record<string, unknown>;
  for (const [key, column] of Object.entries(COLUMNS) as Array<[keyof Ticket, string]>) {
    const v = row[column];
    if (key === 'transcript') continue;
    t[key] = JSON_FIELDS.has(key) ? (v === null ? null : JSON.parse(v as string)) : key === 'returnToBot' ? v === 1 : v;
  }
  // The bot transcript is the bulk of a row and most readers (queue, dispatch) never look at it: parse on first use.
  const raw = row[COLUMNS.transcript] as string | null;
  let parsed: unknown;
  Object.defineProperty(t, 'transcript', {
    enumerable: true,
    configurable: true,
    get: () => (parsed ??= raw === null ? null : JSON.parse(raw)),
    set: (value: unknown) => { parsed = value; },
  });
  return t as unknown as Ticket;
}

/** An audit entry: who did what (`event`) and masked details. */
export interface AuditEvent { actor: string; event: string; detail?: Record<string, unknown> }

export interface CallbackRecord { id: number; ticketId: string; phone: string; preferredTime: string | null; topic: string | null; county: string | null; createdAt: number; status: string }

/** Opens the hand-off tables on `db` (creating them when missing). */
export function createHandoffStore(db: Db) {
  // Statements are prepared once: the queue is read on every dispatch and every console poll.
  const statements = new Map<string, ReturnType<Db['prepare']>>();
  const prepare = <P extends unknown[] = unknown[], R = unknown>(sql: string): Statement<P, R> => {
    let stmt = statements.get(sql);
    if (!stmt) statements.set(sql, (stmt = db.prepare(sql)));
    return stmt as unknown as Statement<P, R>;
  };
  db.exec(SCHEMA);
  const auditStmt = prepare('INSERT INTO handoff_audit (ticket_id, actor, event, detail, at) VALUES (?, ?, ?, ?, ?)');
  const byId = prepare<[string], Record<string, unknown>>('SELECT * FROM handoff_tickets WHERE id = ?');
  const audit = (ticketId: string | null, e: AuditEvent, at: number) =>
    auditStmt.run(ticketId, e.actor, e.event, e.detail ? maskPersonalData(JSON.stringify(e.detail)) : null, at);
  const tx = <T>(fn: () => T): T => db.transaction(fn)();
  // The waiting queue is read on every dispatch and every console poll but changes only when a ticket is written:
  // keep the last read until then.
  let ticketsVersion = 0;
  let cachedQueue: { version: number; tickets: Ticket[] } | null = null;

  const store = {
    db,
    /** Inserts a new ticket with its `created` audit event. */
    insertTicket(t: Ticket, e: AuditEvent): void {
      ticketsVersion++;
      const keys = Object.keys(COLUMNS) as Array<keyof Ticket>;
      tx(() => {
        prepare(`INSERT INTO handoff_tickets (${keys.map((k) => COLUMNS[k]).join(',')}) VALUES (${keys.map(() => '?').join(',')})`)
          .run(...keys.map((k) => toColumn(k, t[k])));
        audit(t.id, e, t.createdAt);
      });
    },
    getTicket(id: string): Ticket | null {
      const row = byId.get(id);
      return row ? fromRow(row) : null;
    },
    /** Applies `patch` and records `e` in one transaction; returns the updated ticket. */
    updateTicket(id: string, patch: Partial<Ticket>, e: AuditEvent, at: number): Ticket {
      ticketsVersion++;
      const keys = Object.keys(patch) as Array<keyof Ticket>;
      return tx(() => {
        if (keys.length) {
          prepare(`UPDATE handoff_tickets SET ${keys.map((k) => `${COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`)
            .run(...keys.map((k) => toColumn(k, patch[k])), id);
        }
        audit(id, e, at);
        const row = byId.get(id);
        if (!row) throw new Error(`handoff ticket ${id} not found`);
        return fromRow(row);
      });
    },
    /** The ticket that owns a conversation now: open, or waiting for a phone, a time or a rating. */
    activeFor(channelId: string, conversationId: string): Ticket | null {
      const row = prepare<[string, string], Record<string, unknown>>(
        `SELECT * FROM handoff_tickets WHERE channel_id = ? AND conversation_id = ?
         AND (status IN ('queued','offered','assigned') OR awaiting != 'none') ORDER BY created_at DESC LIMIT 1`).get(channelId, conversationId);
      return row ? fromRow(row) : null;
    },
    /** Waiting tickets in queue order: priority, then arrival. */
    queue(): Ticket[] {
      if (cachedQueue?.version !== ticketsVersion) {
        const tickets = prepare<[], Record<string, unknown>>(
          `SELECT * FROM handoff_tickets WHERE status IN ('queued','offered') ORDER BY priority, created_at, rowid`).all().map(fromRow);
        cachedQueue = { version: ticketsVersion, tickets };
      }
      return [...cachedQueue.tickets];
    },
    /** 1-based place of a waiting ticket in queue order; 0 when it is not waiting. */
    position(id: string): number {
      const r = prepare<[string], { n: number | null }>(
        `SELECT (SELECT count(*) FROM handoff_tickets t WHERE t.status IN ('queued','offered')
           AND (t.priority < x.priority OR (t.priority = x.priority AND (t.created_at < x.created_at OR (t.created_at = x.created_at AND t.rowid <= x.rowid))))) AS n
         FROM handoff_tickets x WHERE x.id = ? AND x.status IN ('queued','offered')`).get(id);
      return r?.n ?? 0;
    },
    /** Tickets in one status, in queue order. */
    byStatus(status: string): Ticket[] {
      return prepare<[string], Record<string, unknown>>('SELECT * FROM handoff_tickets WHERE status = ? ORDER BY priority, created_at, rowid').all(status).map(fromRow);
    },
    assignedTo(username: string): Ticket[] {
      return prepare<[string], Record<string, unknown>>(
        `SELECT * FROM handoff_tickets WHERE status = 'assigned' AND lawyer = ? COLLATE NOCASE ORDER BY assigned_at`).all(username).map(fromRow);
    },
    /** Chats held plus offers pending, per lawyer. */
    loads(): Map<string, number> {
      const rows = prepare<[], { who: string; n: number }>(
        `SELECT lower(coalesce(lawyer, offered_to)) AS who, count(*) AS n FROM handoff_tickets
         WHERE status = 'assigned' OR status = 'offered' GROUP BY who`).all();
      return new Map(rows.map((r) => [r.who, r.n]));
    },
    /** Recent waits from arrival to acceptance (ms), newest first. */
    recentWaits(since: number, limit: number): number[] {
      return prepare<[number, number], { w: number }>(
        `SELECT assigned_at - created_at AS w FROM handoff_tickets WHERE assigned_at IS NOT NULL AND assigned_at >= ?
         ORDER BY assigned_at DESC LIMIT ?`).all(since, limit).map((r) => r.w);
    },
    addMessage(ticketId: string, kind: MessageKind, author: string | null, text: string, at: number): number {
      const info = prepare('INSERT INTO handoff_messages (ticket_id, kind, author, text, at) VALUES (?, ?, ?, ?, ?)').run(ticketId, kind, author, text, at);
      return Number(info.lastInsertRowid);
    },
    markDelivered(messageId: number, ok: boolean): void {
      prepare('UPDATE handoff_messages SET delivered = ? WHERE id = ?').run(ok ? 1 : 0, messageId);
    },
    messages(ticketId: string, afterId = 0): HandoffMessage[] {
      return prepare<[string, number], { id: number; ticket_id: string; kind: MessageKind; author: string | null; text: string; at: number; delivered: number | null }>(
        'SELECT * FROM handoff_messages WHERE ticket_id = ? AND id > ? ORDER BY id').all(ticketId, afterId)
        .map((r) => ({ id: r.id, ticketId: r.ticket_id, kind: r.kind, author: r.author, text: r.text, at: r.at, delivered: r.delivered === null ? null : r.delivered === 1 }));
    },
    addOffer(ticketId: string, lawyer: string, at: number, expiresAt: number): void {
      prepare('INSERT INTO handoff_offers (ticket_id, lawyer, offered_at, expires_at) VALUES (?, ?, ?, ?)').run(ticketId, lawyer, at, expiresAt);
    },
    /** Closes the pending offer of a ticket with `outcome` (accepted, missed, withdrawn, reset). */
    resolveOffer(ticketId: string, outcome: string, at: number): void {
      prepare(`UPDATE handoff_offers SET outcome = ?, resolved_at = ? WHERE ticket_id = ? AND outcome = 'pending'`).run(outcome, at, ticketId);
    },
    offers(ticketId: string): Array<{ lawyer: string; outcome: string; offeredAt: number }> {
      return prepare<[string], { lawyer: string; outcome: string; offered_at: number }>(
        'SELECT lawyer, outcome, offered_at FROM handoff_offers WHERE ticket_id = ? ORDER BY id').all(ticketId)
        .map((r) => ({ lawyer: r.lawyer, outcome: r.outcome, offeredAt: r.offered_at }));
    },
    addCallback(c: Omit<CallbackRecord, 'id' | 'status'>): number {
      return Number(prepare('INSERT INTO handoff_callbacks (ticket_id, phone, preferred_time, topic, county, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(c.ticketId, c.phone, c.preferredTime, c.topic, c.county, c.createdAt).lastInsertRowid);
    },
    callbacks(status = 'open'): CallbackRecord[] {
      return prepare<[string], Record<string, unknown>>('SELECT * FROM handoff_callbacks WHERE status = ? ORDER BY created_at').all(status)
        .map((r) => ({ id: r.id as number, ticketId: r.ticket_id as string, phone: r.phone as string, preferredTime: r.preferred_time as string | null, topic: r.topic as string | null, county: r.county as string | null, createdAt: r.created_at as number, status: r.status as string }));
    },
    /** Marks an open callback request done or unreachable, audited; false when it is not open. */
    closeCallback(id: number, status: 'done' | 'unreachable', e: AuditEvent, at: number): boolean {
      return db.transaction(() => {
        const row = prepare<[number], { ticket_id: string; status: string }>('SELECT ticket_id, status FROM handoff_callbacks WHERE id = ?').get(id);
        if (!row || row.status !== 'open') return false;
        prepare('UPDATE handoff_callbacks SET status = ? WHERE id = ?').run(status, id);
        audit(row.ticket_id, e, at);
        return true;
      })();
    },
    addRating(r: { ticketId: string; lawyer: string | null; topic: string | null; county: string | null; score: number; comment: string | null; at: number }): void {
      prepare('INSERT OR REPLACE INTO handoff_ratings (ticket_id, lawyer, topic, county, score, comment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(r.ticketId, r.lawyer, r.topic, r.county, r.score, r.comment, r.at);
    },
    audit(ticketId: string | null, e: AuditEvent, at: number): void {
      audit(ticketId, e, at);
    },
    auditLog(ticketId: string): Array<{ actor: string; event: string; detail: string | null; at: number }> {
      return prepare<[string], { actor: string; event: string; detail: string | null; at: number }>(
        'SELECT actor, event, detail, at FROM handoff_audit WHERE ticket_id = ? ORDER BY id').all(ticketId);
    },
    replaceRoster(lawyers: Lawyer[], actor: string, at: number): void {
      tx(() => {
        prepare('DELETE FROM handoff_lawyers').run();
        const insert = prepare('INSERT INTO handoff_lawyers (username, doc, updated_at) VALUES (?, ?, ?)');
        for (const l of lawyers) insert.run(l.username, JSON.stringify(l), at);
        audit(null, { actor, event: 'roster_replaced', detail: { lawyers: lawyers.length } }, at);
      });
    },
    /** Changes whenever the roster is replaced. */
    rosterVersion(): string {
      const r = prepare<[], { n: number; t: number | null }>('SELECT count(*) AS n, max(updated_at) AS t FROM handoff_lawyers').get();
      return `${r?.n}:${r?.t}`;
    },
    lawyers(): Lawyer[] {
      return prepare<[], { doc: string }>('SELECT doc FROM handoff_lawyers ORDER BY username').all().map((r) => JSON.parse(r.doc) as Lawyer);
    },
    setPresence(username: string, status: Presence, at: number, e?: AuditEvent): void {
      tx(() => {
        prepare(`INSERT INTO handoff_presence (username, status, last_seen) VALUES (?, ?, ?)
          ON CONFLICT(username) DO UPDATE SET status = excluded.status, last_seen = excluded.last_seen`).run(username, status, at);
        if (e) audit(null, e, at);
      });
    },
    touch(username: string, at: number): void {
      prepare('UPDATE handoff_presence SET last_seen = ? WHERE username = ? COLLATE NOCASE').run(at, username);
    },
    presence(): Map<string, { status: Presence; lastSeen: number }> {
      const rows = prepare<[], { username: string; status: Presence; last_seen: number }>('SELECT * FROM handoff_presence').all();
      return new Map(rows.map((r) => [r.username.toLowerCase(), { status: r.status, lastSeen: r.last_seen }]));
    },
  };
  return store;
}

/** The hand-off tables. */
export type HandoffStore = ReturnType<typeof createHandoffStore>;
