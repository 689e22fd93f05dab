/**
 * @module handoff/citizen-actions
 * The citizen's side of a hand-off: opening a ticket, and every message while a ticket owns the conversation —
 * kept for the lawyer while waiting (with position and estimate), relayed while a lawyer chats, or read as
 * 取消, a callback request (phone, then a preferred time) or a rating after the close. Returns the replies to
 * send in the same turn; nothing here sends proactively.
 */
import type { ConversationReference } from 'botbuilder';
import { maskPersonalData } from '../logging/mask.js';
import { parsePhone } from './callback-phone.js';
import type { Dispatcher } from './dispatcher.js';
import type { HandoffContext } from './handoff-context.js';
import { ANY_TIME_WORDS, CALLBACK_WORDS, CANCEL_WORDS, HANDOFF_TEXT, RATING_PATTERN } from './handoff-replies-zh.js';
import { detectLanguage, summarise } from './handoff-summary.js';
import type { HandoffReason, HandoffSummary, Ticket, TranscriptLine } from './handoff-types.js';
import { PRIORITY, priorityOf } from './queue.js';
import { MAX_MESSAGE_CHARS } from '../config/limits.js';

export interface OpenRequest {
  channelId: string;
  conversationId: string;
  reference: Partial<ConversationReference> | null;
  reason: HandoffReason;
  /** The bot conversation so far (citizen and bot lines). */
  transcript: TranscriptLine[];
  /** The message that asked for a person. */
  text: string;
  eligibility?: string | null;
  /** Replaces the computed summary (assist-console escalations). */
  summary?: HandoffSummary;
}

export interface CitizenTurn { taken: boolean; replies: string[]; ticket: Ticket | null; created?: boolean }


