/**
 * @module handoff/handoff-store
 * The hand-off tables in SQLite (the state database, WAL): tickets, offers, messages, callbacks, ratings,
 * audit events, roster and presence. Every ticket change is written together with its audit event in one
 * transaction, so a kill -9 leaves either both or neither. Audit details are masked for personal data.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../storage/database.js';
import { maskPersonalData } from '../logging/mask.js';
import type { HandoffMessage, MessageKind, Presence, Ticket, TicketStatus } from './handoff-types.js';
import { OPEN_STATUSES } from './handoff-types.js';
import { OpenTickets, type TicketRow } from './open-tickets.js';
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

const COLUMN_ENTRIES = Object.entries(COLUMNS) as Array<[keyof Ticket, string]>;
const TICKET_KEYS = COLUMN_ENTRIES.map(([key]) => key);
const INSERT_TICKET = `INSERT INTO handoff_tickets (${TICKET_KEYS.map((k) => COLUMNS[k]).join(',')}) VALUES (${TICKET_KEYS.map(() => '?').join(',')})`;

// The transcript, the summary and the conversation reference are the bulk of a row, and most readers (the queue,
// dispatch, every write that mirrors the row) never look at them: they are parsed on first use.
const LAZY_FIELDS = new Set<keyof Ticket>(['transcript', 'summary', 'reference']);

function lazyJson(t: Record<string, unknown>, key: string, raw: string | null): void {
  let parsed: unknown;
  let done = false;
  Object.defineProperty(t, key, {
    enumerable: true,
    configurable: true,
    get: () => {
      if (!done) [parsed, done] = [raw === null ? null : JSON.parse(raw), true];
      return parsed;
    },
    set: (value: unknown) => { [parsed, done] = [value, true]; },
  });
}

function fromRow(row: Record<string, unknown>): Ticket {
  const t = {} as Record<string, unknown>;
  for (const [key, column] of COLUMN_ENTRIES) {
    const v = row[column];
    if (LAZY_FIELDS.has(key)) lazyJson(t, key, v as string | null);
    else t[key] = JSON_FIELDS.has(key) ? (v === null ? null : JSON.parse(v as string)) : key === 'returnToBot' ? v === 1 : v;
  }
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
  // One transaction wrapper for every write (better-sqlite3 builds four functions per db.transaction call).
  const inTransaction = db.transaction((fn: () => unknown) => fn());
  const tx = <T>(fn: () => T): T => inTransaction(fn) as T;
  // Listeners (the lawyer consoles' push stream) hear of every write that can change what a console shows.
  const listeners = new Set<() => void>();
  const changed = () => { for (const listener of listeners) listener(); };
  const messageListeners = new Set<(message: { ticketId: string; id: number; kind: MessageKind }) => void>();

  // Open tickets, presence, the roster's version and recent waits are read on every turn of a hand-off and every
  // console refresh, but change only through this store: they are mirrored in memory, written through, and
  // reloaded when another connection (a second process, `lawline roster import`) has changed the database.
  const open = new OpenTickets(fromRow);
  let presenceCache: Map<string, { status: Presence; lastSeen: number }> | null = null;
  let rosterVersionCache: string | null = null;
  let waitsCache: { limit: number; rows: Array<{ at: number; w: number }> } | null = null;
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  let seenDataVersion: number | null = null;
  const loadOpen = prepare<[], TicketRow & { _seq: number }>(
    `SELECT rowid AS _seq, * FROM handoff_tickets WHERE status IN (${OPEN_STATUSES.map((s) => `'${s}'`).join(',')}) OR awaiting != 'none'`);
  // Another connection's writes are looked for once per turn of the event loop, not on every read: within one turn
  // every read sees the same state, and a change made elsewhere shows from the next turn.
  let checkedThisTurn = false;
  const sync = (): void => {
    if (checkedThisTurn) return;
    checkedThisTurn = true;
    setImmediate(() => { checkedThisTurn = false; }).unref();
    const version = dataVersion.get()!;
    if (version === seenDataVersion) return;
    seenDataVersion = version;
    presenceCache = null;
    rosterVersionCache = null;
    waitsCache = null;
    open.reset(loadOpen.all().map(({ _seq, ...row }) => ({ row, seq: _seq })));
    changed();
  };
  const rowOf = (id: string): { row: TicketRow; seq: number } | undefined => {
    const mirrored = open.entry(id);
    if (mirrored) return mirrored;
    const row = prepare<[string], TicketRow & { _seq: number }>('SELECT rowid AS _seq, * FROM handoff_tickets WHERE id = ?').get(id);
    if (!row) return undefined;
    const { _seq, ...rest } = row;
    return { row: rest, seq: _seq };
  };
  sync();

  const store = {
    db,
    /** Calls `listener` after every write to tickets, offers, presence or the roster; returns the unsubscribe. */
    onChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Calls `listener` after every message stored for a ticket; returns the unsubscribe. */
    onMessage(listener: (message: { ticketId: string; id: number; kind: MessageKind }) => void): () => void {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    /** Inserts a new ticket with its `created` audit event. */
    insertTicket(t: Ticket, e: AuditEvent): Ticket {
      sync();
      const values = TICKET_KEYS.map((k) => toColumn(k, t[k]));
      const row: TicketRow = {};
      TICKET_KEYS.forEach((k, i) => { row[COLUMNS[k]] = values[i]; });
      const seq = tx(() => {
        const info = prepare(INSERT_TICKET).run(...values);
        audit(t.id, e, t.createdAt);
        return Number(info.lastInsertRowid);
      });
      const ticket = open.put(row, seq);
      changed();
      return ticket;
    },
    getTicket(id: string): Ticket | null {
      sync();
      const mirrored = open.get(id);
      if (mirrored) return mirrored;
      const row = byId.get(id);
      return row ? fromRow(row) : null;
    },
    /** Applies `patch` and records `e` in one transaction; returns the updated ticket. */
    updateTicket(id: string, patch: Partial<Ticket>, e: AuditEvent, at: number): Ticket {
      sync();
      const current = rowOf(id);
      if (!current) throw new Error(`handoff ticket ${id} not found`);
      const keys = Object.keys(patch) as Array<keyof Ticket>;
      const values = keys.map((k) => toColumn(k, patch[k]));
      tx(() => {
        if (keys.length) prepare(`UPDATE handoff_tickets SET ${keys.map((k) => `${COLUMNS[k]} = ?`).join(', ')} WHERE id = ?`).run(...values, id);
        audit(id, e, at);
      });
      const row = { ...current.row };
      keys.forEach((k, i) => { row[COLUMNS[k]] = values[i]; });
      if (keys.includes('assignedAt')) waitsCache = null;
      const ticket = open.put(row, current.seq);
      changed();
      return ticket;
    },
    /** Counts a proactive message against the WeChat window; returns the new count. */
    countLawyerMessage(id: string): number {
      sync();
      const current = rowOf(id);
      if (!current) throw new Error(`handoff ticket ${id} not found`);
      prepare('UPDATE handoff_tickets SET lawyer_since_citizen = lawyer_since_citizen + 1 WHERE id = ?').run(id);
      const count = Number(current.row.lawyer_since_citizen ?? 0) + 1;
      open.put({ ...current.row, lawyer_since_citizen: count }, current.seq);
      return count;
    },
    /** The ticket that owns a conversation now: open, or waiting for a phone, a time or a rating. */
    activeFor(channelId: string, conversationId: string): Ticket | null {
      sync();
      return open.forConversation(channelId, conversationId);
    },
    /** Waiting tickets in queue order: priority, then arrival. */
    queue(): Ticket[] {
      sync();
      return [...open.waiting()];
    },
    /** 1-based place of a waiting ticket in queue order; 0 when it is not waiting. */
    position(id: string): number {
      sync();
      return open.position(id);
    },
    /** Tickets in one status, in queue order. */
    byStatus(status: TicketStatus): Ticket[] {
      sync();
      if (OPEN_STATUSES.includes(status)) return open.withStatus(status);
      return prepare<[string], Record<string, unknown>>('SELECT * FROM handoff_tickets WHERE status = ? ORDER BY priority, created_at, rowid').all(status).map(fromRow);
    },
    assignedTo(username: string): Ticket[] {
      sync();
      return open.assignedTo(username);
    },
    /** Chats held plus offers pending, per lower-case username (a fresh map the caller may change). */
    loads(): Map<string, number> {
      sync();
      return open.loads();
    },
    /** Recent waits from arrival to acceptance (ms), newest first. */
    recentWaits(since: number, limit: number): number[] {
      sync();
      // The newest `limit` acceptances, filtered by `since`, are the newest `limit` since then.
      if (waitsCache?.limit !== limit) {
        waitsCache = {
          limit,
          rows: prepare<[number], { at: number; w: number }>(
            `SELECT assigned_at AS at, assigned_at - created_at AS w FROM handoff_tickets WHERE assigned_at IS NOT NULL
             ORDER BY assigned_at DESC LIMIT ?`).all(limit),
        };
      }
      return waitsCache.rows.filter((r) => r.at >= since).map((r) => r.w);
    },
    addMessage(ticketId: string, kind: MessageKind, author: string | null, text: string, at: number): number {
      const info = prepare('INSERT INTO handoff_messages (ticket_id, kind, author, text, at) VALUES (?, ?, ?, ?, ?)').run(ticketId, kind, author, text, at);
      const id = Number(info.lastInsertRowid);
      for (const listener of messageListeners) listener({ ticketId, id, kind });
      return id;
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
      return tx(() => {
        const row = prepare<[number], { ticket_id: string; status: string }>('SELECT ticket_id, status FROM handoff_callbacks WHERE id = ?').get(id);
        if (!row || row.status !== 'open') return false;
        prepare('UPDATE handoff_callbacks SET status = ? WHERE id = ?').run(status, id);
        audit(row.ticket_id, e, at);
        return true;
      });
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
      rosterVersionCache = null;
      tx(() => {
        prepare('DELETE FROM handoff_lawyers').run();
        const insert = prepare('INSERT INTO handoff_lawyers (username, doc, updated_at) VALUES (?, ?, ?)');
        for (const l of lawyers) insert.run(l.username, JSON.stringify(l), at);
        audit(null, { actor, event: 'roster_replaced', detail: { lawyers: lawyers.length } }, at);
      });
      changed();
    },
    /** Changes whenever the roster is replaced. */
    rosterVersion(): string {
      sync();
      if (rosterVersionCache === null) {
        const r = prepare<[], { n: number; t: number | null }>('SELECT count(*) AS n, max(updated_at) AS t FROM handoff_lawyers').get();
        rosterVersionCache = `${r?.n}:${r?.t}`;
      }
      return rosterVersionCache;
    },
    lawyers(): Lawyer[] {
      return prepare<[], { doc: string }>('SELECT doc FROM handoff_lawyers ORDER BY username').all().map((r) => JSON.parse(r.doc) as Lawyer);
    },
    setPresence(username: string, status: Presence, at: number, e?: AuditEvent): void {
      sync();
      tx(() => {
        prepare(`INSERT INTO handoff_presence (username, status, last_seen) VALUES (?, ?, ?)
          ON CONFLICT(username) DO UPDATE SET status = excluded.status, last_seen = excluded.last_seen`).run(username, status, at);
        if (e) audit(null, e, at);
      });
      presenceCache?.set(username.toLowerCase(), { status, lastSeen: at });
      changed();
    },
    touch(username: string, at: number): void {
      sync();
      prepare('UPDATE handoff_presence SET last_seen = ? WHERE username = ? COLLATE NOCASE').run(at, username);
      const p = presenceCache?.get(username.toLowerCase());
      if (p) presenceCache!.set(username.toLowerCase(), { ...p, lastSeen: at });
    },
    /** Presence by lower-case username (a fresh map the caller may change). */
    presence(): Map<string, { status: Presence; lastSeen: number }> {
      sync();
      if (!presenceCache) {
        const rows = prepare<[], { username: string; status: Presence; last_seen: number }>('SELECT * FROM handoff_presence').all();
        presenceCache = new Map(rows.map((r) => [r.username.toLowerCase(), { status: r.status, lastSeen: r.last_seen }]));
      }
      return new Map(presenceCache);
    },
  };
  return store;
}

/** The hand-off tables. */
export type HandoffStore = ReturnType<typeof createHandoffStore>;
