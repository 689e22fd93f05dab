/**
 * @module handoff/handoff-store
 * The hand-off state as the module uses it, over the hand-off repository (src/storage): tickets, offers, messages,
 * callbacks, ratings, audit events, roster and presence. Every ticket change is written together with its audit
 * event inside one exclusive section (one transaction under the cluster-wide hand-off lock), so a kill -9 leaves
 * either both or neither, and two processes never act on the same ticket at once. Audit details are masked.
 *
 * Open tickets, presence, the roster and recent waits are read on every turn of a hand-off and every console
 * refresh: they are mirrored in memory ({@link OpenTickets}) and written through. The mirror carries the state's
 * version; an exclusive section that finds another version (another process wrote) reloads it first, and a change
 * announced by another process (LISTEN/NOTIFY) reloads it at once, so consoles on every process see it.
 */
import { randomUUID } from 'node:crypto';
import { maskPersonalData } from '../logging/mask.js';
import type { Logger } from '../logging/logger.js';
import { KeyedMutex } from '../storage/async-mutex.js';
import { HANDOFF_EVENTS, type HandoffRepository } from '../storage/repositories/handoff-repository.js';
import type { HandoffMessage, MessageKind, Presence, Ticket, TicketStatus } from './handoff-types.js';
import { OpenTickets, type TicketRow } from './open-tickets.js';
import type { Lawyer } from './roster.js';

/** Where a message stored in a chat is announced to the other processes. */
export const HANDOFF_MESSAGE_EVENTS = 'lawline_handoff_message';

/** How processes hear of each other's changes (the state database's LISTEN/NOTIFY; in-process for SQLite). */
export interface HandoffEvents {
  notify(channel: string, payload: string): Promise<void>;
  listen(channel: string, handler: (payload: string) => void): Promise<() => Promise<void>>;
}

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

function fromRow(row: TicketRow): Ticket {
  const t = {} as Record<string, unknown>;
  for (const [key, column] of COLUMN_ENTRIES) {
    const v = row[column];
    if (LAZY_FIELDS.has(key)) lazyJson(t, key, v as string | null);
    else t[key] = JSON_FIELDS.has(key) ? (v === null ? null : JSON.parse(v as string)) : key === 'returnToBot' ? v === 1 || v === true : v;
  }
  return t as unknown as Ticket;
}

/** An audit entry: who did what (`event`) and masked details. */
export interface AuditEvent { actor: string; event: string; detail?: Record<string, unknown> }

export interface CallbackRecord { id: number; ticketId: string; phone: string; preferredTime: string | null; topic: string | null; county: string | null; createdAt: number; status: string }

type OpenStatus = 'queued' | 'offered' | 'assigned';

/**
 * The hand-off store over `repo`. Call {@link HandoffStore.refresh} (or any exclusive section) before the first read.
 * @example const store = createHandoffStore(createHandoffRepository(sql), sql); await store.refresh();
 */
