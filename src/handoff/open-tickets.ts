/**
 * @module handoff/open-tickets
 * An in-memory mirror of the tickets that still own a conversation (queued, offered, assigned, or awaiting the
 * citizen's phone, time or rating), kept as their SQLite rows. The hot reads of a hand-off — the queue, a
 * conversation's ticket, a ticket's place, lawyers' loads — come from here instead of a query per call, which
 * kept the cost of opening a ticket growing with the queue. The store writes SQLite first and the mirror after,
 * so SQLite stays the truth the mirror is reloaded from.
 */
import type { Ticket, TicketStatus } from './handoff-types.js';
import { OPEN_STATUSES } from './handoff-types.js';

/** A ticket's row as SQLite stores it (JSON columns as text). */
export type TicketRow = Record<string, unknown>;

interface Entry { row: TicketRow; ticket: Ticket; seq: number }

const WAITING = new Set<unknown>(['queued', 'offered']);

/** True when a row's ticket still owns its conversation. */
export function isOpenRow(row: TicketRow): boolean {
  return (OPEN_STATUSES as readonly unknown[]).includes(row.status) || row.awaiting !== 'none';
}

/** Queue order: priority, then arrival, then insertion (SQLite's rowid). */
const byQueueOrder = (a: Entry, b: Entry) =>
  a.ticket.priority - b.ticket.priority || a.ticket.createdAt - b.ticket.createdAt || a.seq - b.seq;

const convKey = (channelId: unknown, conversationId: unknown) => `${String(channelId)}\u0000${String(conversationId)}`;

export class OpenTickets {
  private readonly entries = new Map<string, Entry>();
  private readonly byConversation = new Map<string, Set<string>>();
  private waitingCache: { tickets: Ticket[]; positions: Map<string, number> } | null = null;
  private loadsCache: Map<string, number> | null = null;

  /** `toTicket` turns a row into the ticket callers see (the same conversion a database read uses). */
  constructor(private readonly toTicket: (row: TicketRow) => Ticket) {}

  /** Replaces the mirror with `rows` (each with its rowid as `seq`). */
  reset(rows: Array<{ row: TicketRow; seq: number }>): void {
    this.entries.clear();
    this.byConversation.clear();
    for (const { row, seq } of rows) this.put(row, seq);
    this.changed();
  }

  /** Records the row as written; a row that no longer owns its conversation leaves the mirror. */
  put(row: TicketRow, seq: number): Ticket {
    const id = String(row.id);
    const ticket = Object.freeze(this.toTicket(row));
    const key = convKey(row.channel_id, row.conversation_id);
    if (isOpenRow(row)) {
      this.entries.set(id, { row, ticket, seq });
      let ids = this.byConversation.get(key);
      if (!ids) this.byConversation.set(key, (ids = new Set()));
      ids.add(id);
    } else if (this.entries.delete(id)) {
      const ids = this.byConversation.get(key);
      ids?.delete(id);
      if (ids && !ids.size) this.byConversation.delete(key);
    }
    this.changed();
    return ticket;
  }

  /** The mirrored row and rowid of an open ticket. */
  entry(id: string): { row: TicketRow; seq: number } | undefined {
    return this.entries.get(id);
  }

  get(id: string): Ticket | undefined {
    return this.entries.get(id)?.ticket;
  }

  /** The newest open ticket of a conversation. */
  forConversation(channelId: string, conversationId: string): Ticket | null {
    let newest: Entry | null = null;
    for (const id of this.byConversation.get(convKey(channelId, conversationId)) ?? []) {
      const e = this.entries.get(id)!;
      if (!newest || e.ticket.createdAt > newest.ticket.createdAt || (e.ticket.createdAt === newest.ticket.createdAt && e.seq > newest.seq)) newest = e;
    }
    return newest?.ticket ?? null;
  }

  /** Waiting tickets (queued or offered) in queue order. The array is shared: do not change it. */
  waiting(): readonly Ticket[] {
    return this.waitingIndex().tickets;
  }

  /** 1-based place of a waiting ticket; 0 when it is not waiting. */
  position(id: string): number {
    return this.waitingIndex().positions.get(id) ?? 0;
  }

  /** Open tickets in one of the open statuses, in queue order. */
  withStatus(status: TicketStatus): Ticket[] {
    if (WAITING.has(status)) return this.waiting().filter((t) => t.status === status);
    return [...this.entries.values()].filter((e) => e.ticket.status === status).sort(byQueueOrder).map((e) => e.ticket);
  }

  /** Chats held plus offers pending, per lower-case username (a fresh map the caller may change). */
  loads(): Map<string, number> {
    if (!this.loadsCache) {
      const loads = new Map<string, number>();
      for (const { ticket: t } of this.entries.values()) {
        if (t.status !== 'assigned' && t.status !== 'offered') continue;
        const who = (t.lawyer ?? t.offeredTo)?.toLowerCase();
        if (who) loads.set(who, (loads.get(who) ?? 0) + 1);
      }
      this.loadsCache = loads;
    }
    return new Map(this.loadsCache);
  }

  /** Open chats of one lawyer, oldest assignment first. */
  assignedTo(username: string): Ticket[] {
    const who = username.toLowerCase();
    return [...this.entries.values()]
      .filter((e) => e.ticket.status === 'assigned' && e.ticket.lawyer?.toLowerCase() === who)
      .sort((a, b) => (a.ticket.assignedAt ?? 0) - (b.ticket.assignedAt ?? 0) || a.seq - b.seq)
      .map((e) => e.ticket);
  }

  private waitingIndex() {
    if (!this.waitingCache) {
      const tickets = [...this.entries.values()].filter((e) => WAITING.has(e.ticket.status)).sort(byQueueOrder).map((e) => e.ticket);
      this.waitingCache = { tickets, positions: new Map(tickets.map((t, i) => [t.id, i + 1])) };
    }
    return this.waitingCache;
  }

  private changed(): void {
    this.waitingCache = null;
    this.loadsCache = null;
  }
}
