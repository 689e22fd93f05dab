/**
 * @module knowledge/topic-priors
 * knowledge/topics.yaml: for each legal topic, the laws its questions usually turn on. Turns a topic
 * distribution into a per-law boost for retrieval.
 */
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { readYamlFile } from '../read-yaml-file.js';

const topicsFileSchema = z.object({
  topics: z.array(
    z.object({
      label: z.string().min(1),
      slug: z.string().min(1),
      laws: z.array(z.object({ title: z.string().min(1), weight: z.number().min(0).max(1) })),
      /** Service guides that tell a citizen with this kind of problem what to do next, best first. */
      guides: z.array(z.string().min(1)).default([]),
    }).passthrough(),
  ),
});

export interface TopicPriors {
  /** Per-law boost in [0, 1] for a topic distribution; index = law id of the knowledge index. */
  lawWeights(topics: Record<string, number>, lawCount: number): Float64Array;
  /** True for laws some topic names: the statutes citizens' questions turn on. */
  isCore(lawId: number): boolean;
  /** Guide ids for "what you can do next" on this topic, best first. */
  guidesOf(topic: string): string[];
  /** The topic's folder name under knowledge/qa/ (its slug), if the topic is known. */
  slugOf(topic: string): string | undefined;
  /** Laws named for a topic (for validation and explanations). */
  lawsOf(topic: string): Array<{ title: string; weight: number }>;
}

/** Loads knowledge/topics.yaml and binds it to the index's law ids. Unknown titles are reported, not fatal. */
export function loadTopicPriors(file: string, lawIdByTitle: Map<string, number>, onUnknown?: (title: string) => void): TopicPriors {
  const byTopic = new Map<string, Array<{ id: number; title: string; weight: number }>>();
  const guidesByTopic = new Map<string, string[]>();
  const slugs = new Map<string, string>();
  if (existsSync(file)) {
    for (const t of readYamlFile(file, topicsFileSchema).topics) {
      const laws = [];
      for (const l of t.laws) {
        const id = lawIdByTitle.get(l.title);
        if (id === undefined) onUnknown?.(l.title);
        else laws.push({ id, title: l.title, weight: l.weight });
      }
      byTopic.set(t.label, laws);
      guidesByTopic.set(t.label, t.guides);
      slugs.set(t.label, t.slug);
    }
  }
  const core = new Set([...byTopic.values()].flatMap((laws) => laws.map((l) => l.id)));
  return {
    isCore: (lawId) => core.size === 0 || core.has(lawId),
    guidesOf: (topic) => guidesByTopic.get(topic) ?? [],
    slugOf: (topic) => slugs.get(topic),
    lawsOf: (topic) => (byTopic.get(topic) ?? []).map(({ title, weight }) => ({ title, weight })),
    lawWeights(topics, lawCount) {
      const out = new Float64Array(lawCount);
      for (const [topic, p] of Object.entries(topics)) {
        for (const law of byTopic.get(topic) ?? []) out[law.id] = Math.max(out[law.id]!, p * law.weight);
      }
      return out;
    },
  };
}
