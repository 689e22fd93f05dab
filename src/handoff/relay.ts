/**
 * @module handoff/relay
 * Messages from the hand-off module to the citizen, over the citizen's own channel (the local adapter's
 * proactive sender for that channel). Each message is stored before it is sent, so a crash loses nothing, and
 * marked delivered or failed afterwards. On WeChat the customer-service window is checked first.
 */
import { ActivityTypes, type Activity, type ConversationAccount, type ConversationReference } from 'botbuilder';
import type { Logger } from '../logging/logger.js';
import { channelTakesEvents, handoffStatusEvent, type HandoffState } from './events.js';
import type { HandoffStore } from './handoff-store.js';
import type { MessageKind, Ticket } from './handoff-types.js';
import { wechatWindow, type WindowState } from './wechat-window.js';
import { LawlineError, type ErrorCode } from '../errors.js';

/** Sends activities to a conversation outside a turn. */
export type Deliver = (reference: Partial<ConversationReference>, activities: Partial<Activity>[]) => Promise<void>;

export interface RelayResult { messageId: number; delivered: boolean; window: WindowState }

/** Raised when WeChat's window is closed; the console tells the lawyer. */
export class WindowClosedError extends LawlineError {
  override name = 'WindowClosedError';
  readonly code: ErrorCode = 'wechat_window_closed';
  constructor(readonly window: WindowState) {
    super(`the WeChat customer-service window is closed (${window.reason})`);
  }
}

/** Creates the relay over `deliver` (replaceable later with {@link Relay.setDeliver}). */
export function createRelay(store: HandoffStore, log: Logger, clock: { now(): number }, deliver?: Deliver) {
  let send: Deliver | undefined = deliver;
  const relay = {
    setDeliver(d: Deliver) { send = d; },
    /** The WeChat window of a ticket now (always open on other channels). */
    window(ticket: Ticket): WindowState {
      return wechatWindow(ticket.channelId, ticket.lastCitizenAt, ticket.lawyerSinceCitizen, clock.now());
    },
    /**
     * Stores then sends `text` to the citizen. Lawyer messages are refused when the WeChat window is closed;
     * every proactive message counts against it.
     * @throws WindowClosedError for a lawyer message outside the window
     */
    async toCitizen(ticket: Ticket, kind: Extract<MessageKind, 'lawyer' | 'system'>, author: string | null, text: string, shown: string = text, status?: { state: HandoffState; message?: string }): Promise<RelayResult> {
      const window = relay.window(ticket);
      if (kind === 'lawyer' && !window.open) throw new WindowClosedError(window);
      const at = clock.now();
      const messageId = await store.addMessage(ticket.id, kind, author, text, at);
      if (!ticket.reference) return { messageId, delivered: false, window };
      let sent = ticket.lawyerSinceCitizen;
      if (window.remaining !== null) sent = await store.countLawyerMessage(ticket.id);
      const activities: Partial<Activity>[] = [];
      if (window.open) {
        activities.push({ type: ActivityTypes.Message, text: shown, channelData: { lawline: { handoff: { ticketId: ticket.id, from: kind } } } });
      }
      if (status && channelTakesEvents(ticket.channelId)) {
        activities.push(handoffStatusEvent(ticket.reference.conversation as ConversationAccount, status.state, status.message));
      }
      let delivered = false;
      if (activities.length && send) {
        try {
          await send(ticket.reference, activities);
          delivered = window.open;
        } catch (error) {
          log.warn('handoff relay failed', { ticket: ticket.id, channel: ticket.channelId, error });
        }
      }
      await store.markDelivered(messageId, delivered);
      return { messageId, delivered, window: wechatWindow(ticket.channelId, ticket.lastCitizenAt, sent, clock.now()) };
    },
  };
  return relay;
}

/** The relay of one hand-off service. */
export type Relay = ReturnType<typeof createRelay>;
