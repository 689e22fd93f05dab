/**
 * @module assistant/services
 * The services the assistant bundles, each named for the one job it does. `Lawline` implements them all, but
 * only the composition roots (server/app.ts, cli/main.ts, the tools) hold the whole of it: every other consumer
 * declares the services it uses, so a dialog that answers questions cannot reach the index, and a test can hand
 * it a stand-in for just those.
 */
import type { Config } from '../config/config.js';
import type { Region } from '../config/region.js';
import type { EligibilityResult } from '../eligibility/schema.js';
import type { Retriever } from '../knowledge/retrieval.js';
import type { Guide } from '../knowledge/schemas/guide.js';
import type { Logger } from '../logging/logger.js';
import type { Recognition, Recognizer } from '../understanding/recognizer.js';
import type { AskResult } from './ask.js';
import type { Classification } from './classification.js';

/** Configuration and logging, which every part may use. */
export interface Runtime { config: Config; log: Logger }

/** Understanding a message: intent, topic, entities and risk, and the intents' labels for people. */
export interface Recogniser {
  recognise: Recognizer;
  classify(text: string): Classification;
  intentLabels: Map<string, string>;
}

/** Answering a question in full: direct answer, the law, what to do in Qingyuan, a case. */
export interface Answerer {
  ask(text: string): Promise<AskResult>;
  /** The same for a message already recognised (a channel that recognised it to route it). */
  answer(recognised: Recognition): Promise<AskResult>;
}

/** Search over the statutes, guides and cases. */
export interface Searcher { retriever: Pick<Retriever, 'searchAnalysed'> }

/** The legal-aid eligibility engine. */
export interface EligibilityChecker { eligibility(input: unknown): EligibilityResult }

/** Qingyuan's facts (offices, counties, contacts) and the service guides. */
export interface RegionFacts { region: Region; guides: ReadonlyMap<string, Guide> }
