/**
 * @module assistant/ask
 * Answers one question: routes by intent (short replies, service network, hand-off offer), prefixes safety
 * steps for emergencies, retrieves articles, guide and cases, and composes an answer only from them.
 */
import { composeAnswer, orientation, stripBasis, tentative, type CaseRef, type GuideRef } from '../knowledge/answer-composer.js';
import type { RankedArticle } from '../knowledge/learned-retrieval.js';
import type { Region } from '../config/region.js';
import { lawToday } from '../config/today.js';
import type { LoadedReranker } from '../knowledge/embedding-reranker.js';
import { citationsFor, ENTRY_TENTATIVE, leadingEntry, wordWeights, type CiteDeps } from './cite.js';
import { guideAnswer } from './guide-answer.js';
import { leadGuideLaws, serviceGuides } from './guide-laws.js';
import type { Retriever, SearchHit } from '../knowledge/retrieval.js';
import type { Guide } from '../knowledge/schemas/guide.js';
import type { StaffOverlay } from '../knowledge/staff-overlay.js';
import type { Recognition } from '../understanding/recognizer.js';
import type { ServiceIntent } from '../vocabulary.js';
import { CLARIFY_INTENT_BELOW, clarifyingReadings, clarifyingText, type ClarifyDeps, type Reading } from './clarify.js';
import type { LearnedSetup } from './learned-setup.js';
import { REPLIES } from './replies-zh.js';
import { serviceNetworkAnswer } from './service-network.js';
import { mergeStaffCases } from './staff-cases.js';
import type { Case } from '../knowledge/schemas/case.js';

/** A citation as the API returns it: the quoted paragraph(s) in `text`, `paragraph` the first 款 quoted (null: whole article). */
export interface AskCitation {
  law: string;
  article: number;
  text: string;
  paragraph: number | null;
  paragraphs: number[];
  /** The law's version (its version date) and the day it took effect. */
  version: string | null;
  effectiveFrom: string | null;
}

export interface AskResult {
  answer: string;
  /** The answer's first part: the matched bank entry's answer, or an orientation that says it is not sure. */
  direct: string;
  /** The question-bank entry that answered, when one did. */
  faq: { id: string; question: string } | null;
  citations: AskCitation[];
  cases: CaseRef[];
  guides: GuideRef[];
  confidence: number;
  intent: string;
  domain: string;
  risk: 'emergency' | null;
  /** When the message was unclear: the numbered readings the answer offers (a reply "2" picks the second). */
  clarification?: Reading[];
}

/**
 * What answering needs of the assistant (createLawline's object has all of it). Named here rather than imported
 * from lawline.ts, which builds on this module: the import graph stays one-way.
 */
export interface AskDeps extends CiteDeps, ClarifyDeps {
  region: Region;
  /** What staff keep in the workspace, read when an answer needs it; without it the files' versions stand. */
  staffData?: StaffData;
  retriever: Pick<Retriever, 'scoreAll' | 'rankKind'>;
  learned: Pick<LearnedSetup, 'ranking'>;
  embeddings?: Pick<LoadedReranker, 'rerank'>;
  guides: ReadonlyMap<string, Guide>;
  topicGuides(topic: string): string[];
  /** What staff taught the bank at run time (knowledge upkeep): a phrasing they filed under an entry answers with it. */
  overlay?: Pick<StaffOverlay, 'match'>;
}

/** The data staff keep, as answers read it (server/app.ts wires it to the database). */
export interface StaffData {
  /** The region with the staff's service directory (and hardship standard). */
  region(): Promise<Region>;
  /** The cases staff added or edited. */
  cases(): Promise<readonly Case[]>;
}

/** Below this, the answer offers a duty lawyer instead of standing on its own. */
export const LOW_CONFIDENCE = 0.35;

