/**
 * @module assistant/topic-examples
 * Topic-labelled text beyond intents/topics: the question bank's phrasings (each under its entry's topic), the
 * real questions labelled by hand (docs/topic-labelling.md), and typical cases. Real questions are the kind of
 * text the classifier meets, so they weigh most; case facts are long and mixed, so they weigh least.
 */
import type { KnownQuestionSources } from '../knowledge/known-questions.js';
import type { WeakTopicExample } from '../understanding/trained-models.js';

export const TOPIC_WEIGHTS = { bank: 0.5, real: 1.0, cases: 0.3 };

/** Topic examples from the sources; real questions only from `folds` when given (evaluation holds one out). */
export function topicExamples(sources: KnownQuestionSources, folds?: Set<number>): WeakTopicExample[] {
  return [
    ...sources.bank.flatMap((e) => e.questions.map((text) => ({ text, topic: e.topic, weight: TOPIC_WEIGHTS.bank }))),
    ...sources.real.flatMap((r) => (r.topic && (!folds || folds.has(r.fold)) ? [{ text: r.question, topic: r.topic, weight: TOPIC_WEIGHTS.real }] : [])),
    ...sources.cases.map((c) => ({ text: `${c.title}。${c.facts}`.slice(0, 300), topic: c.topic, weight: TOPIC_WEIGHTS.cases })),
  ];
}
