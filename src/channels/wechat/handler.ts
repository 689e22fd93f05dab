/**
 * @module channels/wechat/handler
 * Translates only: WeChat message fields → a validated inbound message → Activity, and the bot's reply
 * Activities → plain reply content (text, choices, cited articles) → passive reply XML.
 */
import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { formatZodIssues } from '../../errors.js';
import { buildWechatXml, WechatXmlError } from './xml.js';

export const WECHAT_CHANNEL_ID = 'wechat';

const inboundSchema = z.object({
  ToUserName: z.string().min(1).max(64),
  FromUserName: z.string().min(1).max(128),
  CreateTime: z.string().regex(/^\d{1,12}$/, 'must be unix seconds'),
  MsgType: z.string().min(1).max(32),
  MsgId: z.string().regex(/^\d{1,20}$/).optional(),
  Content: z.string().max(8000).optional(),
  Event: z.string().max(64).optional(),
  EventKey: z.string().max(256).optional(),
  Recognition: z.string().max(8000).optional(),
});

/** One message or event pushed by WeChat. */
export interface WechatInbound {
  /** The official account's original id (gh_…). */
  account: string;
  openid: string;
  createTime: number;
  type: string;
  msgId?: string;
  content?: string;
  event?: string;
  eventKey?: string;
  /** Speech recognition of a voice message, when the account has it switched on. */
  recognition?: string;
}

/** Validates the fields of a decrypted push; throws WechatXmlError naming the field. */
export function parseInbound(fields: Record<string, string>): WechatInbound {
  const r = inboundSchema.safeParse(fields);
  if (!r.success) throw new WechatXmlError(`WeChat message XML: ${formatZodIssues(r.error)}`);
  const f = r.data;
  return {
    account: f.ToUserName, openid: f.FromUserName, createTime: Number(f.CreateTime), type: f.MsgType,
    msgId: f.MsgId, content: f.Content, event: f.Event, eventKey: f.EventKey, recognition: f.Recognition || undefined,
  };
}

/** Retries carry the same MsgId; events have none, so FromUserName + CreateTime (+ event) identify them. */
export function dedupeKey(msg: WechatInbound): string {
  return msg.msgId ? `msg:${msg.msgId}` : `evt:${msg.openid}:${msg.createTime}:${msg.event ?? msg.type}:${msg.eventKey ?? ''}`;
}

function address(msg: WechatInbound): Partial<Activity> {
  return {
    channelId: WECHAT_CHANNEL_ID,
    conversation: { id: msg.openid, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: msg.openid, name: '' },
    recipient: { id: msg.account, name: 'lawline' },
    timestamp: new Date(msg.createTime * 1000),
    locale: 'zh-CN',
  };
}

/** A message Activity carrying `text` (the citizen's words, or the text a numbered choice stands for). */
export function messageActivity(msg: WechatInbound, text: string): Partial<Activity> {
  return { ...address(msg), type: 'message', text, ...(msg.msgId ? { id: msg.msgId } : {}) };
}

/** A follow (subscribe) becomes the citizen joining the conversation. */
export function subscribeActivity(msg: WechatInbound): Partial<Activity> {
  return { ...address(msg), type: 'conversationUpdate', membersAdded: [{ id: msg.openid, name: '' }] };
}

/** A button the bot offered; on WeChat it becomes a numbered line and the reply sends `value`. */
export interface Choice { title: string; value: string }
/** A cited article with its quoted paragraphs (from the answer's channelData.lawline.citations). */
export interface CitedArticle { law: string; article: number; text: string; paragraphs?: number[] }

/** Everything a text-only channel can show of one turn's replies. */
export interface ReplyContent { text: string; choices: Choice[]; citations: CitedArticle[] }

const citationsSchema = z.array(z.object({ law: z.string(), article: z.number().int(), text: z.string(), paragraphs: z.array(z.number().int()).optional() }));

/** Joins the reply messages into one (a passive reply carries one message) and collects choices and citations. */
export function readReplies(activities: Partial<Activity>[]): ReplyContent {
  const texts: string[] = [];
  const choices: Choice[] = [];
  const citations: CitedArticle[] = [];
  for (const a of activities) {
    if ((a.type ?? 'message') !== 'message') continue;
    if (a.text?.trim()) texts.push(a.text.trim());
    for (const action of a.suggestedActions?.actions ?? []) {
      const value = typeof action.value === 'string' ? action.value : action.title;
      if (value) choices.push({ title: action.title || value, value });
    }
    const cited = citationsSchema.safeParse((a.channelData as { lawline?: { citations?: unknown } } | undefined)?.lawline?.citations);
    if (cited.success) citations.push(...cited.data);
  }
  return { text: texts.join('\n\n'), choices, citations };
}

/** The passive text reply to `msg`. */
export function textReplyXml(msg: WechatInbound, content: string, nowSeconds: number): string {
  return buildWechatXml({ ToUserName: msg.openid, FromUserName: msg.account, CreateTime: nowSeconds, MsgType: 'text', Content: content });
}
