/**
 * @module assistant/learned-setup
 * Puts the learned retrieval together at start-up: the question bank, the real questions and the case library
 * become known questions; the ranker and entry-match models are learned from them (with the topic classifier
 * supplying topic priors, which is why this sits above both understanding and knowledge); the result is cached
 * as the learned artifact and reused while the data is unchanged.
 */
import { createHash } from 'node:crypto';
import { PATHS, REPO_ROOT } from '../config/paths.js';
import type { Logger } from '../logging/logger.js';
import type { AnalysedText, TextPipeline } from '../text/text-pipeline.js';
import { loadCases } from '../knowledge/cases.js';
import { loadGuides } from '../knowledge/guides.js';
import { hashContent } from '../knowledge/content-hash.js';
import type { KnowledgeIndex } from '../knowledge/knowledge-index.js';
import { LEARNED_VERSION, loadOrBuildLearned, type LearnedArtifact } from '../knowledge/learned-artifact.js';
import { INNER_FOLDS, LearnedRanking, trainLearnedModels, type RankContext, type TrainingQuery } from '../knowledge/learned-retrieval.js';
import { indexKnown, innerFoldOf, knownMaterial, sourceOf, type KnownQuestionSources } from '../knowledge/known-questions.js';
import { loadQaBank, type LoadedQaEntry } from '../knowledge/qa-bank.js';
import { loadRealQuestions } from '../knowledge/real-questions.js';
import type { Retriever } from '../knowledge/retrieval.js';
import type { TopicPriors } from '../knowledge/topic-priors.js';

/** Bank phrasings per entry the models learn from (the rest only serve as known questions). */
const BANK_QUERIES_PER_ENTRY = 1;

export interface LearnedParts {
  pipeline: TextPipeline;
  index: KnowledgeIndex;
  retriever: Retriever;
  priors: TopicPriors;
  topicsOf: (a: AnalysedText) => Record<string, number>;
  /** The laws of the guide that leads a question's answer (see guide-laws.ts): what `ask` passes as boostLaws. */
  boostLawsOf?: (a: AnalysedText) => string[];
  dataDir: string;
  /** Hash of what the classifiers were trained on (the topic priors feed the learned features). */
  modelsHash: string;
  log: Logger;
}

export interface LearnedSetup {
  ranking: LearnedRanking;
  bank: Map<string, LoadedQaEntry>;
  built: boolean;
  artifactBytes: number;
  trainedOn: LearnedArtifact['trainedOn'];
}

/** The sources the learned retrieval is built from, read from the repository. */
export function readLearnedSources(): KnownQuestionSources {
  const { entries } = loadQaBank(PATHS.qa);
  return { bank: entries, real: loadRealQuestions(PATHS.realQuestions), cases: loadCases(PATHS.cases).cases, guides: loadGuides(PATHS.guides) };
}

/** Stable pick of which phrasings of an entry train the models. */
function pickPhrasings(entry: LoadedQaEntry): number[] {
  const start = createHash('sha256').update(entry.id).digest()[0]! % entry.questions.length;
  return Array.from({ length: Math.min(BANK_QUERIES_PER_ENTRY, entry.questions.length) }, (_, i) => (start + i) % entry.questions.length);
}

/** An article's chapter as the index files it (law, 编, 章), for the topic–chapter prior. */
function chapterOf(index: KnowledgeIndex): (law: string, article: number) => string | null {
  return (law, article) => index.articleHeading(law, article) ?? null;
}

/** Training questions: real questions of `folds` (all when undefined) and some bank phrasings. */
export function trainingQueries(sources: KnownQuestionSources, folds?: Set<number>): TrainingQuery[] {
  const out: TrainingQuery[] = [];
  for (const r of sources.real) {
    if (folds && !folds.has(r.fold)) continue;
    const gold = r.gold.flatMap((g) => (g.law ? [{ law: g.law, article: g.article }] : []));
    if (gold.length) out.push({ text: r.question, gold, source: `real:${r.id}` });
  }
  for (const e of sources.bank) {
    const gold = e.basis.map((b) => ({ law: b.law, article: b.article }));
    for (const i of pickPhrasings(e)) out.push({ text: e.questions[i]!, gold, source: `bank:${e.id}`, entry: e.id, group: `bank:${e.id}#${i}` });
  }
  return out;
}

/** Known questions and learned models for one training split (the shipped build uses every fold). */
export function trainOnSplit(sources: KnownQuestionSources, parts: Pick<LearnedParts, 'pipeline' | 'index' | 'retriever' | 'priors' | 'topicsOf' | 'boostLawsOf'>, folds?: Set<number>) {
  const material = knownMaterial(sources, parts.pipeline, folds);
  const base = { retriever: parts.retriever, knowledge: parts.index, priors: parts.priors };
  const queries = trainingQueries(sources, folds);
  const models = trainLearnedModels(queries, base, {
    knownFor: (keep) => indexKnown(material, sources.bank, keep, chapterOf(parts.index)),
    innerFoldOf: (source) => innerFoldOf(source, INNER_FOLDS),
    sourceOf,
  }, parts.pipeline, parts.topicsOf, parts.boostLawsOf);
  const known = indexKnown(material, sources.bank, undefined, chapterOf(parts.index));
  const ctx: RankContext = { ...base, known };
  return { material, known, ctx, models, queries: queries.length };
}

export function setupLearned(parts: LearnedParts): LearnedSetup {
  const hash = hashContent([PATHS.qa, PATHS.realQuestions, PATHS.cases, PATHS.guides, PATHS.topics], REPO_ROOT, `${LEARNED_VERSION}|${parts.index.hash}|${parts.modelsHash}`);
  const { artifact, built, bytes } = loadOrBuildLearned(parts.dataDir, hash, () => {
    const started = Date.now();
    const sources = readLearnedSources();
    const { material, known, models, queries } = trainOnSplit(sources, parts);
    return {
      version: LEARNED_VERSION,
      models,
      material,
      bank: sources.bank,
      trainedOn: {
        realQuestions: sources.real.length, bankEntries: sources.bank.length, knownQuestions: known.index.size,
        trainingQueries: queries, ms: Date.now() - started,
      },
    };
  });
  if (built) parts.log.info('learned retrieval built', { ...artifact.trainedOn, bytes });
  const known = indexKnown(artifact.material, artifact.bank, undefined, chapterOf(parts.index), true);
  const ranking = new LearnedRanking(artifact.models, { retriever: parts.retriever, knowledge: parts.index, priors: parts.priors, known });
  return { ranking, bank: known.entries, built, artifactBytes: bytes, trainedOn: artifact.trainedOn };
}
