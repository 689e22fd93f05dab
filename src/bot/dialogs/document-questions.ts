/**
 * @module bot/dialogs/document-questions
 * What the draft conversation still has to ask, in order, and how each reply is read. A reply a parser cannot read
 * returns undefined (the prompt asks again); “跳过” is an answer that leaves a blank.
 */
import { documentKinds, type DocumentKind, type DocumentKindSpec } from '../../documents/document-kinds.js';
import { MAX_FACTS_CHARS, type DraftFields } from '../../documents/draft-request.js';
import type { SaidAboutCase } from '../conversation-data.js';
import { DOCUMENT_WORD_PATTERN, SKIP_PATTERN, WRITE_REQUEST_PATTERN } from './document-replies-zh.js';

/** What the conversation has gathered so far; stored in the dialog state between turns. */
export interface DraftState {
  kind?: DocumentKind;
  variant?: string;
  county?: string;
  fields: DraftFields;
  /** Questions already asked (each is asked once; a skipped one stays a blank). */
  asked: Question[];
  /** What the citizen said in the conversation (the request included), offered as the facts once the kind is known. */
  said: SaidAboutCase[];
}

export type Question = 'kind' | 'variant' | 'applicantName' | 'respondentName' | 'claims' | 'reuseFacts' | 'facts' | 'evidence';

const clean = (text: string) => text.normalize('NFKC').trim().replace(/[。.！!]+$/, '');
const isSkip = (text: string) => SKIP_PATTERN.test(clean(text));

/** The next question, or null when the draft can be made. */
export function nextQuestion(s: DraftState): Question | null {
  const todo = (q: Question) => !s.asked.includes(q);
  if (!s.kind) return todo('kind') ? 'kind' : null;
  const spec = documentKinds().get(s.kind)!;
  if (spec.variants.length && !s.variant && todo('variant')) return 'variant';
  if (!s.fields.applicant.name && todo('applicantName')) return 'applicantName';
  if (!s.fields.respondent.name && todo('respondentName')) return 'respondentName';
  if (!s.fields.claims.length && todo('claims')) return 'claims';
  if (!s.fields.facts && storyFor(spec, s.said) && todo('reuseFacts')) return 'reuseFacts';
  if (!s.fields.facts && todo('facts')) return 'facts';
  if (!s.fields.evidence.length && todo('evidence')) return 'evidence';
  return null;
}

/** The kinds in the order they are offered. */
export const kindChoices = (): DocumentKindSpec[] => [...documentKinds().values()];

/** The kind a request names (仲裁 → labour arbitration), if any. */
export function kindNamedIn(text: string): DocumentKind | undefined {
  return kindChoices().find((k) => k.mentions.some((m) => text.includes(m)))?.kind;
}

/** The case type of `spec` a text names (借钱 → loan), if any. */
export function variantNamedIn(spec: DocumentKindSpec, text: string): string | undefined {
  return Object.entries(spec.variantMentions).find(([, words]) => words.some((w) => text.includes(w)))?.[0];
}

/** Whether a message asks for help writing a document: “申请书怎么写”, “帮我写仲裁申请”. */
export function asksForDraft(text: string): boolean {
  return WRITE_REQUEST_PATTERN.test(text) && (DOCUMENT_WORD_PATTERN.test(text) || kindNamedIn(text) !== undefined);
}

/** A numbered pick among `n` choices: 1-based index → 0-based, else undefined. */
function pick(text: string, n: number): number | undefined {
  const m = /^([1-9])$/.exec(clean(text));
  const i = m ? Number(m[1]) - 1 : -1;
  return i >= 0 && i < n ? i : undefined;
}

const NAME_PREFIX = /^(我叫|我是|姓名[:：]?|名字[:：]?|叫|公司叫|单位叫|对方叫|名称[:：]?)/;
/** Splits a reply into one item per line (or per ；/; when written on one line). */
const items = (text: string) => text.split(/\n|[；;]/).map((l) => l.trim().replace(/^(\d+[.、．)）]|[·•\-])\s*/, '').trim()).filter(Boolean);

/** The prompt key of a question: a variant question is asked per kind (its choices differ). */
export const promptKey = (q: Question, kind?: DocumentKind) => (q === 'variant' ? `variant:${kind}` : q);

/** Parsers by prompt key; `null` and empty values mean “skipped”. */
export function documentParsers(): Record<string, (text: string) => unknown> {
  const variants = kindChoices().filter((k) => k.variants.length).map((k) => [promptKey('variant', k.kind), (text: string) => variantOf(k, text)]);
  return { ...PARSERS, ...Object.fromEntries(variants) };
}

const PARSERS: Record<Exclude<Question, 'variant'>, (text: string) => unknown> = {
  kind: (text) => {
    const i = pick(text, kindChoices().length);
    return i !== undefined ? kindChoices()[i]!.kind : kindNamedIn(text);
  },
  applicantName: (text) => parseName(text),
  respondentName: (text) => parseName(text),
  claims: (text) => (isSkip(text) ? [] : boundedItems(text, 500, 20)),
  reuseFacts: (text) => ({ 1: 'use', 2: 'retell' } as Record<string, string>)[clean(text)] ?? (/^(就用这段|用这段|可以|好|好的|是|对)$/.test(clean(text)) ? 'use' : /^(重新说|不用|不对|重说)$/.test(clean(text)) ? 'retell' : undefined),
  facts: (text) => (isSkip(text) ? '' : text.trim().length <= MAX_FACTS_CHARS ? text.trim() : undefined),
  evidence: (text) => (isSkip(text) ? [] : boundedItems(text.replace(/[、，,]/g, '\n'), 300, 30)),
};

function parseName(text: string): string | null | undefined {
  if (isSkip(text)) return null;
  const name = clean(text).replace(NAME_PREFIX, '').trim();
  return name.length >= 1 && name.length <= 60 && !/\n/.test(name) ? name : undefined;
}

function boundedItems(text: string, maxChars: number, maxItems: number): string[] | undefined {
  const list = items(text);
  return list.length && list.length <= maxItems && list.every((l) => l.length <= maxChars) ? list : undefined;
}

/** The chosen case type from a variant reply (a number or a named case), for `spec`. */
export function variantOf(spec: DocumentKindSpec, text: string): string | undefined {
  const i = pick(text, spec.variants.length);
  return i !== undefined ? spec.variants[i]!.id : variantNamedIn(spec, text);
}

/** A question's ending (…怎么办, …吗): what the citizen asked, not what happened. */
const QUESTION_TAIL = /(我?(该|应该|要|可以|能)?(怎么办|怎么处理|怎么弄|如何处理|怎么维权|找谁|能拿多少.*|能赔多少.*|要多少.*)|吗|呢|么)$/;

/**
 * What the citizen told about their case on the kind's topics, as the draft's facts: the request to write and
 * greetings dropped, questions' endings cut, clauses under 8 characters left out.
 */
export function storyFor(spec: DocumentKindSpec, said: SaidAboutCase[]): string | undefined {
  const texts = said.filter((s) => !spec.topics.length || spec.topics.includes(s.domain)).map((s) => s.text);
  const parts = texts.map((t) => t.split(/[，。！？,!?；;\n]/).map((c) => c.trim().replace(QUESTION_TAIL, '').trim())
    .filter((c) => c && !WRITE_REQUEST_PATTERN.test(c) && !DOCUMENT_WORD_PATTERN.test(c) && !/^(请问|你好|您好)$/.test(c)).join('，'))
    .filter((t) => t.length >= 8);
  return parts.length ? `${parts.join('。')}。`.slice(0, MAX_FACTS_CHARS) : undefined;
}
