/**
 * @module knowledge/answer-composer
 * Builds the citizen-facing answer only from its sources: the cited articles (what the law says), the matching
 * guide (what to do next, where to go in Qingyuan), similar cases, a note that this is legal information and
 * not a lawyer's opinion, and — when confidence is low — the offer of a duty lawyer instead of a guess.
 */
import type { Guide } from './schemas/guide.js';
import type { SearchDoc } from './search-documents.js';

export interface Citation { law: string; article: number; label: string; text: string }
export interface CaseRef { id: string; year: number; title: string }
export interface GuideRef { id: string; title: string }

export interface ComposeInput {
  citations: Citation[];
  guides: Guide[];
  cases: SearchDoc[];
  confidence: number;
  lowConfidence: boolean;
}

export const DISCLAIMER = '温馨提示：以上是根据法律条文整理的法律信息，不是律师的正式法律意见；具体情况请咨询律师或拨打12348公共法律服务热线。';
export const DUTY_LAWYER_OFFER = '您的问题可能需要结合具体情况判断，我不想凭猜测回答。可以回复“转人工”请值班律师为您解答，或拨打12348。';

/** Shortens an article to its first sentences, up to `max` characters, ending at a sentence mark. */
export function excerpt(text: string, max = 90): string {
  const flat = text.replace(/\s*\n\s*/g, '');
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const end = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('；'), cut.lastIndexOf('：'));
  return end > max * 0.4 ? cut.slice(0, end + 1) : `${cut}……`;
}

function stripBasis(s: string): string {
  // Guide sentences carry their basis in （…第X条）; the citations list already shows the law.
  return s.replace(/（[^（）]*第[^（）]*条[^（）]*）/g, '').trim();
}

/** Composes the answer text. */
export function composeAnswer(input: ComposeInput): string {
  const parts: string[] = [];
  const shown = input.citations.slice(0, 3);
  if (shown.length) {
    parts.push('【法律规定】');
    for (const c of shown) parts.push(`《${c.law}》${c.label}：${excerpt(c.text)}`);
  }
  const guide = input.guides[0];
  if (guide) {
    parts.push('【您可以这样做】');
    parts.push(stripBasis(guide.summary));
    guide.steps.slice(0, 3).forEach((s, i) => parts.push(`${i + 1}. ${excerpt(stripBasis(s), 80)}`));
    parts.push('【在清远到哪里办】');
    for (const w of guide.whereToGo.slice(0, 2)) parts.push(`· ${stripBasis(w.text)}`);
    for (const other of input.guides.slice(1, 2)) parts.push(`· 另见《${other.title}》：${excerpt(stripBasis(other.summary), 70)}`);
  }
  if (input.cases.length) {
    parts.push('【类似案例】');
    for (const c of input.cases.slice(0, 2)) parts.push(`· ${c.title}（${c.year ?? ''}年案例库）`);
  }
  if (!shown.length && !guide) parts.push('没有找到与您的问题直接相关的法律条文。');
  if (input.lowConfidence) parts.push(DUTY_LAWYER_OFFER);
  parts.push(DISCLAIMER);
  return parts.join('\n');
}
