/**
 * @module bot/feedback-event
 * A citizen's vote on the answer just given, on every channel: a 有用 / 没用 reply right after it (WeChat and any
 * text channel), or an `event` activity named `feedback` with `{helpful, comment?}` (Direct Line clients, Bot
 * Framework channels). The vote is about the question the conversation state remembers, already masked; one vote
 * per answer.
 */
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { BOT_REPLIES } from './bot-replies-zh.js';
import type { ConversationData } from './conversation-data.js';
import type { DialogDeps } from './dialogs/dialog-deps.js';

/** The value of a `feedback` event. */
export const feedbackEventSchema = z.object({
  helpful: z.boolean(),
  comment: z.string().trim().max(1000).optional(),
}).strict();

/**
 * Records a vote on the last answer; false when there is none to vote on (or votes are not taken), so the message
 * is handled as any other.
 */
export async function takeVote(context: TurnContext, deps: DialogDeps, data: ConversationData, vote: { helpful: boolean; comment?: string }): Promise<boolean> {
  const last = data.lastAnswer;
  if (!last || !deps.feedback) return false;
  delete data.lastAnswer;
  await deps.feedback.record({ conversationId: context.activity.conversation.id, question: last.question, helpful: vote.helpful, ...(vote.comment ? { comment: vote.comment } : {}) });
  await context.sendActivity(vote.helpful ? BOT_REPLIES.feedbackHelpful : BOT_REPLIES.feedbackNotHelpful);
  return true;
}

/** Handles `feedback` events; other events and malformed values are logged and left alone. */
export function feedbackEventHandler(deps: DialogDeps): (context: TurnContext) => Promise<void> {
  return async (context) => {
    if (context.activity.name !== 'feedback') return;
    const vote = feedbackEventSchema.safeParse(context.activity.value);
    if (!vote.success) {
      deps.lawline.log.info('feedback event ignored: malformed value', { conversation: context.activity.conversation.id });
      return;
    }
    const data = await deps.conversationData.get(context, {});
    if (!(await takeVote(context, deps, data, vote.data))) deps.lawline.log.info('feedback event ignored: no answer to vote on', { conversation: context.activity.conversation.id });
  };
}
