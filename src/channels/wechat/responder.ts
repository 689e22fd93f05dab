/**
 * @module channels/wechat/responder
 * Decides the reply text to one WeChat push: numbers the last reply offered are answered from the follow-up store
 * (or turned into the text they stand for), text goes to the bot, a follow becomes the welcome and service menu,
 * menu clicks pick a service, and other message types get a polite request for text.
 */
import type { Activity } from 'botbuilder';
import { REPLIES } from '../../assistant/replies-zh.js';
import type { Logger } from '../../logging/logger.js';
import type { FollowUpStore, NumberedOption, OptionAction } from './follow-up-store.js';
import { messageActivity, readReplies, subscribeActivity, type WechatInbound } from './handler.js';
import { renderFollowUp, shapeReply } from './reply-shaper.js';
import { MENU_EVENT_KEYS } from './service-menu.js';
import { WECHAT_REPLIES } from './wechat-replies-zh.js';

export interface WechatResponderOptions {
  adapter: { runTurn(activity: Partial<Activity>): Promise<Partial<Activity>[]> };
  followUps: FollowUpStore;
  log: Logger;
}

/** The reply text to a push, or null when nothing should be said (unsubscribe, VIEW, LOCATION …). */
export type WechatResponder = (msg: WechatInbound) => Promise<string | null>;

/** "7", "７", "7。" → 7. */
function pickedNumber(text: string): number | null {
  const m = /^\s*(\d{1,2})\s*[。.]?\s*$/.exec(text.normalize('NFKC'));
  return m ? Number(m[1]) : null;
}

/**
 * @example const respond = createWechatResponder({ adapter, followUps, log }); const text = await respond(msg);
 */
export function createWechatResponder({ adapter, followUps, log }: WechatResponderOptions): WechatResponder {
  async function turn(msg: WechatInbound, activity: Partial<Activity>): Promise<string | null> {
    let replies: Partial<Activity>[];
    try {
      replies = await adapter.runTurn(activity);
    } catch (error) {
      log.error('wechat: bot turn failed', { error });
      return WECHAT_REPLIES.failure;
    }
    const content = readReplies(replies);
    if (!content.text && !content.choices.length) return null;
    const shaped = shapeReply(content);
    await followUps.set(msg.openid, shaped.options);
    return shaped.text;
  }

  async function welcome(msg: WechatInbound): Promise<string> {
    const shaped = shapeReply({ text: REPLIES.greeting, choices: [], citations: [] });
    await followUps.set(msg.openid, shaped.options);
    return shaped.text;
  }

  async function act(msg: WechatInbound, action: OptionAction, option?: NumberedOption): Promise<string | null> {
    if (action.type === 'send') return turn(msg, messageActivity(msg, action.text));
    if (action.type === 'menu') {
      await followUps.set(msg.openid, action.options);
      return action.text;
    }
    return option ? renderFollowUp(option, (await followUps.get(msg.openid)) ?? []) : action.text;
  }

  async function text(msg: WechatInbound, words: string): Promise<string | null> {
    const n = pickedNumber(words);
    const option = n === null ? undefined : (await followUps.get(msg.openid))?.find((o) => o.number === n);
    if (option) return act(msg, option.action, option);
    return turn(msg, messageActivity(msg, words));
  }

  return async (msg) => {
    if (msg.type === 'text') return text(msg, msg.content ?? '');
    if (msg.type === 'voice' && msg.recognition) return text(msg, msg.recognition);
    if (msg.type !== 'event') return WECHAT_REPLIES.textOnly;
    switch (msg.event?.toLowerCase()) {
      case 'subscribe':
        return (await turn(msg, subscribeActivity(msg))) ?? welcome(msg);
      case 'unsubscribe':
        await followUps.delete(msg.openid);
        return null;
      case 'click': {
        const action = MENU_EVENT_KEYS[msg.eventKey ?? ''];
        return action ? act(msg, action) : welcome(msg);
      }
      default:
        return null; // VIEW, SCAN, LOCATION …: nothing to say
    }
  };
}
