/**
 * @module upkeep/edit-docs
 * What a knowledge edit holds, one kind each, checked with the same zod schemas as the files they become: a
 * phrasing filed under an entry, a whole new question-bank entry (knowledge/qa), a synonym line (synonyms.yaml) or a
 * dialect rewrite (dialect.yaml). The live edits, read back, are what every process lays over its knowledge.
 */
import { z } from 'zod';
import { qaEntrySchema, type QaEntry } from '../knowledge/schemas/qa.js';
import { dialectRewriteSchema, synonymEntrySchema, type DialectRewrite, type SynonymEntry } from '../text/lexicon.js';
import type { StoredEdit } from '../storage/repositories/upkeep-repository.js';

export const EDIT_KINDS = ['phrasing', 'entry', 'synonym', 'dialect'] as const;
export type EditKind = (typeof EDIT_KINDS)[number];

/** What the workspace calls each kind of edit (served by `GET /api/v1/meta`). */
export const EDIT_KIND_LABELS: Record<EditKind, string> = { phrasing: '新增问法', entry: '新建条目', synonym: '同义词', dialect: '方言改写' };

/** A phrasing filed under an entry of the bank (a file's or a staff one). */
export const phrasingDocSchema = z.object({
  entryId: z.string({ required_error: 'required' }).trim().min(1, 'must not be empty'),
  question: z.string({ required_error: 'required' }).trim().min(1, 'must not be empty').max(300),
}).strict();
export type PhrasingDoc = z.infer<typeof phrasingDocSchema>;

export const EDIT_DOC_SCHEMAS = {
  phrasing: phrasingDocSchema,
  entry: qaEntrySchema,
  synonym: synonymEntrySchema.strict(),
  dialect: dialectRewriteSchema.strict(),
} as const;

/** The knowledge the live edits add, in edit order. */
export interface LiveKnowledge {
  entries: QaEntry[];
  phrasings: PhrasingDoc[];
  synonyms: SynonymEntry[];
  dialect: DialectRewrite[];
  /** Edits whose document no longer parses (a schema changed since): left out, and named here for the log. */
  skipped: number[];
}

/** Reads the live edits (oldest first) into the knowledge they add. */
export function liveKnowledge(edits: StoredEdit[]): LiveKnowledge {
  const out: LiveKnowledge = { entries: [], phrasings: [], synonyms: [], dialect: [], skipped: [] };
  for (const e of edits) {
    const schema = EDIT_DOC_SCHEMAS[e.kind as EditKind];
    const parsed = schema ? schema.safeParse(JSON.parse(e.doc)) : undefined;
    if (!parsed?.success) {
      out.skipped.push(e.id);
      continue;
    }
    if (e.kind === 'entry') out.entries.push(parsed.data as QaEntry);
    else if (e.kind === 'phrasing') out.phrasings.push(parsed.data as PhrasingDoc);
    else if (e.kind === 'synonym') out.synonyms.push(parsed.data as SynonymEntry);
    else out.dialect.push(parsed.data as DialectRewrite);
  }
  return out;
}
