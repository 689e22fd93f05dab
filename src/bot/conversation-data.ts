/**
 * @module bot/conversation-data
 * What the bot remembers per conversation and per user (stored through ConversationState / UserState).
 */
import type { ServiceIntent, TopicLabel } from '../vocabulary.js';

/** A request for a person, left for the hand-off feature to pick up. */
export interface HandoffRequest {
  requestedAt: string;
  /** citizen_request: the citizen said 转人工; duty_lawyer: chose the duty-lawyer offer after the check. */
  reason: 'citizen_request' | 'duty_lawyer';
  /** The dialog the citizen was in. */
  from: 'eligibility' | 'calculator';
  /** Eligibility decision when the request came after a check. */
  decision?: string;
}

/** Per-conversation memory. */
export interface ConversationData {
  /** Reference number of the last pre-application made in this conversation. */
  lastReference?: string;
  /** Set after an answer offered the eligibility check; holds the question that answer was about. */
  eligibilityOffer?: { text: string };
  /** Set after an answer offered a conversation tool (a calculator): the tool's dialog and its start options. */
  toolOffer?: { id: string; options: object };
  /** Set after the greeting showed the numbered service menu, so 1–6 pick a service. */
  serviceMenu?: boolean;
  /** Set after an answer offered numbered readings of an unclear question: the question and the readings. */
  clarification?: { text: string; readings: Array<{ intent: ServiceIntent; domain: TopicLabel }> };
  /** The county-level unit the citizen last named (full name), so later questions count for it too. */
  county?: string;
  /** Set after a draft was made in a conversation with a pre-application: 附到预申请 keeps the draft with it. */
  draftKeepOffer?: { token: string; reference: string };
  /** The last few things the citizen told about their case (with the topic recognised), offered as the facts of a draft. */
  said?: SaidAboutCase[];
  /**
   * The question the bot last answered, masked (src/logging/mask.ts): a 有用 / 没用 reply or a feedback event right
   * after the answer is a vote on it. Cleared by any other message.
   */
  lastAnswer?: { question: string };
  /** Pending hand-off marker (see HandoffRequest). */
  handoff?: HandoffRequest;
}

/** A message that told something about the citizen's case. */
export interface SaidAboutCase { text: string; domain: TopicLabel }

/** Per-user memory (same channel). */
export interface UserData {
  lastReference?: string;
}

/** Property names in ConversationState / UserState. */
export const STATE_PROPERTIES = { conversation: 'lawline', user: 'lawlineUser', dialogs: 'dialogState' } as const;
