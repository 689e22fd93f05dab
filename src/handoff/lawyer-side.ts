/**
 * @module handoff/lawyer-side
 * What lawyers (and admins) do: presence, the queue, accept, read a conversation (assigned lawyer or admin
 * only), send, private notes, close or return to the bot; and the assist console's escalation.
 */
import type { Account } from '../accounts/account-schema.js';
import { findCounty, type Region } from '../config/region.js';
import { HttpError } from '../server/http-error.js';
import { isOnShift } from './schedule.js';
import type { CitizenSide } from './citizen-side.js';
import type { Dispatcher } from './dispatcher.js';
import { emptySummary, type HandoffCore } from './handoff-core.js';
import { HANDOFF_TEXT } from './handoff-replies-zh.js';
import type { Presence, Ticket } from './handoff-types.js';
import type { Lawyer } from './roster.js';

const countyName = (region: Region, id: string | null) => (id ? findCounty(region, id)?.name ?? id : null);
const same = (a: string | null, b: string) => a !== null && a.toLowerCase() === b.toLowerCase();

/** What the queue shows about a ticket: no transcript, no personal data. */
export function queueItem(t: Ticket, position: number, now: number, me: string, region: Region) {
  return {
    id: t.id, position, status: t.status, priority: t.priority, priorityReason: t.priorityReason, reason: t.reason,
    topic: t.topic, county: t.county, countyName: countyName(region, t.county), language: t.language, channelId: t.channelId, waitingMs: now - t.createdAt,
    offeredToMe: same(t.offeredTo, me), offerExpiresAt: same(t.offeredTo, me) ? t.offerExpiresAt : null,
  };
}

/** What "my chats" shows about an assigned ticket. */
const mineItem = (t: Ticket, region: Region) =>
  ({ id: t.id, topic: t.topic, county: t.county, countyName: countyName(region, t.county), assignedAt: t.assignedAt, lastCitizenAt: t.lastCitizenAt, channelId: t.channelId });

/**
 * The queue of every account at one instant, built once for many consoles: each waiting ticket is serialised
 * once and only the item offered to an account is written again for it. `json(username)` is the text of
 * `queue(username)`. Two snapshots whose `shared` and `key(username)` are equal show that account the same,
 * but for the waiting times (which grow by themselves).
 */
export interface QueueSnapshot {
  /** The waiting queue without waiting times and offers. */
  shared: string;
  /** The account's own part (presence, shift, capacity, its offer, its chats). */
  key(username: string): string;
  json(username: string): string;
}

/** How often a console's requests refresh its lawyer's last-seen time (the idle timeout is minutes). */
const HEARTBEAT_EVERY_MS = 5_000;

