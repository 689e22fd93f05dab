/**
 * @module assistant/ask
 * Answers one question: routes by intent (short replies, service network, hand-off offer), prefixes safety
 * steps for emergencies, retrieves articles, guide and cases, and composes an answer only from them.
 */
import { composeAnswer, type CaseRef, type Citation, type GuideRef } from '../knowledge/answer-composer.js';
import type { SearchHit } from '../knowledge/retrieval.js';
import type { Guide } from '../knowledge/schemas/guide.js';
import type { Recognition } from '../understanding/recognizer.js';
import type { ServiceIntent } from '../vocabulary.js';
import { CLARIFY_INTENT_BELOW, clarifyingReadings, clarifyingText, type Reading } from './clarify.js';
import type { Lawline } from './lawline.js';
import { REPLIES } from './replies-zh.js';
import { serviceNetworkAnswer } from './service-network.js';

export interface AskResult {
  answer: string;
  citations: Array<{ law: string; article: number; text: string }>;
  cases: CaseRef[];
  guides: GuideRef[];
  confidence: number;
  intent: string;
  domain: string;
  risk: 'emergency' | null;
  /** When the message was unclear: the numbered readings the answer offers (a reply "2" picks the second). */
  clarification?: Reading[];
}

/** Below this, the answer offers a duty lawyer instead of standing on its own. */
export const LOW_CONFIDENCE = 0.35;
/** The guide that comes first when someone is in danger now. */
const EMERGENCY_GUIDE = 'protection-order';
/** Articles cited per answer (best first). */
export const CITATION_COUNT = 5;
/** A case counts as similar when it shares the question's topic and reaches this score. */
const CASE_MIN_SCORE = 6;

const SHORT_REPLY: Partial<Record<ServiceIntent, string>> = {
  greeting: REPLIES.greeting,
  thanks: REPLIES.thanks,
  out_of_scope: REPLIES.outOfScope,
};

/**
 * Guides for the answer: for a service question, the guides of that service (best match first); for a legal
 * problem, the next steps knowledge/topics.yaml names for its topic — with the protection-order guide first when
 * someone is in danger.
 */
function chooseGuides(lawline: Lawline, r: Recognition, guideHits: SearchHit[]): Guide[] {
  const score = new Map(guideHits.map((h) => [h.doc.ref, h.score]));
  const byScore = (a: Guide, b: Guide) => (score.get(b.id) ?? 0) - (score.get(a.id) ?? 0);
  if (r.intent !== 'consult') {
    const forService = [...lawline.guides.values()].filter((g) => g.service === r.intent).sort(byScore);
    if (forService.length) return forService.slice(0, 2);
  }
  const ids = [...lawline.topicGuides(r.domain)];
  if (r.risk === 'emergency') ids.unshift(EMERGENCY_GUIDE);
  const chosen = [...new Set(ids)].map((id) => lawline.guides.get(id)).filter((g): g is Guide => Boolean(g));
  return chosen.slice(0, 2);
}

function toCitation(hit: SearchHit): Citation {
  return { law: hit.doc.law!, article: hit.doc.article!, label: hit.doc.label!, text: hit.doc.text };
}

/**
 * Confidence in the whole answer, roughly the chance that a right article is among the citations: on the dev set
 * the share of questions with a gold article in the top five rises from ~0.25 to ~0.8 as the best article's score
 * goes from ~30 to ~100, and falls when the topic or intent is uncertain.
 */
export function answerConfidence(r: Recognition, topScore: number): number {
  const retrieval = topScore / (topScore + 45);
  // A service question is answered mainly by its guide, so weak article matches matter less there.
  if (r.intent !== 'consult') return round(r.intentConfidence * (0.6 + 0.4 * retrieval));
  return round(retrieval * (0.6 + 0.4 * r.domainConfidence));
}

export async function answerQuestion(lawline: Lawline, r: Recognition): Promise<AskResult> {
  const base = { intent: r.intent, domain: r.domain, risk: r.risk };
  const prefix: string[] = [];
  if (r.risk === 'emergency') prefix.push(REPLIES.safety);

  const short = SHORT_REPLY[r.intent];
  const readings = clarifyingReadings(lawline, r);
  // An unsure greeting or small talk gets the clarifying readings below, when there are any, instead of a canned reply.
  if (short && r.risk !== 'emergency' && (r.intentConfidence >= CLARIFY_INTENT_BELOW || !readings)) {
    return { ...base, answer: short, citations: [], cases: [], guides: [], confidence: round(r.intentConfidence) };
  }
  if (r.intent === 'human') {
    return { ...base, answer: [...prefix, REPLIES.human].join('\n\n'), citations: [], cases: [], guides: [], confidence: round(r.intentConfidence) };
  }

  const options = { topics: r.domainScores };
  const guideHits = lawline.retriever.searchAnalysed(r.analysed, { ...options, kind: 'guide', limit: 8 });
  const guides = chooseGuides(lawline, r, guideHits);
  // Service questions and emergencies are answered from their guide, so the guide's own laws are favoured.
  const guideLed = r.intent !== 'consult' || r.risk === 'emergency';
  const boostLaws = guideLed ? [...new Set((guides[0]?.basis ?? []).map((b) => b.law))] : [];
  const articleOptions = { ...options, kind: 'article' as const, limit: CITATION_COUNT, boostLaws };
  const articleHits = lawline.embeddings
    ? await lawline.retriever.searchFused(r.analysed, articleOptions, lawline.embeddings.rerank)
    : lawline.retriever.searchAnalysed(r.analysed, articleOptions);
  const caseHits = lawline.retriever
    .searchAnalysed(r.analysed, { ...options, kind: 'case', limit: 6 })
    .filter((h) => h.score >= CASE_MIN_SCORE && h.doc.topic === r.domain)
    .slice(0, 2);
  const citations = articleHits.map(toCitation);
  const confidence = answerConfidence(r, articleHits[0]?.score ?? 0);
  const lowConfidence = confidence < LOW_CONFIDENCE;

  if (readings) prefix.push(clarifyingText(readings));
  if (r.intent === 'institution_lookup') prefix.push(serviceNetworkAnswer(lawline.region, r));

  const body = r.intent === 'institution_lookup' ? '' : composeAnswer({ citations, guides, cases: caseHits.map((h) => h.doc), confidence, lowConfidence });
  return {
    ...base,
    answer: [...prefix, body].filter(Boolean).join('\n\n'),
    citations: citations.map(({ law, article, text }) => ({ law, article, text })),
    cases: caseHits.map((h) => ({ id: h.doc.ref, year: h.doc.year ?? 0, title: h.doc.title })),
    guides: guides.map((g) => ({ id: g.id, title: g.title })),
    confidence,
    ...(readings ? { clarification: readings } : {}),
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
