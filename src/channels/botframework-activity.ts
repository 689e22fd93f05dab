/**
 * @module channels/botframework-activity
 * What /api/messages accepts from a Bot Framework channel (the Emulator, Azure Bot Service). botbuilder checks
 * little (an object with a string `type`) and then fails deep inside a turn on, say, a missing conversation id,
 * which used to answer 500. The fields the SDK and lawline read are checked here so such a body gets a 400 naming
 * the field; everything else passes through untouched, as before. Required are only what every Bot Framework
 * channel sends and a turn cannot do without: type, channelId, serviceUrl (where replies go) and conversation.id.
 */
import { z } from 'zod';

/** Ids of real channels are far shorter; the bound only keeps absurd values out of locks, logs and transcripts. */
const MAX_ID = 2048;

const id = z.string().min(1).max(MAX_ID);
const account = z.object({ id: z.string().max(MAX_ID).optional(), name: z.string().optional(), role: z.string().optional() }).passthrough();
// The SDK turns these into Dates, and the transcript store files the activity under its timestamp.
const time = z.string().max(64).refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date-time').optional();

export const botFrameworkActivitySchema = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(MAX_ID).optional(),
    channelId: id,
    serviceUrl: z.string().url().max(MAX_ID),
    conversation: z.object({ id }).passthrough(),
    from: account.optional(),
    recipient: account.optional(),
    text: z.string().optional(),
    textFormat: z.string().max(32).optional(),
    locale: z.string().max(64).optional(),
    name: z.string().max(MAX_ID).optional(),
    replyToId: z.string().max(MAX_ID).optional(),
    deliveryMode: z.enum(['normal', 'notification', 'expectReplies', 'ephemeral']).optional(),
    timestamp: time,
    localTimestamp: time,
    expiration: time,
    membersAdded: z.array(account).optional(),
    membersRemoved: z.array(account).optional(),
    attachments: z.array(z.object({}).passthrough()).optional(),
    entities: z.array(z.object({}).passthrough()).optional(),
  })
  .passthrough();
