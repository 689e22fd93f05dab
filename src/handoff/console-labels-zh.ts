/**
 * @module handoff/console-labels-zh
 * The Chinese a duty lawyer reads for the hand-off's codes: why a request goes first, the citizen's language, the
 * channel it came from. Typed by the code lists, so a new code does not compile without its label; the consoles
 * get them from GET /api/v1/meta instead of keeping copies.
 */
import type { PRIORITY_GROUPS } from './queue.js';
import type { Language } from './roster.js';

export const PRIORITY_LABELS: Record<'emergency' | (typeof PRIORITY_GROUPS)[number], string> = {
  emergency: '紧急', elderly: '老年人', disabled: '残疾人', minor: '未成年人', migrant_worker: '农民工', military: '军人军属',
};

export const LANGUAGE_LABELS: Record<Language, string> = {
  mandarin: '普通话', cantonese: '粤语', hakka: '客家话', teochew: '潮汕话', english: '英语',
};

/** Where a hand-off or a consultation came from: the website widget (Direct Line), WeChat, a 12348 agent's escalation… */
export const CHANNEL_LABELS: Record<string, string> = {
  directline: '网站', wechat: '微信', assist: '12348坐席转来',
  // Channels the overview counts consultations on: the JSON API (POST /api/v1/ask) and Bot Framework's.
  api: '开放接口', emulator: 'Bot Framework 模拟器', webchat: 'Azure 网页聊天', msteams: 'Teams',
};
