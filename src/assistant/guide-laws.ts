/**
 * @module assistant/guide-laws
 * For a service question (arbitration, legal aid, notarisation …) the guide of that service leads the answer,
 * and its laws are the ones the question most likely turns on: the commercial-arbitration guide points to
 * 仲裁法, not to the labour-arbitration statute that shares most of the words. Shared by `ask` and by the
 * training of the learned ranking, so the ranker learns how much that hint is worth.
 */
import type { Retriever, SearchHit } from '../knowledge/retrieval.js';
import type { Guide } from '../knowledge/schemas/guide.js';
import type { AnalysedText } from '../text/text-pipeline.js';
import { messageFeatures } from '../understanding/features.js';
import type { SoftmaxClassifier } from '../understanding/softmax-classifier.js';

/**
 * The guides of a service: those knowledge/topics.yaml names for the question's topic first (arbitration in a
 * contract dispute is commercial arbitration, in a labour dispute labour arbitration), then by lexical match.
 */
export function serviceGuides(guides: Iterable<Guide>, intent: string, guideHits: SearchHit[], topicGuides: string[] = []): Guide[] {
  const score = new Map(guideHits.map((h) => [h.doc.ref, h.score]));
  const listed = (g: Guide) => (topicGuides.includes(g.id) ? 1 : 0);
  return [...guides].filter((g) => g.service === intent).sort((a, b) => listed(b) - listed(a) || (score.get(b.id) ?? 0) - (score.get(a.id) ?? 0));
}

/** The laws of the guide that leads the answer (none for a plain legal question). */
export function leadGuideLaws(lead: Guide | undefined): string[] {
  return [...new Set((lead?.basis ?? []).map((b) => b.law))];
}

/** For training: a question's lead-guide laws as `ask` would find them (intent classifier, then guide search). */
export function boostLawsFinder(
  intent: SoftmaxClassifier,
  topic: SoftmaxClassifier,
  retriever: Retriever,
  guides: Iterable<Guide>,
  topicGuides: (topic: string) => string[],
): (a: AnalysedText) => string[] {
  const all = [...guides];
  return (a) => {
    const features = messageFeatures(a);
    const label = intent.predict(features).label;
    if (label === 'consult') return [];
    const hits = retriever.searchAnalysed(a, { kind: 'guide', limit: 8 });
    return leadGuideLaws(serviceGuides(all, label, hits, topicGuides(topic.predict(features).label))[0]);
  };
}
