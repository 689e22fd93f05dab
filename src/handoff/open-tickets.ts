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
  // Kept in queue order as tickets are written (a binary-search insert), so a ticket's place needs no re-sort.
  private readonly waitingSorted: Entry[] = [];
  private waitingTickets: Ticket[] | null = null;
  /** Chats held plus offers pending, per lower-case username, kept up to date on every write. */
  private readonly load = new Map<string, number>();

  /** `toTicket` turns a row into the ticket callers see (the same conversion a database read uses). */
  constructor(private readonly toTicket: (row: TicketRow) => Ticket) {}

  /** Replaces the mirror with `rows` (each with its rowid as `seq`). */
  reset(rows: Array<{ row: TicketRow; seq: number }>): void {
    this.entries.clear();
    this.byConversation.clear();
    this.waitingSorted.length = 0;
    this.load.clear();
    for (const { row, seq } of rows) this.put(row, seq);
    this.waitingTickets = null;
  }

  /** Records the row as written; a row that no longer owns its conversation leaves the mirror. */
  put(row: TicketRow, seq: number): Ticket {
    const id = String(row.id);
    const ticket = Object.freeze(this.toTicket(row));
    const key = convKey(row.channel_id, row.conversation_id);
    const old = this.entries.get(id);
    if (old) this.unindex(old);
    if (isOpenRow(row)) {
      const entry = { row, ticket, seq };
      this.entries.set(id, entry);
      this.index(entry);
      let ids = this.byConversation.get(key);
      if (!ids) this.byConversation.set(key, (ids = new Set()));
      ids.add(id);
    } else if (this.entries.delete(id)) {
      const ids = this.byConversation.get(key);
      ids?.delete(id);
      if (ids && !ids.size) this.byConversation.delete(key);
    }
    this.waitingTickets = null;
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
    return (this.waitingTickets ??= this.waitingSorted.map((e) => e.ticket));
  }

  /** 1-based place of a waiting ticket; 0 when it is not waiting. */
  position(id: string): number {
    const entry = this.entries.get(id);
    if (!entry || !WAITING.has(entry.ticket.status)) return 0;
    return this.lowerBound(entry) + 1;
  }

  /** Open tickets in one of the open statuses, in queue order. */
  withStatus(status: TicketStatus): Ticket[] {
    if (WAITING.has(status)) return this.waiting().filter((t) => t.status === status);
    return [...this.entries.values()].filter((e) => e.ticket.status === status).sort(byQueueOrder).map((e) => e.ticket);
  }

  /** Chats held plus offers pending, per lower-case username (a fresh map the caller may change). */
  loads(): Map<string, number> {
    return new Map(this.load);
  }

  /** Open chats of one lawyer, oldest assignment first. */
  assignedTo(username: string): Ticket[] {
    const who = username.toLowerCase();
    return [...this.entries.values()]
      .filter((e) => e.ticket.status === 'assigned' && e.ticket.lawyer?.toLowerCase() === who)
      .sort((a, b) => (a.ticket.assignedAt ?? 0) - (b.ticket.assignedAt ?? 0) || a.seq - b.seq)
      .map((e) => e.ticket);
  }

  /** Index in the waiting list of the first entry not before `entry` (its own index when it is there). */
  private lowerBound(entry: Entry): number {
    let lo = 0;
    let hi = this.waitingSorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byQueueOrder(this.waitingSorted[mid]!, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private index(entry: Entry): void {
    if (WAITING.has(entry.ticket.status)) this.waitingSorted.splice(this.lowerBound(entry), 0, entry);
    this.addLoad(entry.ticket, 1);
  }

  private unindex(entry: Entry): void {
    if (WAITING.has(entry.ticket.status)) {
      const at = this.lowerBound(entry);
      if (this.waitingSorted[at] === entry) this.waitingSorted.splice(at, 1);
    }
    this.addLoad(entry.ticket, -1);
  }

  private addLoad(t: Ticket, delta: 1 | -1): void {
    if (t.status !== 'assigned' && t.status !== 'offered') return;
    const who = (t.lawyer ?? t.offeredTo)?.toLowerCase();
    if (!who) return;
    const n = (this.load.get(who) ?? 0) + delta;
    if (n > 0) this.load.set(who, n);
    else this.load.delete(who);
  }
}
