/**
 * @module understanding/recognizer
 * One call that tells what a message is: service intent, legal topic (domain), emergency risk and entities,
 * shaped like botbuilder's RecognizerResult (text, alteredText, scores, entities).
 */
import type { TextPipeline, AnalysedText } from '../text/text-pipeline.js';
import type { ServiceIntent, TopicLabel } from '../vocabulary.js';
import { detectEmergency, type EmergencyVerdict } from './emergency-detector.js';
import { extractEntities, type Entity, type EntityLookups } from './entities.js';
import { messageFeatures } from './features.js';
import type { TrainedModels } from './trained-models.js';

export interface Ranked<T extends string> { label: T; confidence: number }

export interface Recognition {
  text: string;
  /** Normalised text (entity offsets refer to it). */
  alteredText: string;
  analysed: AnalysedText;
  intent: ServiceIntent;
  intentConfidence: number;
  /** Intents best first (for "did you mean" questions). */
  intents: Ranked<ServiceIntent>[];
  domain: TopicLabel;
  domainConfidence: number;
  domains: Ranked<TopicLabel>[];
  /** Topic label → probability, for retrieval priors. */
  domainScores: Record<string, number>;
  risk: 'emergency' | null;
  emergency: EmergencyVerdict;
  entities: Entity[];
}

function ranked<T extends string>(scores: Record<string, number>): Ranked<T>[] {
  return Object.entries(scores)
    .sort((a, b) => b[1] - a[1])
    .map(([label, confidence]) => ({ label: label as T, confidence }));
}

export interface RecognizerParts {
  pipeline: TextPipeline;
  models: TrainedModels;
  emergencyPatterns: RegExp[];
  lookups: EntityLookups;
}

export type Recognizer = (text: string) => Recognition;

export function createRecognizer({ pipeline, models, emergencyPatterns, lookups }: RecognizerParts): Recognizer {
  return (text) => {
    const analysed = pipeline.analyse(text);
    const features = messageFeatures(analysed);
    const intent = models.intent.predict(features);
    const topic = models.topic.predict(features);
    const emergency = detectEmergency(analysed.normalised, features, emergencyPatterns, models.emergency);
    return {
      text,
      alteredText: analysed.normalised,
      analysed,
      intent: intent.label as ServiceIntent,
      intentConfidence: intent.confidence,
      intents: ranked<ServiceIntent>(intent.scores),
      domain: topic.label as TopicLabel,
      domainConfidence: topic.confidence,
      domains: ranked<TopicLabel>(topic.scores),
      domainScores: topic.scores,
      risk: emergency.emergency ? 'emergency' : null,
      emergency,
      entities: extractEntities(analysed.normalised, lookups),
    };
  };
}