/** An answer nobody should count as answered: below the threshold, or outside what the service covers. */
export const isUnsureAnswer = (a: { confidence: number; intent: string }): boolean => a.confidence < LOW_CONFIDENCE || a.intent === 'out_of_scope';
/** The guide that comes first when someone is in danger now. */
const EMERGENCY_GUIDE = 'protection-order';
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
function chooseGuides(lawline: AskDeps, r: Recognition, guideHits: SearchHit[]): Guide[] {
  if (r.intent !== 'consult') {
    const forService = serviceGuides(lawline.guides.values(), r.intent, guideHits, lawline.topicGuides(r.domain));
    if (forService.length) return forService.slice(0, 2);
  }
  const ids = [...lawline.topicGuides(r.domain)];
  if (r.risk === 'emergency') ids.unshift(EMERGENCY_GUIDE);
  const chosen = [...new Set(ids)].map((id) => lawline.guides.get(id)).filter((g): g is Guide => Boolean(g));
  return chosen.slice(0, 2);
}

/**
 * Confidence in the whole answer: the learned probability that the bank entry answers the question, or that
 * the best article bears on it. A service question is answered mainly by its guide, so weak article matches
 * matter less there.
 */
export function answerConfidence(r: Recognition, retrieval: number): number {
  if (r.intent !== 'consult') return round(r.intentConfidence * (0.6 + 0.4 * retrieval));
  return round(retrieval);
}

