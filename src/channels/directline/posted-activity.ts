/**
 * @module channels/directline/posted-activity
 * What a Direct Line client may post, validated with zod, and how it becomes the activity the bot sees. Only
 * the fields lawline uses are kept: the sender is always the conversation's own user (a client cannot speak
 * as another user and so reach that user's state), and channelData keeps only WebChat's client ids.
 */
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import type { DirectLineConversation } from './conversation-store.js';

/** Longer messages are accepted and cut by the bot; this only bounds what is stored. */
export const MAX_POSTED_TEXT = 8000;

/** The bot's identity on this channel. */
export const DIRECTLINE_BOT = { id: 'lawline', name: '清远公共法律服务', role: 'bot' } as const;

export const postedActivitySchema = z.object({
  type: z.enum(['message', 'event', 'typing'], { errorMap: () => ({ message: 'type must be message, event or typing' }) }),
  text: z.string().max(MAX_POSTED_TEXT, `text is too long (at most ${MAX_POSTED_TEXT} characters)`).optional(),
  name: z.string().max(200).optional(),
  value: z.unknown().optional(),
  locale: z.string().max(35).optional(),
  textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
  from: z.object({ id: z.string().max(200).optional(), name: z.string().max(100).optional() }).optional(),
  channelData: z
    .object({ clientActivityID: z.string().max(200).optional(), clientTimestamp: z.string().max(64).optional() })
    .optional(),
});

export type PostedActivity = z.infer<typeof postedActivitySchema>;

export const startConversationSchema = z.object({ locale: z.string().max(35).optional() }).passthrough();

/** The activity as logged and echoed (the store adds id, timestamp, channel and conversation). */
export function toIncoming(posted: PostedActivity, conversation: DirectLineConversation): Partial<Activity> {
  const activity: Partial<Activity> = {
    type: posted.type,
    from: { id: conversation.userId, name: posted.from?.name ?? '', role: 'user' },
    recipient: { ...DIRECTLINE_BOT },
    locale: posted.locale ?? conversation.locale ?? 'zh-CN',
    serviceUrl: 'urn:lawline:directline',
  };
  if (posted.text !== undefined) activity.text = posted.text;
  if (posted.textFormat) activity.textFormat = posted.textFormat;
  if (posted.name !== undefined) activity.name = posted.name;
  if (posted.value !== undefined) activity.value = posted.value;
  if (posted.channelData) activity.channelData = posted.channelData;
  return activity;
}

/** A bot reply as logged: from the bot, to the user, pointing at the activity it answers. */
export function toOutgoing(reply: Partial<Activity>, conversation: DirectLineConversation, replyToId?: string): Partial<Activity> {
  const { id: _ignored, ...rest } = reply;
  return {
    ...rest,
    from: { ...DIRECTLINE_BOT },
    recipient: { id: conversation.userId, role: 'user' } as Activity['recipient'],
    ...(replyToId ? { replyToId } : {}),
  };
}
