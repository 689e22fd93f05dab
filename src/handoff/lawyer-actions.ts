/**
 * @module handoff/lawyer-actions
 * What lawyers (and admins) do: presence, the queue, accept, read a conversation (assigned lawyer or admin
 * only), send, private notes, close or return to the bot; and the assist console's escalation.
 */
import type { Account } from '../accounts/account-schema.js';
import { findCounty, type Region } from '../config/region.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors.js';
import { isOnShift } from './schedule.js';
import { createQueueSnapshots, mineItem, queueItem } from './queue-snapshot.js';
import type { CitizenActions } from './citizen-actions.js';
import type { Dispatcher } from './dispatcher.js';
import { emptySummary, type HandoffContext } from './handoff-context.js';
import { HANDOFF_TEXT } from './handoff-replies-zh.js';
import type { Presence, Ticket } from './handoff-types.js';
import type { Lawyer } from './roster.js';

const countyName = (region: Region, id: string | null) => (id ? findCounty(region, id)?.name ?? id : null);
const same = (a: string | null, b: string) => a !== null && a.toLowerCase() === b.toLowerCase();

/** How often a console's requests refresh its lawyer's last-seen time (the idle timeout is minutes). */
const HEARTBEAT_EVERY_MS = 5_000;

export function createLawyerActions(core: HandoffContext, dispatcher: Dispatcher, citizens: CitizenActions) {
  const { store, clock, relay } = core;
  const lastTouch = new Map<string, number>();

  function rostered(username: string): Lawyer {
    const lawyer = core.lawyer(username);
    if (!lawyer) throw new ForbiddenError(`"${username}" is not on the duty roster`);
    return lawyer;
  }
  async function existingTicket(id: string): Promise<Ticket> {
    const t = await store.getTicket(id);
    if (!t) throw new NotFoundError(`no hand-off ticket ${id}`);
    return t;
  }
  function mayRead(t: Ticket, account: Account): void {
    if (account.role !== 'admin' && !(account.role === 'lawyer' && same(t.lawyer, account.username))) {
      throw new ForbiddenError('only the assigned lawyer or an admin may read this conversation');
    }
  }
  function assignedTo(t: Ticket, username: string): void {
    if (t.status !== 'assigned' || !same(t.lawyer, username)) throw new ConflictError(`ticket ${t.id} is not an open chat of "${username}"`);
  }

  const actions = {
    async setPresence(username: string, status: Presence) {
      await store.refresh();
      const lawyer = rostered(username);
      await store.setPresence(lawyer.username, status, clock.now(), { actor: lawyer.username, event: 'presence', detail: { status } });
      if (status === 'online') await dispatcher.dispatch();
      return { status, onShift: isOnShift(lawyer.schedule, clock.now()) };
    },
    /** Any console request counts as a sign of life (idle timeout). */
    heartbeat(username: string): void {
      // Back-to-back polls need not each write: a sign of life every few seconds is plenty for the idle timeout.
      const now = clock.now();
      const key = username.toLowerCase();
      if (now - (lastTouch.get(key) ?? -Infinity) < HEARTBEAT_EVERY_MS) return;
      lastTouch.set(key, now);
      void store.touch(username, now).catch((error: unknown) => core.log.warn('handoff: cannot record a sign of life', { error }));
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
    /** The queue of every account now (queue-snapshot.ts): four reads whatever the number of consoles. */
    queueSnapshot: createQueueSnapshots(core),
    async accept(id: string, username: string) {
      await store.refresh();
      const lawyer = rostered(username);
      const ticket = await store.exclusive(async () => {
        const t = await existingTicket(id);
        const now = clock.now();
        if (!(t.status === 'queued' || (t.status === 'offered' && same(t.offeredTo, username)))) {
          throw new ConflictError(t.status === 'offered' ? `ticket ${id} is offered to another lawyer` : `ticket ${id} is ${t.status}`);
        }
        if (store.assignedTo(username).length >= lawyer.capacity) throw new ConflictError(`capacity reached (${lawyer.capacity} chats)`);
        // Taken straight from the queue: recorded as an offer accepted at once, so stats see every acceptance.
        if (t.status === 'queued') await store.addOffer(id, lawyer.username, now, now);
        await store.resolveOffer(id, 'accepted', now);
        const assigned = await store.updateTicket(id, { status: 'assigned', lawyer: lawyer.username, assignedAt: now, offeredTo: null, offerExpiresAt: null, awaiting: 'none' },
          { actor: lawyer.username, event: 'accepted', detail: { waitedMs: now - t.createdAt } }, now);
        await dispatcher.dispatch();
        return assigned;
      });
      // Delivered after the lock is released: a slow channel must not hold up the queue.
      await relay.toCitizen(ticket, 'system', null, HANDOFF_TEXT.accepted(lawyer.name, lawyer.firm), undefined, { state: 'accepted' });
      return ticket;
    },
    async read(id: string, account: Account, afterId = 0) {
      const t = await existingTicket(id);
      mayRead(t, account);
      if (account.role === 'admin' && afterId === 0) await store.audit(id, { actor: account.username, event: 'read_by_admin' }, clock.now());
      const { reference: _reference, ...ticket } = t;
      return { ticket: { ...ticket, countyName: countyName(core.region, t.county) }, messages: await store.messages(id, afterId), window: relay.window(t) };
    },
    async send(id: string, username: string, text: string) {
      await store.refresh();
      const t = await existingTicket(id);
      assignedTo(t, username);
      const lawyer = core.lawyer(username);
      const result = await relay.toCitizen(t, 'lawyer', t.lawyer, text, `【${lawyer?.name ?? ''}律师】${text}`);
      await store.audit(id, { actor: username, event: 'lawyer_message', detail: { length: text.length, delivered: result.delivered } }, clock.now());
      return result;
    },
    async note(id: string, username: string, text: string) {
      const t = await existingTicket(id);
      if (!same(t.lawyer, username)) throw new ForbiddenError('only the assigned lawyer may add notes');
      const now = clock.now();
      const noteId = await store.addMessage(id, 'note', username, text, now);
      await store.audit(id, { actor: username, event: 'note' }, now);
      return { id: noteId };
    },
    async close(id: string, account: Account, options: { returnToBot?: boolean; note?: string }) {
      const returnToBot = options.returnToBot ?? false;
      const ticket = await store.exclusive(async () => {
        const t = await existingTicket(id);
        if (account.role !== 'admin') assignedTo(t, account.username);
        else if (t.status !== 'assigned') throw new ConflictError(`ticket ${id} is ${t.status}`);
        const now = clock.now();
        if (options.note) await store.addMessage(id, 'note', account.username, options.note, now);
        const closed = await store.updateTicket(id, { status: 'closed', closedAt: now, returnToBot, awaiting: t.reference ? 'rating' : 'none' },
          { actor: account.username, event: 'closed', detail: { returnToBot } }, now);
        await dispatcher.dispatch();
        return closed;
      });
      const text = `${returnToBot ? HANDOFF_TEXT.returned : HANDOFF_TEXT.closed}\n${HANDOFF_TEXT.askRating}`;
      await relay.toCitizen(ticket, 'system', null, text, undefined, { state: 'completed' });
      return ticket;
    },
    /** The assist console hands a case to a duty lawyer; with a phone it also becomes a callback. */
    async escalate(agent: string, input: { summary: string; topic?: string; county?: string; phone?: string }) {
      const summary = { ...emptySummary(), note: input.summary, topic: input.topic ?? null, county: input.county ?? null };
      const id = `assist-${clock.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
      const turn = await citizens.open({ channelId: 'assist', conversationId: id, reference: null, reason: 'escalation', transcript: [], text: input.summary, summary });
      const ticket = turn.ticket!;
      await store.audit(ticket.id, { actor: agent, event: 'escalated' }, clock.now());
      if (input.phone) await store.addCallback({ ticketId: ticket.id, phone: input.phone, preferredTime: null, topic: ticket.topic, county: ticket.county, createdAt: clock.now() });
      return { id: ticket.id, position: dispatcher.position(ticket.id) };
    },
  };
  return actions;
}

export type LawyerActions = ReturnType<typeof createLawyerActions>;
