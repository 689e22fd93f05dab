/**
 * @module assistant/lawline
 * Builds the whole assistant once per process — text pipeline, knowledge index, classifiers, region — and
 * exposes the operations every channel and the CLI share: classify, ask, search, eligibility.
 */
import { loadConfig, type Config } from '../config/config.js';
import { PATHS, REPO_ROOT } from '../config/paths.js';
import { loadRegion, type Region } from '../config/region.js';
import { checkEligibility } from '../eligibility/check-eligibility.js';
import type { EligibilityResult } from '../eligibility/schema.js';
import { loadCases } from '../knowledge/cases.js';
import { hashContent } from '../knowledge/content-hash.js';
import { loadGuides } from '../knowledge/guides.js';
import { loadEmbeddingReranker, type LoadedReranker } from '../knowledge/embedding-reranker.js';
import { openKnowledgeIndex, type KnowledgeIndex } from '../knowledge/knowledge-index.js';
import { createRetriever, type Retriever, type SearchOptions } from '../knowledge/retrieval.js';
import type { Guide } from '../knowledge/schemas/guide.js';
import { loadTopicPriors, type TopicPriors } from '../knowledge/topic-priors.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { loadLexicon } from '../text/lexicon.js';
import { createTextPipeline, type TextPipeline } from '../text/text-pipeline.js';
import { compileEmergencyPatterns } from '../understanding/emergency-detector.js';
import { loadEntityLookups } from '../understanding/entities.js';
import { loadIntentData } from '../understanding/intent-data.js';
import { createRecognizer, type Recognizer } from '../understanding/recognizer.js';
import { loadOrTrainModels } from '../understanding/trained-models.js';
import { join } from 'node:path';
import { answerQuestion, type AskResult, type StaffData } from './ask.js';
import { setupLearned, type LearnedSetup } from './learned-setup.js';
import { topicExamples } from './topic-examples.js';
import { boostLawsFinder } from './guide-laws.js';
import { loadQaBank } from '../knowledge/qa-bank.js';
import { StaffOverlay } from '../knowledge/staff-overlay.js';
import { loadRealQuestions } from '../knowledge/real-questions.js';
import { messageFeatures } from '../understanding/features.js';
import { toClassification, type Classification } from './classification.js';
import type { Answerer, EligibilityChecker, Recogniser, RegionFacts, Runtime, Searcher } from './services.js';

/** The whole assistant: every service, plus the parts they are built from. Only composition roots hold it. */
export interface Lawline extends Runtime, Recogniser, Answerer, Searcher, EligibilityChecker, RegionFacts {
  config: Config;
  /** The data staff keep, when the assistant serves with a database (see {@link withStaffData}). */
  staffData?: StaffData;
  log: Logger;
  region: Region;
  pipeline: TextPipeline;
  index: KnowledgeIndex;
  retriever: Retriever;
  /** Each topic's laws and guides (knowledge/topics.yaml). */
  priors: TopicPriors;
  /** Ranking learned from the question bank and real questions, and the bank itself. */
  learned: LearnedSetup;
  /** Embedding re-ranker for article citations, when LAWLINE_EMBEDDING_MODEL is set (loads in the background). */
  embeddings?: LoadedReranker;
  recognise: Recognizer;
  /** Phrasings and entries staff added at run time (knowledge upkeep keeps it current: src/upkeep/knowledge-sync.ts). */
  overlay: StaffOverlay;
  guides: Map<string, Guide>;
  intentLabels: Map<string, string>;
  /** Guide ids knowledge/topics.yaml names for a legal topic. */
  topicGuides(topic: string): string[];
  classify(text: string): Classification;
  ask(text: string): Promise<AskResult>;
  search(text: string, options?: SearchOptions): ReturnType<Retriever['search']>;
  eligibility(input: unknown): EligibilityResult;
  /** What start-up did and how long it took. */
  startup: { ms: number; indexRebuilt: boolean; modelsTrained: boolean; learnedBuilt: boolean };
  close(): void;
}

export interface LawlineOptions { config?: Config; log?: Logger }

