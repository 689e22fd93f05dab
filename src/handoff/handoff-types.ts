/**
 * @module handoff/handoff-types
 * The records of the hand-off module: tickets (one per request for a person), their messages, and the
 * lawyer's presence. Times are epoch milliseconds.
 */
import type { ConversationReference } from 'botbuilder';
import type { Language } from './roster.js';

/** queued → offered → assigned → closed; or cancelled (by the citizen), expired (nobody came), callback. */
export const TICKET_STATUSES = ['queued', 'offered', 'assigned', 'closed', 'cancelled', 'expired', 'callback'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
/** Statuses in which the hand-off module, not the bot, owns the conversation. */
export const OPEN_STATUSES: readonly TicketStatus[] = ['queued', 'offered', 'assigned'];

/** What the module waits for from the citizen outside the live chat. */
export type Awaiting = 'none' | 'phone' | 'time' | 'rating';

/** Why a ticket exists. */
export type HandoffReason = 'citizen_request' | 'duty_lawyer' | 'emergency' | 'escalation';

export const PRESENCE = ['online', 'busy', 'offline'] as const;
export type Presence = (typeof PRESENCE)[number];

/** One line of the bot conversation before the hand-off. */
export interface TranscriptLine { from: 'citizen' | 'bot'; text: string; at: number }

/** What the bot understood, shown to the lawyer next to the transcript. */
export interface HandoffSummary {
  intent: string | null;
  topic: string | null;
  topicConfidence: number | null;
  risk: 'emergency' | null;
  entities: Array<{ type: string; text: string; value: unknown }>;
  groups: string[];
  county: string | null;
  /** Legal-aid decision when the request came after an eligibility check. */
  eligibility: string | null;
  /** Free text from the assist console's escalation. */
  note?: string;
}

export interface Ticket {
  id: string;
  channelId: string;
  conversationId: string;
  /** Where relayed messages go; null for an escalation without a citizen channel. */
  reference: Partial<ConversationReference> | null;
  reason: HandoffReason;
  status: TicketStatus;
  /** 0 emergency, 1 priority group, 2 everyone else. */
  priority: number;
  priorityReason: string | null;
  topic: string | null;
  county: string | null;
  language: Language;
  summary: HandoffSummary;
  transcript: TranscriptLine[];
  lawyer: string | null;
  offeredTo: string | null;
  offerExpiresAt: number | null;
  /** Lawyers who let an offer of this ticket time out (not offered it again). */
  missedBy: string[];
  createdAt: number;
  assignedAt: number | null;
  closedAt: number | null;
  lastCitizenAt: number | null;
  /** Lawyer messages since the citizen last wrote (WeChat window rule). */
  lawyerSinceCitizen: number;
  awaiting: Awaiting;
  returnToBot: boolean;
}

/** citizen/lawyer: the chat; system: notices to the citizen; note: private lawyer notes. */
export type MessageKind = 'citizen' | 'lawyer' | 'system' | 'note';

export interface HandoffMessage {
  id: number;
  ticketId: string;
  kind: MessageKind;
  author: string | null;
  text: string;
  at: number;
  /** For lawyer and system messages: 1 delivered, 0 failed, null pending. */
  delivered: boolean | null;
}