export function createCitizenActions(core: HandoffContext, dispatcher: Dispatcher) {
  const { store, clock } = core;
  const waitingText = async (t: Ticket, onDuty = dispatcher.onDuty()) => HANDOFF_TEXT.queued(dispatcher.position(t.id), await dispatcher.estimate(t.id, onDuty));

  async function callback(ticket: Ticket, phone: string): Promise<string[]> {
    const now = clock.now();
    await store.addCallback({ ticketId: ticket.id, phone, preferredTime: null, topic: ticket.topic, county: ticket.county, createdAt: now });
    await store.resolveOffer(ticket.id, 'withdrawn', now);
    await store.updateTicket(ticket.id, { status: 'callback', awaiting: 'time', offeredTo: null, offerExpiresAt: null, closedAt: now },
      { actor: 'citizen', event: 'callback_requested', detail: { phone: maskPersonalData(phone) } }, now);
    await dispatcher.dispatch();
    return [HANDOFF_TEXT.askTime];
  }

  const actions = {
    /** Opens a ticket, or reports the place of the one already open. */
    async open(req: OpenRequest): Promise<CitizenTurn> {
      const waiting = (t: Ticket | null): t is Ticket => t !== null && ['queued', 'offered'].includes(t.status);
      const alreadyQueued = async (t: Ticket): Promise<CitizenTurn> => ({ taken: true, ticket: t, replies: [`${HANDOFF_TEXT.alreadyQueued}${await waitingText(t)}`] });
      // The summary (the recogniser over the transcript) is the costly part: it is made before taking the hand-off
      // lock, which every process's hand-off steps wait for.
      const summary = req.summary ?? summarise(core.recognise, core.region, req.transcript, req.text, req.eligibility ?? null);
      const { priority, reason: priorityReason } = req.reason === 'emergency' ? { priority: PRIORITY.emergency, reason: 'emergency' } : priorityOf(summary);
      const language = detectLanguage([...req.transcript.filter((l) => l.from === 'citizen').map((l) => l.text), req.text]);
      return store.exclusive(async () => {
        const existing = store.activeFor(req.channelId, req.conversationId);
        if (waiting(existing)) return alreadyQueued(existing);
        const now = clock.now();
        const ticket: Ticket = {
          id: core.newTicketId(), channelId: req.channelId, conversationId: req.conversationId, reference: req.reference,
          reason: req.reason, status: 'queued', priority, priorityReason, topic: summary.topic, county: summary.county,
          language, summary, transcript: req.transcript, lawyer: null, offeredTo: null, offerExpiresAt: null, missedBy: [],
          createdAt: now, assignedAt: null, closedAt: null, lastCitizenAt: now, lawyerSinceCitizen: 0, awaiting: 'none', returnToBot: false,
        };
        await store.insertTicket(ticket, { actor: 'citizen', event: 'created', detail: { reason: req.reason, priority, priorityReason, topic: ticket.topic, county: ticket.county } });
        core.log.info('handoff ticket opened', { ticket: ticket.id, channel: ticket.channelId, reason: ticket.reason, priority });
        const onDuty = dispatcher.onDuty();
        await dispatcher.dispatch();
        const replies = onDuty === 0 ? [HANDOFF_TEXT.noLawyer(core.region)] : [await waitingText(ticket, onDuty)];
        if (priority === PRIORITY.emergency && onDuty > 0) replies.unshift(HANDOFF_TEXT.emergencyQueued);
        return { taken: true, ticket: await store.getTicket(ticket.id), replies, created: true };
      });
    },

    /** Handles a message for a conversation that a ticket owns; `taken: false` lets the bot answer it. */
    async message(channelId: string, conversationId: string, rawText: string): Promise<CitizenTurn> {
      // Most messages belong to no hand-off: the mirror (brought up to date first) says so without the lock.
      await store.refresh();
      if (!store.activeFor(channelId, conversationId)) return { taken: false, replies: [], ticket: null };
      return store.exclusive(() => actions.messageOwned(channelId, conversationId, rawText));
    },

    /** {@link message} inside the hand-off lock. */
    async messageOwned(channelId: string, conversationId: string, rawText: string): Promise<CitizenTurn> {
      const ticket = store.activeFor(channelId, conversationId);
      if (!ticket) return { taken: false, replies: [], ticket: null };
      const text = rawText.trim().slice(0, MAX_MESSAGE_CHARS);
      const clean = text.normalize('NFKC').replace(/[。.！!～~]+$/, '');
      const now = clock.now();

      if (ticket.awaiting === 'rating') {
        const m = RATING_PATTERN.exec(clean);
        if (!m) {
          await store.updateTicket(ticket.id, { awaiting: 'none' }, { actor: 'citizen', event: 'rating_skipped' }, now);
          return { taken: false, replies: [], ticket };
        }
        const comment = m[2]!.trim().slice(0, 500) || null;
        await store.addRating({ ticketId: ticket.id, lawyer: ticket.lawyer, topic: ticket.topic, county: ticket.county, score: Number(m[1]), comment, at: now });
        await store.updateTicket(ticket.id, { awaiting: 'none' }, { actor: 'citizen', event: 'rated', detail: { score: Number(m[1]) } }, now);
        return { taken: true, replies: [HANDOFF_TEXT.thanksRating], ticket };
      }
      if (ticket.awaiting === 'phone') {
        if (CANCEL_WORDS.test(clean)) {
          await store.updateTicket(ticket.id, { awaiting: 'none' }, { actor: 'citizen', event: 'callback_abandoned' }, now);
          return { taken: true, replies: [HANDOFF_TEXT.phoneCancelled], ticket };
        }
        const phone = parsePhone(text);
        return { taken: true, replies: phone ? await callback(ticket, phone) : [HANDOFF_TEXT.badPhone], ticket };
      }
      if (ticket.awaiting === 'time') {
        const preferred = ANY_TIME_WORDS.test(clean) ? '随时' : clean.slice(0, 50);
        await store.setCallbackTime(ticket.id, preferred);
        await store.updateTicket(ticket.id, { awaiting: 'none' }, { actor: 'citizen', event: 'callback_time_given' }, now);
        return { taken: true, replies: [HANDOFF_TEXT.callbackSaved], ticket };
      }

      // Write-ahead: the message is stored before anything else happens.
      await store.addMessage(ticket.id, 'citizen', null, text, now);
      const touched = await store.updateTicket(ticket.id, { lastCitizenAt: now, lawyerSinceCitizen: 0 }, { actor: 'citizen', event: 'citizen_message', detail: { length: text.length } }, now);
      if (ticket.status === 'assigned') return { taken: true, replies: [], ticket: touched };

      if (CANCEL_WORDS.test(clean)) {
        await store.resolveOffer(ticket.id, 'withdrawn', now);
        await store.updateTicket(ticket.id, { status: 'cancelled', offeredTo: null, offerExpiresAt: null, closedAt: now }, { actor: 'citizen', event: 'cancelled' }, now);
        await dispatcher.dispatch();
        return { taken: true, replies: [HANDOFF_TEXT.cancelled], ticket };
      }
      const phone = parsePhone(text);
      if (phone) return { taken: true, replies: await callback(ticket, phone), ticket };
      if (CALLBACK_WORDS.test(clean)) {
        await store.updateTicket(ticket.id, { awaiting: 'phone' }, { actor: 'citizen', event: 'callback_asked' }, now);
        return { taken: true, replies: [HANDOFF_TEXT.askPhone], ticket };
      }
      // Danger mentioned while waiting moves the ticket to the front.
      if (ticket.priority > PRIORITY.emergency && core.recognise?.(text).risk === 'emergency') {
        await store.updateTicket(ticket.id, { priority: PRIORITY.emergency, priorityReason: 'emergency' }, { actor: 'system', event: 'priority_raised', detail: { reason: 'emergency' } }, now);
      }
      return { taken: true, replies: [HANDOFF_TEXT.kept(dispatcher.position(ticket.id), await dispatcher.estimate(ticket.id))], ticket };
    },
  };
  return actions;
}

export type CitizenActions = ReturnType<typeof createCitizenActions>;