export function createHandoffStore(repo: HandoffRepository, events?: HandoffEvents, log?: Logger) {
  const origin = randomUUID();
  // Listeners (the lawyer consoles' push stream) hear of every change that can change what a console shows.
  const listeners = new Set<() => void>();
  const changed = () => { for (const listener of listeners) listener(); };
  const messageListeners = new Set<(message: { ticketId: string; id: number; kind: MessageKind }) => void>();
  const heardMessage = (m: { ticketId: string; id: number; kind: MessageKind }) => { for (const listener of messageListeners) listener(m); };

  const open = new OpenTickets(fromRow);
  let presenceCache = new Map<string, { status: Presence; lastSeen: number }>();
  let rosterCache: { docs: string[]; lawyers: Lawyer[] } = { docs: [], lawyers: [] };
  let rosterVersion = 0;
  let waitsCache: { limit: number; rows: Array<{ at: number; w: number }> } | null = null;
  // The state version the mirror shows; -1: unknown (never loaded, or a rolled-back section left it doubtful).
  let mirrored = -1;
  let loading: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  const local = new KeyedMutex();

  /** Brings the mirror to `version`: the tickets written since the mirrored version, or all open ones. */
  async function load(version: number): Promise<void> {
    const incremental = mirrored >= 0 && version > mirrored;
    const [tickets, presence, docs] = await Promise.all([
      incremental ? repo.ticketsChangedSince(mirrored) : repo.openTickets(), repo.presence(), repo.roster(),
    ]);
    if (incremental) for (const { row, seq } of tickets) open.put(row, seq);
    else open.reset(tickets);
    presenceCache = new Map(presence.map((r) => [r.username.toLowerCase(), { status: r.status as Presence, lastSeen: r.last_seen }]));
    if (docs.join('\n') !== rosterCache.docs.join('\n')) {
      rosterCache = { docs, lawyers: docs.map((d) => JSON.parse(d) as Lawyer) };
      rosterVersion++;
    }
    waitsCache = null;
    mirrored = version;
    changed();
  }

  /** Runs `fn` alone in the cluster with the mirror up to date; nested calls join the running section. */
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    if (repo.inExclusive()) return fn();
    // One section waits for the cluster lock per process: the others queue here without holding a connection.
    return local.run('handoff', async () => {
      try {
        const { result, version } = await repo.exclusive(async ({ version }) => {
          if (version !== mirrored) await load(version);
          return fn();
        });
        mirrored = version;
        return result;
      } catch (error) {
        mirrored = -1; // the mirror may hold writes that were rolled back
        throw error;
      }
    });
  }

  /**
   * Reloads the mirror when another process changed the state since it was loaded. A call made while a reload runs
   * waits for one that starts after it (the running one may have read the version before the change it must see).
   */
  function refresh(): Promise<void> {
    if (repo.inExclusive()) return Promise.resolve(); // a section reloads on entry when it must
    if (loading) return (queued ??= loading.catch(() => undefined).then(() => { queued = null; return refresh(); }));
    loading = (async () => {
      const version = await repo.version();
      if (version !== mirrored) await local.run('handoff', async () => load(await repo.version()));
    })().finally(() => { loading = null; });
    return loading;
  }

  const unlisten = events ? [
    events.listen(HANDOFF_EVENTS, (payload) => {
      if (Number(payload) !== mirrored) void refresh().catch((error: unknown) => log?.error('handoff: reloading the state failed', { error }));
    }),
    events.listen(HANDOFF_MESSAGE_EVENTS, (payload) => {
      try {
        const m = JSON.parse(payload) as { ticketId: string; id: number; kind: MessageKind; o: string };
        if (m.o !== origin) heardMessage({ ticketId: m.ticketId, id: m.id, kind: m.kind });
      } catch (error) {
        log?.warn('handoff: unreadable message event', { error });
      }
    }),
  ] : [];
  for (const u of unlisten) u.catch((error: unknown) => log?.error('handoff: cannot listen for other processes\' changes', { error }));

  const audit = (ticketId: string | null, e: AuditEvent, at: number) =>
    repo.audit(ticketId, e.actor, e.event, e.detail ? maskPersonalData(JSON.stringify(e.detail)) : null, at);
  const rowOf = async (id: string): Promise<{ row: TicketRow; seq: number } | undefined> => open.entry(id) ?? repo.ticket(id);

  const store = {
    exclusive,
    refresh,
    /** Stops listening for other processes' changes. */
    async close(): Promise<void> {
      for (const u of unlisten) await (await u.catch(() => null))?.();
    },
    /** Calls `listener` after every change to tickets, offers, presence or the roster (here or elsewhere); returns the unsubscribe. */
    onChange(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Calls `listener` after every message stored for a ticket (by any process); returns the unsubscribe. */
    onMessage(listener: (message: { ticketId: string; id: number; kind: MessageKind }) => void): () => void {
      messageListeners.add(listener);
      return () => messageListeners.delete(listener);
    },
    /** Inserts a new ticket with its `created` audit event. */
    insertTicket(t: Ticket, e: AuditEvent): Promise<Ticket> {
      return exclusive(async () => {
        const row: TicketRow = {};
        for (const k of TICKET_KEYS) row[COLUMNS[k]] = toColumn(k, t[k]);
        const seq = await repo.insertTicket(row);
        await audit(t.id, e, t.createdAt);
        const ticket = open.put(row, seq);
        changed();
        return ticket;
      });
    },
    /** Ids of every ticket a conversation had, oldest first. */
    ticketIdsFor: (channelId: string, conversationId: string): Promise<string[]> => repo.ticketIdsFor(channelId, conversationId),
    /** An open ticket from the mirror (no database read). */
    openTicket(id: string): Ticket | null {
      return open.get(id) ?? null;
    },
    async getTicket(id: string): Promise<Ticket | null> {
      const mirrored = open.get(id);
      if (mirrored) return mirrored;
      const found = await repo.ticket(id);
      return found ? fromRow(found.row) : null;
    },
    /** Applies `patch` and records `e` in one exclusive section; returns the updated ticket. */
    updateTicket(id: string, patch: Partial<Ticket>, e: AuditEvent, at: number): Promise<Ticket> {
      return exclusive(async () => {
        const current = await rowOf(id);
        if (!current) throw new Error(`handoff ticket ${id} not found`);
        const keys = Object.keys(patch) as Array<keyof Ticket>;
        const columns: TicketRow = {};
        for (const k of keys) columns[COLUMNS[k]] = toColumn(k, patch[k]);
        await repo.updateTicket(id, columns);
        await audit(id, e, at);
        if (keys.includes('assignedAt')) waitsCache = null;
        const ticket = open.put({ ...current.row, ...columns }, current.seq);
        changed();
        return ticket;
      });
    },
    /** Counts a proactive message against the WeChat window; returns the new count. */
    countLawyerMessage(id: string): Promise<number> {
      return exclusive(async () => {
        const current = await rowOf(id);
        if (!current) throw new Error(`handoff ticket ${id} not found`);
        await repo.incrementLawyerMessages(id);
        const count = Number(current.row.lawyer_since_citizen ?? 0) + 1;
        open.put({ ...current.row, lawyer_since_citizen: count }, current.seq);
        return count;
      });
    },
    /** The ticket that owns a conversation now: open, or waiting for a phone, a time or a rating. */
    activeFor(channelId: string, conversationId: string): Ticket | null {
      return open.forConversation(channelId, conversationId);
    },
    /** Waiting tickets in queue order: priority, then arrival. */
    queue(): Ticket[] {
      return [...open.waiting()];
    },
    /** 1-based place of a waiting ticket in queue order; 0 when it is not waiting. */
    position(id: string): number {
      return open.position(id);
    },
    /** Open tickets in one status, in queue order. */
    byStatus(status: OpenStatus & TicketStatus): Ticket[] {
      return open.withStatus(status);
    },
    assignedTo(username: string): Ticket[] {
      return open.assignedTo(username);
    },
    /** Chats held plus offers pending, per lower-case username (a fresh map the caller may change). */
    loads(): Map<string, number> {
      return open.loads();
    },
    /** Recent waits from arrival to acceptance (ms), newest first. */
    async recentWaits(since: number, limit: number): Promise<number[]> {
      // The newest `limit` acceptances, filtered by `since`, are the newest `limit` since then.
      if (waitsCache?.limit !== limit) waitsCache = { limit, rows: await repo.recentWaits(limit) };
      return waitsCache.rows.filter((r) => r.at >= since).map((r) => r.w);
    },
    async addMessage(ticketId: string, kind: MessageKind, author: string | null, text: string, at: number): Promise<number> {
      const id = await repo.addMessage(ticketId, kind, author, text, at);
      heardMessage({ ticketId, id, kind });
      await events?.notify(HANDOFF_MESSAGE_EVENTS, JSON.stringify({ ticketId, id, kind, o: origin }));
      return id;
    },
    markDelivered: (messageId: number, ok: boolean): Promise<void> => repo.markDelivered(messageId, ok),
    async messages(ticketId: string, afterId = 0): Promise<HandoffMessage[]> {
      return (await repo.messages(ticketId, afterId)).map((r) => ({
        id: r.id, ticketId: r.ticket_id, kind: r.kind as MessageKind, author: r.author, text: r.text, at: r.at,
        delivered: r.delivered === null ? null : r.delivered === 1,
      }));
    },
    addOffer: (ticketId: string, lawyer: string, at: number, expiresAt: number): Promise<void> => repo.addOffer(ticketId, lawyer, at, expiresAt),
    /** Closes the pending offer of a ticket with `outcome` (accepted, missed, withdrawn, reset). */
    resolveOffer: (ticketId: string, outcome: string, at: number): Promise<void> => repo.resolveOffer(ticketId, outcome, at),
    async offers(ticketId: string): Promise<Array<{ lawyer: string; outcome: string; offeredAt: number }>> {
      return (await repo.offers(ticketId)).map((r) => ({ lawyer: r.lawyer, outcome: r.outcome, offeredAt: r.offered_at }));
    },
    addCallback: (c: Omit<CallbackRecord, 'id' | 'status'>): Promise<number> => repo.addCallback(c),
    setCallbackTime: (ticketId: string, preferred: string): Promise<void> => repo.setCallbackTime(ticketId, preferred),
    async callbacks(status = 'open'): Promise<CallbackRecord[]> {
      return (await repo.callbacks(status)).map((r) => ({
        id: r.id, ticketId: r.ticket_id, phone: r.phone, preferredTime: r.preferred_time, topic: r.topic, county: r.county, createdAt: r.created_at, status: r.status,
      }));
    },
    /** Marks an open callback request done or unreachable, audited; false when it is not open. */
    closeCallback(id: number, status: 'done' | 'unreachable', e: AuditEvent, at: number): Promise<boolean> {
      return exclusive(async () => {
        const ticketId = await repo.closeCallback(id, status, at);
        if (ticketId === null) return false;
        await audit(ticketId, e, at);
        return true;
      });
    },
    addRating: (r: { ticketId: string; lawyer: string | null; topic: string | null; county: string | null; score: number; comment: string | null; at: number }): Promise<void> => repo.addRating(r),
    audit: (ticketId: string | null, e: AuditEvent, at: number): Promise<void> => audit(ticketId, e, at),
    auditLog: (ticketId: string) => repo.auditLog(ticketId),
    replaceRoster(lawyers: Lawyer[], actor: string, at: number): Promise<void> {
      return exclusive(async () => {
        const docs = lawyers.map((l) => ({ username: l.username, doc: JSON.stringify(l) }));
        await repo.replaceRoster(docs, at);
        await audit(null, { actor, event: 'roster_replaced', detail: { lawyers: lawyers.length } }, at);
        rosterCache = { docs: docs.map((d) => d.doc), lawyers: docs.map((d) => JSON.parse(d.doc) as Lawyer) };
        rosterVersion++;
        changed();
      });
    },
    /** Changes whenever the roster changes (here or in another process). */
    rosterVersion: (): string => String(rosterVersion),
    /** The roster, sorted by username. */
    lawyers: (): Lawyer[] => rosterCache.lawyers,
    setPresence(username: string, status: Presence, at: number, e?: AuditEvent): Promise<void> {
      return exclusive(async () => {
        await repo.setPresence(username, status, at);
        if (e) await audit(null, e, at);
        presenceCache.set(username.toLowerCase(), { status, lastSeen: at });
        changed();
      });
    },
    /** A sign of life; written without the lock (it only moves last_seen forward). */
    async touch(username: string, at: number): Promise<void> {
      const p = presenceCache.get(username.toLowerCase());
      if (p) presenceCache.set(username.toLowerCase(), { ...p, lastSeen: Math.max(p.lastSeen, at) });
      await repo.touch(username, at);
    },
    /** Presence by lower-case username (a fresh map the caller may change). */
    presence(): Map<string, { status: Presence; lastSeen: number }> {
      return new Map(presenceCache);
    },
    /** Presence read from the database (last-seen times move without the lock, in every process). */
    async presenceNow(): Promise<Map<string, { status: Presence; lastSeen: number }>> {
      return new Map((await repo.presence()).map((r) => [r.username.toLowerCase(), { status: r.status as Presence, lastSeen: r.last_seen }]));
    },
    stats: (since: number) => repo.stats(since),
  };
  return store;
}

/** The hand-off store. */
export type HandoffStore = ReturnType<typeof createHandoffStore>;
