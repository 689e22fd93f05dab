/**
 * @module agent-assist/sms-summary
 * The one-message SMS a hotline agent can send after a call: the core advice, the key article and "详询12348",
 * built only from the answer's own sources (its best guide and best citation), so it never states a fact the
 * answer does not. Aims at one 70-character SMS segment; never exceeds two (140).
 */
import type { Guide } from '../knowledge/schemas/guide.js';

/** One SMS segment of Chinese text (UCS-2): the length we aim for. */
export const SMS_TARGET = 70;
/** Hard cap: two segments. */
export const SMS_MAX = 140;
/** Always the last words of the message. */
export const SMS_SIGN_OFF = '详询12348。';
/** Lead for emergencies; the same step opens the answer's safety block (REPLIES.safety). */
export const SMS_SAFETY = '如有危险请立即拨打110。';

export interface SmsSources {
  risk: 'emergency' | null;
  /** The answer's citations, best first; the first is the key article. */
  citations: Array<{ law: string; article: number; text: string }>;
  /** The answer's guides, best first; the first gives the advice. */
  guides: Guide[];
  /** False when the answer itself is unsure (it then offers a duty lawyer): no article is named. */
  confident: boolean;
}

/** Length as an SMS counts it: one unit per character (code point), punctuation and digits included. */
export function smsLength(s: string): number {
  return [...s].length;
}

/** Drops "（…第X条）" basis notes and line breaks: the message names its article separately. */
function plain(s: string): string {
  return s.replace(/（[^（）]*第[^（）]*条[^（）]*）/g, '').replace(/\s+/g, '').trim();
}

/** First sentence of a text, without its closing mark. */
function firstSentence(s: string): string {
  return plain(s).split(/[。；！？]/).find((x) => x.length > 0) ?? '';
}

/**
 * Shortens "工资、辞退、经济补偿……等" lists to their first item plus 等: the list stays open, as the source says,
 * and no condition or limit of the sentence is dropped.
 */
export function compressLists(sentence: string): string {
  return sentence.replace(/([^，、；：]+)(?:、[^，、；：]+?)+等/g, '$1等');
}

/** The first clauses of the sentence that fit `budget`, cut with "…" when even the first does not. */
function head(sentence: string, budget: number): string {
  const clauses = sentence.split('，');
  for (let n = clauses.length; n > 0; n--) {
    const text = clauses.slice(0, n).join('，');
    if (n === clauses.length ? smsLength(text) <= budget : smsLength(text) <= budget - 2) return n < clauses.length ? `${text}……` : text;
  }
  return budget > 2 ? `${[...sentence].slice(0, budget - 2).join('')}……` : '';
}

/** Articles the message may name: the ones the answer prints (the composer shows the first three). */
const SHOWN_CITATIONS = 3;

function compose(src: SmsSources, key: SmsSources['citations'][number] | undefined): string {
  const safety = src.risk === 'emergency' ? SMS_SAFETY : '';
  const ref = key ? `《${key.law}》第${key.article}条` : '';
  const guide = src.guides[0];
  // With a guide: its advice, then "参见<article>". Without: what the key article itself says.
  const source = compressLists(guide ? firstSentence(guide.summary) : key ? firstSentence(key.text) : '');
  const frame = (advice: string) => {
    if (!advice) return `${safety}${ref ? `参见${ref}。` : ''}${SMS_SIGN_OFF}`;
    return guide
      ? `${safety}${advice}。${ref ? `参见${ref}。` : ''}${SMS_SIGN_OFF}`
      : `${safety}${ref}：${advice}。${SMS_SIGN_OFF}`;
  };
  const room = SMS_MAX - (smsLength(frame('X')) - 1);
  const sms = frame(smsLength(source) <= room ? source : head(source, room));
  return smsLength(sms) <= SMS_MAX ? sms : frame('');
}

/**
 * Builds the SMS text. The advice is the guide's first sentence whole (lists shortened), since dropping one of
 * its clauses could drop a condition; it goes past one segment rather than be cut, and is cut only at 140.
 * The key article is the best citation, or the next printed one when that keeps the message to one segment
 * (some judicial interpretations have 40-character titles); none when the answer is unsure of its citations.
 * @example buildSmsSummary({ risk: null, confident: true, citations: [{ law: '劳动法', article: 50, text }], guides: [labourGuide] })
 * // "和单位发生工资等争议，协商或调解不成的，要先向劳动人事争议仲裁委员会申请仲裁，一般不能直接起诉。参见《劳动法》第50条。详询12348。"
 */
export function buildSmsSummary(src: SmsSources): string {
  if (!src.confident) return compose({ ...src, citations: [] }, undefined);
  const candidates = src.citations.slice(0, SHOWN_CITATIONS).map((c) => compose(src, c));
  return candidates.find((sms) => smsLength(sms) <= SMS_TARGET) ?? candidates[0] ?? compose(src, undefined);
}
