/**
 * @module handoff/handoff-summary
 * What the bot understood before the hand-off, for the lawyer and for routing: intent, topic, risk, entities,
 * priority groups, county, the citizen's language, and the eligibility decision if a check ran.
 */
import { findCounty, type Region } from '../config/region.js';
import type { HandoffSummary, TranscriptLine } from './handoff-types.js';
import type { Language } from './roster.js';

/** An entity as the summary reads it: a `county` entity's value has a `name`, a `group` entity's a `code`. */
export interface SummaryEntity { type: string; text: string; value: unknown }

/**
 * The recogniser's output the summary needs (the real one, or a stub in tests). The hand-off sits below the
 * understanding layer, so it states the shape it reads instead of importing understanding's Recognition, which fits.
 */
export type Recognise = (text: string) => {
  intent: string;
  domain: string;
  domainConfidence: number;
  risk: 'emergency' | null;
  entities: readonly SummaryEntity[];
};

/** `value[key]` when it is a string (entity values are objects whose shape depends on the entity type). */
function stringField(value: unknown, key: string): string | null {
  const v = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return typeof v === 'string' ? v : null;
}

/** Requests for a person carry no topic of their own; they are left out when guessing the topic. */
const REQUEST_ONLY = /^(转人工|人工客服|人工服务|找人工|真人|找律师|值班律师|2|我要找律师)[。！!]?$/;
/** Written Cantonese markers (the dialect rewriter maps them to Mandarin later, so detect them here). */
const CANTONESE = /[嘅咗唔冇佢喺啲嚟咁]|點解|乜嘢|係咪|邊度|幾多錢/;

const MAX_TEXT = 1500;

/** The citizen's language from what they wrote. */
export function detectLanguage(texts: string[]): Language {
  return texts.some((t) => CANTONESE.test(t)) ? 'cantonese' : 'mandarin';
}

/**
 * Summarises the citizen's side of the transcript (and `latest`, the message that asked for a person).
 * @example summarise(recognise, region, transcript, '转人工', 'eligible')
 */
export function summarise(recognise: Recognise | undefined, region: Region, transcript: TranscriptLine[], latest: string, eligibility: string | null): HandoffSummary {
  const texts = [...transcript.filter((l) => l.from === 'citizen').map((l) => l.text), latest]
    .map((t) => t.trim()).filter((t) => t && !REQUEST_ONLY.test(t));
  const unique = [...new Set(texts)];
  const empty: HandoffSummary = { intent: null, topic: null, topicConfidence: null, risk: null, entities: [], groups: [], county: null, eligibility };
  if (!recognise || !unique.length) return empty;
  const joined = unique.join('。').slice(-MAX_TEXT);
  const whole = recognise(joined);
  const risk = whole.risk ?? (unique.some((t) => recognise(t).risk === 'emergency') ? 'emergency' : null);
  const groups = [...new Set(whole.entities.flatMap((e) => (e.type === 'group' ? stringField(e.value, 'code') ?? [] : [])))];
  const countyName = stringField(whole.entities.find((e) => e.type === 'county')?.value, 'name');
  const county = countyName === null ? null : findCounty(region, countyName)?.id ?? null;
  return {
    intent: whole.intent,
    topic: whole.domain,
    topicConfidence: Math.round(whole.domainConfidence * 1000) / 1000,
    risk,
    entities: whole.entities.map((e) => ({ type: e.type, text: e.text, value: e.value })),
    groups,
    county,
    eligibility,
  };
}
