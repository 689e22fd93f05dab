/**
 * @module knowledge/real-questions
 * Real citizens' questions with the articles a lawyer cited (knowledge/real-questions/<source>.jsonl, imported by
 * `npm run import:real-questions`) and their hand-made topic labels (<source>-topics.tsv, docs/topic-labelling.md).
 * They train retrieval and the topic classifier, and measure both on folds the model was not trained on.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DataFileError } from '../errors.js';
import { TOPIC_LABELS, type TopicLabel } from '../vocabulary.js';

/** Questions are split into this many folds by a hash of their id. */
export const REAL_QUESTION_FOLDS = 5;

export const realQuestionSchema = z
  .object({
    id: z.string().min(1),
    source: z.string().min(1),
    question: z.string().min(1),
    keywords: z.string().nullable(),
    answer: z.string().nullable(),
    /** Articles a lawyer cited; `law` is the knowledge/laws title in force, or null when none matches `cited`. */
    gold: z.array(z.object({ cited: z.string().min(1), law: z.string().min(1).nullable(), article: z.number().int().positive() }).strict()).min(1),
    fold: z.number().int().min(0).max(REAL_QUESTION_FOLDS - 1),
  })
  .strict();

export type RealQuestion = z.infer<typeof realQuestionSchema> & { topic?: TopicLabel };

/** Reads every <source>.jsonl under `dir` with its <source>-topics.tsv labels when present. */
export function loadRealQuestions(dir: string): RealQuestion[] {
  if (!existsSync(dir)) return [];
  const out: RealQuestion[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    const file = join(dir, name);
    const labels = readTopicLabels(join(dir, name.replace(/\.jsonl$/, '-topics.tsv')));
    readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch (err) {
        throw new DataFileError(file, `line ${i + 1}: invalid JSON: ${(err as Error).message}`);
      }
      const r = realQuestionSchema.safeParse(raw);
      if (!r.success) throw new DataFileError(file, `line ${i + 1}: ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
      const topic = labels.get(r.data.id.replace(/^[a-z]+-/, '')) ?? labels.get(r.data.id);
      out.push(topic ? { ...r.data, topic } : r.data);
    });
  }
  return out;
}

/** `<id>\t<topic>` lines; ids as the source gives them (LeCoQA query_id). */
function readTopicLabels(file: string): Map<string, TopicLabel> {
  const map = new Map<string, TopicLabel>();
  if (!existsSync(file)) return map;
  readFileSync(file, 'utf8').split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    const [id, topic] = line.split('\t').map((s) => s.trim());
    if (!id || !topic || !(TOPIC_LABELS as readonly string[]).includes(topic)) {
      throw new DataFileError(file, `line ${i + 1}: expected "<id>\\t<topic>" with one of the 20 topic labels, got "${line}"`);
    }
    map.set(id, topic as TopicLabel);
  });
  return map;
}
