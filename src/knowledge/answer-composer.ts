/**
 * @module knowledge/answer-composer
 * Builds the citizen-facing answer only from its sources, in the order a citizen needs it: the direct answer
 * (a bank entry's, or an honest orientation when none fits), the law it rests on (the paragraph that carries the
 * rule, with the version when a recent revision changed it), what to do and where in Qingyuan (the guide), a
 * similar case, and the note that this is legal information, not a lawyer's opinion.
 */
import { intToChinese } from '../text/chinese-numerals.js';
import { chineseDate } from './law-versions.js';
import type { Guide } from './schemas/guide.js';
import type { SearchDoc } from './search-documents.js';

/** A citation as shown: the quoted paragraph(s), and the version when it matters. */
export interface Citation {
  law: string;
  article: number;
  label: string;
  /** 款 quoted (1-based); empty when the whole article is quoted. */
  paragraphs: number[];
  /** The quoted text (the chosen paragraphs, or the whole article). */
  text: string;
  /** The version of the law (its version date) and the day it took effect. */
  version: string | null;
  effectiveFrom: string | null;
  /** Set when a recent revision changed this provision's figures: the day today's rule took effect. */
  revisedOn?: string;
  /** Set when a revision of the law is adopted but not yet in force: the day it takes effect. */
  changesOn?: string;
}
export interface CaseRef { id: string; year: number; title: string }
export interface GuideRef { id: string; title: string }

export interface ComposeInput {
  /** The direct answer: a bank entry's answer, or an orientation (see {@link orientation}). */
  direct: string;
  citations: Citation[];
  guides: Guide[];
  cases: SearchDoc[];
  /** Adds the offer of a duty lawyer. */
  lowConfidence: boolean;
}

export const DISCLAIMER = '温馨提示：以上是根据法律条文整理的法律信息，不是律师的正式法律意见；具体情况请咨询律师或拨打12348公共法律服务热线。';
export const DUTY_LAWYER_OFFER = '您的问题可能需要结合具体情况判断，我不想凭猜测回答。可以回复“转人工”请值班律师为您解答，或拨打12348。';
/** Said when neither a bank entry nor an article bears on the question. */
export const NOTHING_FOUND = '这个问题我没有找到直接对应的解答和法律规定，不想凭猜测回答。可以回复“转人工”请值班律师为您解答，或拨打12348公共法律服务热线。';

/** Citations quoted in the answer text (the API returns all of them). */
export const QUOTED_IN_ANSWER = 3;
/** A quoted paragraph longer than this is cut at a sentence end. */
const QUOTE_MAX = 220;

/** Shortens text to `max` characters, ending at a sentence mark when one is near. */
export function excerpt(text: string, max = 90): string {
  const flat = text.replace(/\s*\n\s*/g, '');
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const end = Math.max(cut.lastIndexOf('。'), cut.lastIndexOf('；'), cut.lastIndexOf('：'));
  return end > max * 0.4 ? cut.slice(0, end + 1) : `${cut}……`;
}

/** A guide sentence without its bracketed basis （…第X条）: the 法律依据 part shows the law. */
export function stripBasis(s: string): string {
  return s.replace(/（[^（）]*第[^（）]*条[^（）]*）/g, '').trim();
}

/** "《仲裁法》（2025年修订，2026年3月1日起施行）第七十二条第一款" — the version only when it matters. */
export function citationLabel(c: Citation): string {
  const version = c.revisedOn && c.version ? `（${c.version.slice(0, 4)}年修订，${chineseDate(c.revisedOn)}起施行）` : '';
  const paras = c.paragraphs.length ? c.paragraphs.map((p) => `第${intToChinese(p)}款`).join('、') : '';
  return `《${c.law}》${version}${c.label}${paras}`;
}

/** The note for a provision a recent revision changed: today's rule, since when, and who confirms older cases. */
export function revisionNote(c: Citation): string | null {
  if (!c.revisedOn) return null;
  const day = chineseDate(c.revisedOn);
  return `注意：${c.label}是《${c.law}》修订后的规定，自${day}起施行；${day}以前发生的事项可能适用修订前的规定，请向律师或12348确认。`;
}

/** A bank answer offered as one reading of an unclear question: the reading is named, so a wrong one shows. */
export function tentative(question: string, answer: string): string {
  // The answer still comes first, but only for the question it answers; the citizen is told how to get one
  // that fits when it is not theirs.
  const ended = /[。！？]$/.test(answer.trim()) ? answer.trim() : `${answer.trim()}。`;
  return `如果您问的是“${question}”：${ended}${NOT_YOUR_QUESTION}`;
}

/** Closes a tentative answer: the bank entry was the nearest, not a sure match. */
export const NOT_YOUR_QUESTION = '如果这不是您要问的，请补充具体情况，或拨打12348咨询。';

/** The note for a law about to change: today's text is cited, the revision only announced. */
export function upcomingNote(c: Citation): string | null {
  if (!c.changesOn) return null;
  return `注意：《${c.law}》已经修订，修订后的规定将于${chineseDate(c.changesOn)}施行，届时${c.label}的内容可能变化；在此之后发生的事项，请向律师或12348确认适用的规定。`;
}

/** An honest first sentence when no bank entry answers the question. */
export function orientation(top: { law: string; label: string; heading: string } | null): string {
  if (!top) return NOTHING_FOUND;
  return `这个问题我没有找到完全对应的解答。和它最相关的法律规定是《${top.law}》${top.label}（见下面的法律依据），具体怎么适用要看案情细节。`;
}

/** Composes the answer text. */
export function composeAnswer(input: ComposeInput): string {
  const parts: string[] = [input.direct];
  const shown = input.citations.slice(0, QUOTED_IN_ANSWER);
  if (shown.length) {
    parts.push('【法律依据】');
    for (const c of shown) parts.push(`${citationLabel(c)}：${excerpt(c.text, QUOTE_MAX)}`);
    for (const c of shown) {
      const note = revisionNote(c);
      if (note) parts.push(note);
    }
    for (const law of new Set(shown.filter((c) => c.changesOn).map((c) => c.law))) parts.push(upcomingNote(shown.find((c) => c.law === law)!)!);
  }
  const guide = input.guides[0];
  if (guide) {
    parts.push('【您可以这样做】');
    // The summary already answered a service question at the top; it is not repeated here.
    if (stripBasis(guide.summary) !== input.direct) parts.push(stripBasis(guide.summary));
    guide.steps.slice(0, 3).forEach((s, i) => parts.push(`${i + 1}. ${excerpt(stripBasis(s), 80)}`));
    parts.push('【在清远到哪里办】');
    for (const w of guide.whereToGo.slice(0, 2)) parts.push(`· ${stripBasis(w.text)}`);
    for (const other of input.guides.slice(1, 2)) parts.push(`· 另见《${other.title}》：${excerpt(stripBasis(other.summary), 70)}`);
  }
  if (input.cases.length) {
    parts.push('【类似案例】');
    for (const c of input.cases.slice(0, 2)) parts.push(`· ${c.title}（${c.year ?? ''}年案例库）`);
  }
  if (input.lowConfidence && input.direct !== NOTHING_FOUND) parts.push(DUTY_LAWYER_OFFER);
  parts.push(DISCLAIMER);
  return parts.join('\n');
}
