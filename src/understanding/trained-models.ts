/**
 * @module understanding/trained-models
 * Trains the intent, topic and emergency classifiers from intents/ and caches them in the data directory,
 * keyed by a hash of the training data, so a second start skips training.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { TextPipeline } from '../text/text-pipeline.js';
import { messageFeatures } from './features.js';
import type { IntentData } from './intent-data.js';
import { SoftmaxClassifier, type Example } from './softmax-classifier.js';

/** Bump when features or training change. */
const MODEL_VERSION = 'models-4';

export interface TrainedModels {
  intent: SoftmaxClassifier;
  topic: SoftmaxClassifier;
  emergency: SoftmaxClassifier | null;
  /** True when this run trained (false: loaded from cache). */
  trained: boolean;
}

/** Extra weakly-labelled topic text (cases, guides) added with a lower weight. */
export interface WeakTopicExample { text: string; topic: string; weight: number }

function examplesOf(pipeline: TextPipeline, items: Array<{ text: string; label: string; weight?: number }>): Example[] {
  return items.map(({ text, label, weight }) => ({ features: messageFeatures(pipeline.analyse(text)), label, weight }));
}

/** Builds the training sets from the intent data. */
export function trainingSets(data: IntentData, weak: WeakTopicExample[]) {
  const intent = data.intents.flatMap((i) => i.examples.map((text) => ({ text, label: i.intent })));
  const topic = [
    ...data.topics.flatMap((t) => t.examples.map((text) => ({ text, label: t.topic }))),
    ...data.topics.flatMap((t) => t.keywords.map((text) => ({ text, label: t.topic, weight: 0.5 }))),
    ...weak.map((w) => ({ text: w.text, label: w.topic, weight: w.weight })),
  ];
  const emergency = data.emergency
    ? [
        ...data.emergency.positive.map((text) => ({ text, label: 'emergency' })),
        ...data.emergency.negative.map((text) => ({ text, label: 'ordinary' })),
        // Every ordinary service/consult utterance is also a non-emergency example.
        ...intent.map(({ text }) => ({ text, label: 'ordinary', weight: 0.5 })),
      ]
    : [];
  return { intent, topic, emergency };
}

export function trainModels(pipeline: TextPipeline, data: IntentData, weak: WeakTopicExample[]): Omit<TrainedModels, 'trained'> {
  const sets = trainingSets(data, weak);
  const intent = SoftmaxClassifier.train(examplesOf(pipeline, sets.intent));
  const topic = SoftmaxClassifier.train(examplesOf(pipeline, sets.topic));
  const emergency = sets.emergency.length ? SoftmaxClassifier.train(examplesOf(pipeline, sets.emergency)) : null;
  return { intent, topic, emergency };
}

/** What training needs; read only when the cache misses (parsing intents/ is the slowest part of a start). */
export interface TrainingInputs { data: IntentData; weak: WeakTopicExample[] }

/** Models plus the few facts of the training data the recognizer needs at run time. */
export interface ModelBundle extends TrainedModels {
  intentLabels: Record<string, string>;
  emergencyPatterns: string[];
}

/**
 * Loads the models cached for `sourceHash` (a hash of the raw training files), or reads the training data,
 * trains, and caches. Older cache files are removed.
 */
export function loadOrTrainModels(
  pipeline: TextPipeline,
  sourceHash: string,
  dataDir: string,
  readInputs: () => TrainingInputs,
): ModelBundle {
  const hash = createHash('sha256').update(MODEL_VERSION).update(sourceHash).digest('hex').slice(0, 16);
  const file = join(dataDir, `models-${hash}.json`);
  if (existsSync(file)) {
    try {
      const json = JSON.parse(readFileSync(file, 'utf8'));
      return {
        intent: SoftmaxClassifier.fromJSON(json.intent),
        topic: SoftmaxClassifier.fromJSON(json.topic),
        emergency: json.emergency ? SoftmaxClassifier.fromJSON(json.emergency) : null,
        intentLabels: json.intentLabels,
        emergencyPatterns: json.emergencyPatterns,
        trained: false,
      };
    } catch {
      // a damaged cache file is retrained below
    }
  }
  const { data, weak } = readInputs();
  const models = trainModels(pipeline, data, weak);
  const intentLabels = Object.fromEntries(data.intents.map((i) => [i.intent, i.label]));
  const emergencyPatterns = (data.emergency?.patterns ?? []).map((p) => (typeof p === 'string' ? p : p.pattern));
  mkdirSync(dataDir, { recursive: true });
  for (const old of readdirSync(dataDir)) if (/^models-[0-9a-f]+\.json$/.test(old)) rmSync(join(dataDir, old), { force: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify({ ...models, intentLabels, emergencyPatterns }));
  renameSync(tmp, file);
  return { ...models, intentLabels, emergencyPatterns, trained: true };
}
