/**
 * @module handoff/dispatcher
 * Moves the queue: offers waiting tickets to lawyers (one pending offer per lawyer, 30 s to accept), takes back
 * offers that timed out (recording the miss), puts idle lawyers offline, ends tickets nobody took, and after a
 * restart re-offers the offers that were in flight. A lawyer has at most one offer out at a time. Driven by events and by `tick()`; never by its own timers.
 * Each step runs inside the hand-off lock (store.exclusive), so with several processes it runs once on fresh state.
 */
import { chooseLawyer, isAvailable, lawyersOnDuty, type LawyerState } from './assignment.js';
import type { HandoffContext } from './handoff-context.js';
import type { Ticket } from './handoff-types.js';
import { estimateWait } from './queue.js';

export function createDispatcher(core: HandoffContext) {
  const { store, clock, settings } = core;
  const lawyerState = (): LawyerState => ({ presence: store.presence(), loads: store.loads() });
  const lawyersOnDutyNow = (): number => lawyersOnDuty(core.roster(), { presence: store.presence() }, clock.now()).length;

  const dispatcher = {
    lawyerState,
    /** Offers every waiting ticket that someone can take now; returns the tickets offered. */
    dispatch: (): Promise<Ticket[]> => store.exclusive(async () => {
      const now = clock.now();
      const roster = core.roster();
      const state = lawyerState();
      const offered: Ticket[] = [];
      // One pending offer per lawyer: those with an offer out wait until it is answered.
      const pending = new Set(store.byStatus('offered').map((t) => t.offeredTo?.toLowerCase()));
      const free = () => roster.filter((l) => !pending.has(l.username.toLowerCase()) && isAvailable(l, state, now));
      if (!free().length) return offered;
      for (const ticket of store.byStatus('queued')) {
        const candidates = free();
        if (!candidates.length) break;
        let lawyer = chooseLawyer(ticket, candidates, state, now);
        // Everyone available already missed it: start a new round rather than leave it waiting.
        if (!lawyer && ticket.missedBy.length) lawyer = chooseLawyer({ ...ticket, missedBy: [] }, candidates, state, now);
        if (!lawyer) continue;
        const expiresAt = now + settings.offerTimeoutMs;
        await store.addOffer(ticket.id, lawyer.username, now, expiresAt);
        offered.push(await store.updateTicket(ticket.id, { status: 'offered', offeredTo: lawyer.username, offerExpiresAt: expiresAt },
          { actor: 'system', event: 'offered', detail: { lawyer: lawyer.username } }, now));
        const key = lawyer.username.toLowerCase();
        state.loads.set(key, (state.loads.get(key) ?? 0) + 1);
        pending.add(key);
      }
      return offered;
    }),
    /** Takes back offers older than the offer timeout; the lawyer is recorded as having missed it. */
    expireOffers: (): Promise<Ticket[]> => store.exclusive(async () => {
      const now = clock.now();
      const missed: Ticket[] = [];
      for (const ticket of store.byStatus('offered')) {
        if (ticket.offerExpiresAt === null || ticket.offerExpiresAt > now || !ticket.offeredTo) continue;
        await store.resolveOffer(ticket.id, 'missed', now);
        missed.push(await store.updateTicket(ticket.id, { status: 'queued', offeredTo: null, offerExpiresAt: null, missedBy: [...ticket.missedBy, ticket.offeredTo] },
          { actor: 'system', event: 'offer_missed', detail: { lawyer: ticket.offeredTo } }, now));
      }
      return missed;
    }),
    /** Lawyers silent for longer than the idle timeout go offline. */
    expireIdle: (): Promise<string[]> => store.exclusive(async () => {
      const now = clock.now();
      const gone: string[] = [];
      // Signs of life are written by whichever process serves the console: read them from the database.
      for (const [username, p] of await store.presenceNow()) {
        if (p.status !== 'offline' && now - p.lastSeen > settings.idleTimeoutMs) {
          await store.setPresence(username, 'offline', p.lastSeen, { actor: 'system', event: 'presence_idle_offline', detail: { lawyer: username } });
          gone.push(username);
        }
      }
      return gone;
    }),
    /** Waiting tickets older than the queue timeout end as expired. */
    expireQueue: (): Promise<Ticket[]> => store.exclusive(async () => {
      const now = clock.now();
      const expired: Ticket[] = [];
      for (const t of store.queue().filter((q) => now - q.createdAt > settings.queueTimeoutMs)) {
        await store.resolveOffer(t.id, 'withdrawn', now);
        expired.push(await store.updateTicket(t.id, { status: 'expired', offeredTo: null, offerExpiresAt: null, closedAt: now }, { actor: 'system', event: 'expired' }, now));
      }
      return expired;
    }),
    /**
     * After a restart of the only process: offers in flight go back to the queue and are offered again. With a
     * shared database other processes keep theirs running, and offers simply time out as usual.
     */
    resume: (): Promise<void> => store.exclusive(async () => {
      const now = clock.now();
      for (const ticket of store.byStatus('offered')) {
        await store.resolveOffer(ticket.id, 'reset', now);
        await store.updateTicket(ticket.id, { status: 'queued', offeredTo: null, offerExpiresAt: null }, { actor: 'system', event: 'offer_reset_on_start', detail: { lawyer: ticket.offeredTo } }, now);
      }
    }),
    /** 1-based place of a waiting ticket; 0 when it is not waiting. */
    position(ticketId: string): number {
      return store.position(ticketId);
    },
    /** Lawyers on duty now (on shift, not offline). */
    onDuty: (): number => lawyersOnDutyNow(),
    /** Honest wait estimate for a waiting ticket (ms), or null when it cannot be estimated. */
    async estimate(ticketId: string, onDuty?: number): Promise<number | null> {
      const now = clock.now();
      return estimateWait(await store.recentWaits(now - settings.waitHistoryMs, settings.waitSamples), store.position(ticketId), onDuty ?? lawyersOnDutyNow());
    },
  };
  return dispatcher;
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