export function createLawyerSide(core: HandoffCore, dispatcher: Dispatcher, citizens: CitizenSide) {
  const { store, clock, relay } = core;
  const lastTouch = new Map<string, number>();

  function rostered(username: string): Lawyer {
    const lawyer = core.lawyer(username);
    if (!lawyer) throw new HttpError(403, `"${username}" is not on the duty roster`);
    return lawyer;
  }
  function ticketOr404(id: string): Ticket {
    const t = store.getTicket(id);
    if (!t) throw new HttpError(404, `no hand-off ticket ${id}`);
    return t;
  }
  function mayRead(t: Ticket, account: Account): void {
    if (account.role !== 'admin' && !(account.role === 'lawyer' && same(t.lawyer, account.username))) {
      throw new HttpError(403, 'only the assigned lawyer or an admin may read this conversation');
    }
  }
  function assignedTo(t: Ticket, username: string): void {
    if (t.status !== 'assigned' || !same(t.lawyer, username)) throw new HttpError(409, `ticket ${t.id} is not an open chat of "${username}"`);
  }

  const side = {
    setPresence(username: string, status: Presence) {
      const lawyer = rostered(username);
      store.setPresence(lawyer.username, status, clock.now(), { actor: lawyer.username, event: 'presence', detail: { status } });
      if (status === 'online') dispatcher.dispatch();
      return { status, onShift: isOnShift(lawyer.schedule, clock.now()) };
    },
    /** Any console request counts as a sign of life (idle timeout). */
    heartbeat(username: string): void {
      // Back-to-back polls need not each write: a sign of life every few seconds is plenty for the idle timeout.
      const now = clock.now();
      const key = username.toLowerCase();
      if (now - (lastTouch.get(key) ?? -Infinity) < HEARTBEAT_EVERY_MS) return;
      lastTouch.set(key, now);
      store.touch(username, now);
    },
    queue(username: string) {
      const now = clock.now();
      const lawyer = core.lawyer(username);
      const presence = store.presence().get(username.toLowerCase())?.status ?? 'offline';
      return {
        presence,
        onShift: lawyer ? isOnShift(lawyer.schedule, now) : false,
        capacity: lawyer?.capacity ?? 0,
        queue: store.queue().map((t, i) => queueItem(t, i + 1, now, username, core.region)),
        mine: store.assignedTo(username).map((t) => mineItem(t, core.region)),
      };
    },
    /** {@link QueueSnapshot} of now: four reads whatever the number of consoles. */
    queueSnapshot(): QueueSnapshot {
      const now = clock.now();
      const { region } = core;
      const tickets = store.queue();
      const presence = store.presence();
      const roster = new Map(core.roster().map((l) => [l.username.toLowerCase(), l]));
      // queueItem's last three keys are waitingMs, offeredToMe, offerExpiresAt: the rest ("head") is the same for
      // everybody and also tells whether the queue changed.
      const heads: string[] = [];
      const starts: number[] = [];
      const offered = new Map<string, number[]>();
      let length = 0;
      const items = tickets.map((t, i) => {
        const { waitingMs: _w, offeredToMe: _o, offerExpiresAt: _e, ...rest } = queueItem(t, i + 1, now, '', region);
        const head = JSON.stringify(rest).slice(0, -1);
        const item = `${head},"waitingMs":${now - t.createdAt},"offeredToMe":false,"offerExpiresAt":null}`;
        heads.push(head);
        starts.push(length);
        length += item.length + 1; // items are joined with one comma
        if (t.offeredTo) offered.set(t.offeredTo.toLowerCase(), [...(offered.get(t.offeredTo.toLowerCase()) ?? []), i]);
        return item;
      });
      const queue = items.join(',');
      let mine: Map<string, string> | undefined;
      const mineOf = (who: string) => {
        if (!mine) {
          const byLawyer = new Map<string, Ticket[]>();
          for (const t of store.byStatus('assigned').sort((a, b) => (a.assignedAt ?? 0) - (b.assignedAt ?? 0))) {
            const key = (t.lawyer ?? '').toLowerCase();
            byLawyer.set(key, [...(byLawyer.get(key) ?? []), t]);
          }
          mine = new Map([...byLawyer].map(([key, list]) => [key, JSON.stringify(list.map((t) => mineItem(t, region)))]));
        }
        return mine.get(who) ?? '[]';
      };
      const header = (who: string) => {
        const lawyer = roster.get(who);
        return `{"presence":${JSON.stringify(presence.get(who)?.status ?? 'offline')},"onShift":${lawyer ? isOnShift(lawyer.schedule, now) : false},"capacity":${lawyer?.capacity ?? 0}`;
      };
      return {
        shared: heads.join(','),
        key(username) {
          const who = username.toLowerCase();
          const mineOffers = (offered.get(who) ?? []).map((i) => `${i}:${tickets[i]!.offerExpiresAt}`).join();
          return `${header(who)}|${mineOffers}|${mineOf(who)}`;
        },
        json(username) {
          const who = username.toLowerCase();
          // Copy the shared text, swapping in the items offered to this account (normally none or one).
          let text = '';
          let from = 0;
          for (const i of offered.get(who) ?? []) {
            const t = tickets[i]!;
            text += `${queue.slice(from, starts[i])}${heads[i]},"waitingMs":${now - t.createdAt},"offeredToMe":true,"offerExpiresAt":${JSON.stringify(t.offerExpiresAt)}}`;
            from = starts[i]! + items[i]!.length;
          }
          text += queue.slice(from);
          return `${header(who)},"queue":[${text}],"mine":${mineOf(who)}}`;
        },
      };
    },
    async accept(id: string, username: string) {
      const lawyer = rostered(username);
      const t = ticketOr404(id);
      const now = clock.now();
      if (!(t.status === 'queued' || (t.status === 'offered' && same(t.offeredTo, username)))) {
        throw new HttpError(409, t.status === 'offered' ? `ticket ${id} is offered to another lawyer` : `ticket ${id} is ${t.status}`);
      }
      if (store.assignedTo(username).length >= lawyer.capacity) throw new HttpError(409, `capacity reached (${lawyer.capacity} chats)`);
      // Taken straight from the queue: recorded as an offer accepted at once, so stats see every acceptance.
      if (t.status === 'queued') store.addOffer(id, lawyer.username, now, now);
      store.resolveOffer(id, 'accepted', now);
      const ticket = store.updateTicket(id, { status: 'assigned', lawyer: lawyer.username, assignedAt: now, offeredTo: null, offerExpiresAt: null, awaiting: 'none' },
        { actor: lawyer.username, event: 'accepted', detail: { waitedMs: now - t.createdAt } }, now);
      dispatcher.dispatch();
      await relay.toCitizen(ticket, 'system', null, HANDOFF_TEXT.accepted(lawyer.name, lawyer.firm), undefined, { state: 'accepted' });
      return ticket;
    },
    read(id: string, account: Account, afterId = 0) {
      const t = ticketOr404(id);
      mayRead(t, account);
      if (account.role === 'admin' && afterId === 0) store.audit(id, { actor: account.username, event: 'read_by_admin' }, clock.now());
      const { reference: _reference, ...ticket } = t;
      return { ticket: { ...ticket, countyName: countyName(core.region, t.county) }, messages: store.messages(id, afterId), window: relay.window(t) };
    },
    async send(id: string, username: string, text: string) {
      const t = ticketOr404(id);
      assignedTo(t, username);
      const lawyer = core.lawyer(username);
      const result = await relay.toCitizen(t, 'lawyer', t.lawyer, text, `【${lawyer?.name ?? ''}律师】${text}`);
      store.audit(id, { actor: username, event: 'lawyer_message', detail: { length: text.length, delivered: result.delivered } }, clock.now());
      return result;
    },
    note(id: string, username: string, text: string) {
      const t = ticketOr404(id);
      if (!same(t.lawyer, username)) throw new HttpError(403, 'only the assigned lawyer may add notes');
      const now = clock.now();
      const noteId = store.addMessage(id, 'note', username, text, now);
      store.audit(id, { actor: username, event: 'note' }, now);
      return { id: noteId };
    },
    async close(id: string, account: Account, options: { returnToBot?: boolean; note?: string }) {
      const t = ticketOr404(id);
      if (account.role !== 'admin') assignedTo(t, account.username);
      else if (t.status !== 'assigned') throw new HttpError(409, `ticket ${id} is ${t.status}`);
      const now = clock.now();
      if (options.note) store.addMessage(id, 'note', account.username, options.note, now);
      const returnToBot = options.returnToBot ?? false;
      const ticket = store.updateTicket(id, { status: 'closed', closedAt: now, returnToBot, awaiting: t.reference ? 'rating' : 'none' },
        { actor: account.username, event: 'closed', detail: { returnToBot } }, now);
      dispatcher.dispatch();
      const text = `${returnToBot ? HANDOFF_TEXT.returned : HANDOFF_TEXT.closed}\n${HANDOFF_TEXT.askRating}`;
      await relay.toCitizen(ticket, 'system', null, text, undefined, { state: 'completed' });
      return ticket;
    },
    /** The assist console hands a case to a duty lawyer; with a phone it also becomes a callback. */
    escalate(agent: string, input: { summary: string; topic?: string; county?: string; phone?: string }) {
      const summary = { ...emptySummary(), note: input.summary, topic: input.topic ?? null, county: input.county ?? null };
      const id = `assist-${clock.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      const turn = citizens.open({ channelId: 'assist', conversationId: id, reference: null, reason: 'escalation', transcript: [], text: input.summary, summary });
      const ticket = turn.ticket!;
      store.audit(ticket.id, { actor: agent, event: 'escalated' }, clock.now());
      if (input.phone) store.addCallback({ ticketId: ticket.id, phone: input.phone, preferredTime: null, topic: ticket.topic, county: ticket.county, createdAt: clock.now() });
      return { id: ticket.id, position: dispatcher.position(ticket.id) };
    },
  };
  return side;
}

export type LawyerSide = ReturnType<typeof createLawyerSide>;