/** Builds the assistant. The first run builds the index and trains the models; later runs reuse both. */
export function createLawline(options: LawlineOptions = {}): Lawline {
  const started = Date.now();
  const config = options.config ?? loadConfig();
  const log = options.log ?? createLogger(config.LAWLINE_LOG_LEVEL);
  const lexicon = loadLexicon(PATHS.lexicon);
  const pipeline = createTextPipeline(lexicon);
  const region = loadRegion(config.LAWLINE_REGION_FILE ?? PATHS.region);
  const guideList = loadGuides(PATHS.guides);
  const guides = new Map(guideList.map((g) => [g.id, g]));
  const index = openKnowledgeIndex(config.LAWLINE_DATA_DIR, pipeline, log);
  const lawIds = new Map(index.docs.laws.map((l, i) => [l.title, i]));
  const priors = loadTopicPriors(PATHS.topics, lawIds, (title) => log.warn('topics.yaml names a law the index does not hold (unknown title or no numbered articles)', { title }));
  const retriever = createRetriever(index, pipeline, priors);
  // A model that fails to load is logged and retrieval stays lexical (see loadEmbeddingReranker).
  const embeddings = config.LAWLINE_EMBEDDING_MODEL
    ? loadEmbeddingReranker({ modelDir: config.LAWLINE_EMBEDDING_MODEL, dataDir: config.LAWLINE_DATA_DIR, log })
    : undefined;

  // Training data = intents/ (lexicon included), the question bank's phrasings, the labelled real questions, and
  // the case library as weak topic examples.
  const trainingHash = hashContent([PATHS.intents, PATHS.cases, PATHS.qa, PATHS.realQuestions], REPO_ROOT, 'training');
  const models = loadOrTrainModels(pipeline, trainingHash, join(config.LAWLINE_DATA_DIR, 'models'), () => ({
    data: loadIntentData(PATHS.intents),
    weak: topicExamples({ bank: loadQaBank(PATHS.qa).entries, real: loadRealQuestions(PATHS.realQuestions), cases: loadCases(PATHS.cases).cases }),
  }));
  const recognise = createRecognizer({
    pipeline,
    models,
    emergencyPatterns: compileEmergencyPatterns(models.emergencyPatterns),
    lookups: loadEntityLookups(join(PATHS.lexicon, 'entities')),
  });
  const intentLabels = new Map(Object.entries(models.intentLabels));
  const learned = setupLearned({
    pipeline, index, retriever, priors, dataDir: join(config.LAWLINE_DATA_DIR, 'learned'), modelsHash: trainingHash, log,
    topicsOf: (a) => models.topic.predict(messageFeatures(a)).scores,
    boostLawsOf: boostLawsFinder(models.intent, models.topic, retriever, guides.values(), (t) => priors.guidesOf(t)),
  });

  const lawline: Lawline = {
    config, log, region, pipeline, index, retriever, priors, learned, embeddings, recognise, guides, intentLabels, overlay: new StaffOverlay(),
    topicGuides: (topic) => priors.guidesOf(topic),
    classify: (text) => toClassification(recognise(text)),
    ask: async (text) => answerQuestion(lawline, recognise(text)),
    answer: (recognised) => answerQuestion(lawline, recognised),
    search: (text, opts) => retriever.search(text, opts),
    eligibility: (input) => checkEligibility(input, region),
    startup: { ms: 0, indexRebuilt: index.rebuilt, modelsTrained: models.trained, learnedBuilt: learned.built },
    close: () => {
      embeddings?.close();
      index.close();
    },
  };
  lawline.startup.ms = Date.now() - started;
  log.info('lawline ready', lawline.startup);
  return lawline;
}

/**
 * The assistant answering with the data staff keep (service directory, cases) read through `staffData`: `ask` and
 * `answer` of the copy use it; everything else is the same assistant.
 * @example const served = withStaffData(lawline, { region: regionNow, cases: () => library.staffCases() });
 */
export function withStaffData(lawline: Lawline, staffData: StaffData): Lawline {
  const served: Lawline = {
    ...lawline,
    staffData,
    ask: async (text) => answerQuestion(served, lawline.recognise(text)),
    answer: (recognised) => answerQuestion(served, recognised),
  };
  return served;
}
