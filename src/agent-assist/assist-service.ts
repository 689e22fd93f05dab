/**
 * @module agent-assist/assist-service
 * One suggestion for the 12348 hotline agent from the caller's words: the classification, the assistant's
 * answer with its sources, the prefill for the legal-aid check and a one-message SMS summary.
 */
import { LOW_CONFIDENCE, type AskResult } from '../assistant/ask.js';
import type { Answerer, Recogniser, RegionFacts } from '../assistant/services.js';

/** What the hotline console's analysis uses: answers, understanding and the region's facts. */
export type AssistServices = Answerer & Pick<Recogniser, 'recognise' | 'intentLabels'> & RegionFacts;
import { REPLIES } from '../assistant/replies-zh.js';
import { GROUP_CHOICES, MATTER_CHOICES } from '../bot/dialogs/eligibility-questions.js';
import type { Guide } from '../knowledge/schemas/guide.js';
import type { Entity } from '../understanding/entities.js';
import { eligibilityHints, type EligibilityHints } from './eligibility-hints.js';
import { buildSmsSummary } from './sms-summary.js';

/** Body of `POST /api/v1/assist`. */
export interface AssistResult {
  intent: string;
  /** Chinese name of the intent (法律咨询, 法律援助 …). */
  intentLabel: string;
  /** Legal topic label (劳动纠纷 …). */
  domain: string;
  /** Confidence in the suggested answer (see answerConfidence). */
  confidence: number;
  domainConfidence: number;
  risk: 'emergency' | null;
  /** The safety steps to read out first when `risk` is emergency; empty otherwise. */
  safetySteps: string[];
  entities: Entity[];
  /** The suggested answer, as the citizen-facing assistant would give it. */
  answer: string;
  /** Its first part: the bank entry's answer, or an orientation when no entry fits. */
  direct: string;
  /** The question-bank entry that answered, when one did. */
  faq: AskResult['faq'];
  citations: AskResult['citations'];
  cases: AskResult['cases'];
  guides: AskResult['guides'];
  eligibilityHints: EligibilityHints;
  smsSummary: string;
}

/** Choices for the console's quick form, so the page does not hard-code them. */
export interface AssistOptions {
  matters: Array<{ value: string; label: string }>;
  groups: Array<{ value: string; label: string }>;
  counties: string[];
}

// The safety block's bullet lines, without its heading.
const SAFETY_STEPS = REPLIES.safety.split('\n').filter((l) => l.startsWith('·')).map((l) => l.replace(/^·\s*/, ''));

/**
 * Builds the suggestion; the caller's words are recognised once and shared by every part.
 * @example const s = await assist(lawline, '公司拖欠我三个月工资怎么办'); s.domain // '劳动纠纷'
 */
export async function assist(lawline: AssistServices, text: string): Promise<AssistResult> {
  const r = lawline.recognise(text);
  const answer = await lawline.answer(r);
  const guides = answer.guides.map((g) => lawline.guides.get(g.id)).filter((g): g is Guide => g !== undefined);
  return {
    intent: answer.intent,
    intentLabel: lawline.intentLabels.get(answer.intent) ?? answer.intent,
    domain: answer.domain,
    confidence: answer.confidence,
    domainConfidence: Math.round(r.domainConfidence * 1000) / 1000,
    risk: answer.risk,
    safetySteps: answer.risk === 'emergency' ? SAFETY_STEPS : [],
    entities: r.entities,
    answer: answer.answer,
    direct: answer.direct,
    faq: answer.faq,
    citations: answer.citations,
    cases: answer.cases,
    guides: answer.guides,
    eligibilityHints: eligibilityHints(r, lawline.region),
    smsSummary: buildSmsSummary({ risk: answer.risk, citations: answer.citations, guides, confident: answer.confidence >= LOW_CONFIDENCE }),
  };
}

/** Matter and group choices (the chat bot's wording) and the region's county-level units. */
export function assistOptions(lawline: Pick<RegionFacts, 'region'>): AssistOptions {
  return {
    matters: MATTER_CHOICES.map(([value, label]) => ({ value, label })),
    groups: GROUP_CHOICES.map(([value, label]) => ({ value, label })),
    counties: lawline.region.counties.map((c) => c.name),
  };
}
