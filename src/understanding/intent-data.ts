/**
 * @module understanding/intent-data
 * Loads and validates the declarative training data in intents/: service intents, legal topics and emergency
 * examples. Errors name the file and the field; a cross-check rejects an utterance listed under two labels.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readYamlFile } from '../read-yaml-file.js';
import { SERVICE_INTENTS, TOPIC_LABELS } from '../vocabulary.js';

const utterance = z.union([z.string(), z.number()]).transform(String).pipe(z.string().trim().min(1));

export const serviceIntentFileSchema = z.object({
  intent: z.enum(SERVICE_INTENTS),
  label: z.string().min(1),
  description: z.string().min(1),
  examples: z.array(utterance).min(1),
});

export const topicFileSchema = z.object({
  topic: z.enum(TOPIC_LABELS),
  description: z.string().min(1),
  keywords: z.array(utterance).default([]),
  examples: z.array(utterance).min(1),
});

export const emergencyFileSchema = z.object({
  description: z.string().min(1),
  positive: z.array(utterance).min(1),
  negative: z.array(utterance).min(1),
  patterns: z.array(z.union([z.string(), z.object({ pattern: z.string() }).passthrough()])).default([]),
});

export type ServiceIntentFile = z.infer<typeof serviceIntentFileSchema>;
export type TopicFile = z.infer<typeof topicFileSchema>;
export type EmergencyFile = z.infer<typeof emergencyFileSchema>;

export interface IntentData {
  intents: ServiceIntentFile[];
  topics: TopicFile[];
  emergency: EmergencyFile | null;
}


function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => join(dir, f));
}

/** Reads intents/service, intents/topics and intents/emergency.yaml. */
export function loadIntentData(dir = 'intents'): IntentData {
  const intents = yamlFiles(join(dir, 'service')).map((f) => readYamlFile(f, serviceIntentFileSchema));
  const topics = yamlFiles(join(dir, 'topics')).map((f) => readYamlFile(f, topicFileSchema));
  const emergencyFile = join(dir, 'emergency.yaml');
  const emergency = existsSync(emergencyFile) ? readYamlFile(emergencyFile, emergencyFileSchema) : null;
  return { intents, topics, emergency };
}

/** Problems a data validator reports: duplicate labels, one utterance under two labels. */
export function crossCheck(data: IntentData): string[] {
  const problems: string[] = [];
  const check = (kind: string, groups: Array<{ label: string; examples: string[] }>) => {
    const seen = new Map<string, string>();
    const labels = new Set<string>();
    for (const g of groups) {
      if (labels.has(g.label)) problems.push(`${kind}: label ${g.label} is defined twice`);
      labels.add(g.label);
      for (const e of g.examples) {
        const prev = seen.get(e);
        if (prev && prev !== g.label) problems.push(`${kind}: "${e}" is an example of both ${prev} and ${g.label}`);
        seen.set(e, g.label);
      }
    }
  };
  check('intents/service', data.intents.map((i) => ({ label: i.intent, examples: i.examples })));
  check('intents/topics', data.topics.map((t) => ({ label: t.topic, examples: t.examples })));
  if (data.emergency) {
    check('intents/emergency.yaml', [
      { label: 'positive', examples: data.emergency.positive },
      { label: 'negative', examples: data.emergency.negative },
    ]);
  }
  return problems;
}
