/**
 * @module handoff/events
 * Bot Framework hand-off events: `handoff.initiate` when a ticket opens (context = the ticket's summary, the
 * bot transcript attached), `handoff.status` with accepted | failed | completed as it moves on. Channels that
 * can only show text (WeChat) do not get them.
 */
import { ActivityTypes, EventFactory, type Activity, type ConversationAccount, type TurnContext } from 'botbuilder';
import type { Ticket } from './handoff-types.js';
import { WECHAT_CHANNELS } from './wechat-window.js';

export const HANDOFF_STATES = ['accepted', 'failed', 'completed'] as const;
export type HandoffState = (typeof HANDOFF_STATES)[number];

/** True when the channel can take event activities. */
export function channelTakesEvents(channelId: string): boolean {
  return !WECHAT_CHANNELS.includes(channelId);
}

/**
 * The `handoff.initiate` event for a new ticket.
 * @example await context.sendActivity(handoffInitiateEvent(context, ticket))
 */
export function handoffInitiateEvent(context: TurnContext, ticket: Ticket): Partial<Activity> {
  const transcript = {
    activities: ticket.transcript.map((line) => ({
      type: ActivityTypes.Message, text: line.text, timestamp: new Date(line.at),
      from: line.from === 'citizen' ? context.activity.from : context.activity.recipient,
    })),
  };
  const value = { ticketId: ticket.id, reason: ticket.reason, priority: ticket.priority, topic: ticket.topic, county: ticket.county, language: ticket.language };
  return EventFactory.createHandoffInitiation(context, value, transcript as never);
}

/** The `handoff.status` event; `message` explains a failure. */
export function handoffStatusEvent(conversation: ConversationAccount, state: HandoffState, message?: string): Partial<Activity> {
  return EventFactory.createHandoffStatus(conversation, state, message);
}
