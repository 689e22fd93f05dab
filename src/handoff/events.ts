/**
 * @module handoff/events
 * Bot Framework hand-off events: `handoff.initiate` when a ticket opens (context = the ticket's summary, the
 * bot transcript attached), `handoff.status` with accepted | failed | completed as it moves on. Channels that
 * can only show text (WeChat) do not get them.
 */
import { randomUUID } from 'node:crypto';
import { ActivityTypes, TurnContext, type Activity, type ConversationAccount } from 'botbuilder';
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
  const { activity } = context;
  return {
    ...handoffEvent('handoff.initiate', value, activity.conversation),
    from: activity.from, relatesTo: TurnContext.getConversationReference(activity) as Activity['relatesTo'],
    replyToId: activity.id, serviceUrl: activity.serviceUrl, channelId: activity.channelId,
    attachments: [{ content: transcript, contentType: 'application/json', name: 'Transcript' }],
  };
}

/** The `handoff.status` event; `message` explains a failure. */
export function handoffStatusEvent(conversation: ConversationAccount, state: HandoffState, message?: string): Partial<Activity> {
  return handoffEvent('handoff.status', { state, message }, conversation);
}

// The same activities botbuilder's EventFactory builds, except that the local time zone is resolved once: the
// factory asks Intl for it on every event, which was a twentieth of the server's time in a burst of hand-offs.
const LOCAL_TIMEZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

function handoffEvent(name: string, value: unknown, conversation: ConversationAccount): Partial<Activity> {
  return {
    type: ActivityTypes.Event, name, value, id: randomUUID(), timestamp: new Date(), localTimezone: LOCAL_TIMEZONE,
    conversation, attachments: [], entities: [],
  };
}