export async function answerQuestion(lawline: AskDeps, r: Recognition): Promise<AskResult> {
  const base = { intent: r.intent, domain: r.domain, risk: r.risk };
  const prefix: string[] = [];
  if (r.risk === 'emergency') prefix.push(REPLIES.safety);
  const none = { citations: [], cases: [], guides: [], faq: null };

  const short = SHORT_REPLY[r.intent];
  const readings = clarifyingReadings(lawline, r);
  // An unsure greeting or small talk gets the clarifying readings below, when there are any, instead of a canned reply.
  if (short && r.risk !== 'emergency' && (r.intentConfidence >= CLARIFY_INTENT_BELOW || !readings)) {
    return { ...base, ...none, answer: short, direct: short, confidence: round(r.intentConfidence) };
  }
  if (r.intent === 'human') {
    return { ...base, ...none, answer: [...prefix, REPLIES.human].join('\n\n'), direct: REPLIES.human, confidence: round(r.intentConfidence) };
  }

  const options = { topics: r.domainScores };
  // One pass over the postings scores every document; articles, guides and cases are ranked from it.
  const raw = lawline.retriever.scoreAll(r.analysed);
  const guideHits = lawline.retriever.rankKind(raw, { ...options, kind: 'guide', limit: 8 });
  // Service questions and emergencies are answered from their guide, so the guide's own laws are favoured.
  const chosenGuides = chooseGuides(lawline, r, guideHits);
  const guideLed = r.intent !== 'consult' || r.risk === 'emergency';
  const boostLaws = guideLed ? leadGuideLaws(chosenGuides[0]) : [];
  const ranking = lawline.learned.ranking.rank(r.analysed, r.domainScores, { limit: RANK_DEPTH, boostLaws, raw });
  const caseHits = lawline.retriever
    .rankKind(raw, { ...options, kind: 'case', limit: 6 })
    .filter((h) => h.score >= CASE_MIN_SCORE && h.doc.topic === r.domain)
    .slice(0, 2);
  // Everything that reads `raw` is done before the first await: the scores live in a buffer the next question reuses.
  const articles = lawline.embeddings ? await rerankWithEmbeddings(lawline, r, ranking.articles) : ranking.articles;
  // A question staff filed under an entry is answered by it, as a bank entry the ranking found would be (an
  // emergency's safety steps still come first).
  const entry = lawline.overlay?.match(r.analysed.normalised) ?? leadingEntry(ranking.entries);
  const words = wordWeights(lawline);
  // No entry: an item of the lead guide may answer outright (its time limit, its fee, where to apply).
  const fromGuide = entry ? null : guideAnswer(chosenGuides.slice(0, 1), r.text, words.segment, words.weightOf);
  // Below ENTRY_MIN the nearest entry may still be offered as a reading; its basis then leads the citations,
  // so the law quoted is the law its answer rests on.
  // Not for service questions and emergencies: their guide answers them, and a nearby entry is another matter.
  const tentativeMatch = !guideLed && !entry && !fromGuide ? leadingEntry(ranking.entries, ENTRY_TENTATIVE) : null;
  const maybe = tentativeMatch?.entry ?? null;
  const citations = citationsFor(lawline, r.text, articles, {
    entry: entry ?? tentativeMatch, basis: fromGuide?.refs ?? null, answer: entry?.entry.answer ?? fromGuide?.text ?? maybe?.answer ?? null,
  }, lawToday());
  // A matched entry names its guides; they go first.
  const entryGuides = (entry?.entry.guides ?? []).map((id) => lawline.guides.get(id)).filter((g): g is Guide => Boolean(g));
  const guides = [...new Map([...entryGuides, ...chosenGuides].map((g) => [g.id, g])).values()].slice(0, 2);
  const retrieval = Math.max(entry?.probability ?? 0, fromGuide?.coverage ?? 0, articles[0] && citations.length ? articles[0].probability : 0);
  const confidence = answerConfidence(r, retrieval);
  const lowConfidence = confidence < LOW_CONFIDENCE;
  const direct = entry ? entry.entry.answer
    : fromGuide ? stripBasis(fromGuide.text)
    : maybe ? tentative(maybe.questions[0]!, maybe.answer)
    // A service question ("我想申请法律援助") is answered by its guide's summary: what the service is and who gets it.
    : r.intent !== 'consult' && chosenGuides[0] ? stripBasis(chosenGuides[0].summary)
    : orientation(citations[0] ? { law: citations[0].law, label: citations[0].label, heading: '' } : null);

  if (readings) prefix.push(clarifyingText(readings));
  // Where to go comes from the directory as staff keep it, read now: an edit applies to the next answer.
  if (r.intent === 'institution_lookup') prefix.push(serviceNetworkAnswer(lawline.staffData ? await lawline.staffData.region() : lawline.region, r));
  const cases = lawline.staffData ? mergeStaffCases(caseHits.map((h) => h.doc), await lawline.staffData.cases(), r) : caseHits.map((h) => h.doc);

  const body = r.intent === 'institution_lookup' ? '' : composeAnswer({ direct, citations, guides, cases, lowConfidence });
  return {
    ...base,
    answer: [...prefix, body].filter(Boolean).join('\n\n'),
    direct: r.intent === 'institution_lookup' ? prefix.at(-1) ?? direct : direct,
    faq: entry ? { id: entry.entry.id, question: entry.entry.questions[0]! } : maybe ? { id: maybe.id, question: maybe.questions[0]! } : null,
    citations: citations.map((c) => ({
      law: c.law, article: c.article, text: c.text, paragraph: c.paragraphs[0] ?? null, paragraphs: c.paragraphs,
      version: c.version, effectiveFrom: c.effectiveFrom,
    })),
    cases: cases.map((d) => ({ id: d.ref, year: d.year ?? 0, title: d.title })),
    guides: guides.map((g) => ({ id: g.id, title: g.title })),
    confidence,
    ...(readings ? { clarification: readings } : {}),
  };
}

/** Articles ranked deep enough for the embedding stage and the citation filter. */
const RANK_DEPTH = 20;

/** With a local embedding model: the learned order fused with cosine similarity (see embedding-reranker.ts). */
async function rerankWithEmbeddings(lawline: AskDeps, r: Recognition, articles: RankedArticle[]): Promise<RankedArticle[]> {
  const hits = articles.filter((a) => a.id >= 0).map((a) => ({ id: a.id, score: a.probability, doc: a.doc }));
  const order = await lawline.embeddings!.rerank(r.analysed.normalised, hits);
  const byId = new Map(articles.map((a) => [a.id, a]));
  return [...new Set([...order, ...byId.keys()])].flatMap((id) => byId.get(id) ?? []);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
