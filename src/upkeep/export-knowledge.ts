/**
 * @module upkeep/export-knowledge
 * The live knowledge edits as files in the repository's layout, so they can be reviewed and committed: each new
 * entry as knowledge/qa/<topic>/<id>.yaml, each file entry that gained phrasings as its own file with them added,
 * synonyms and dialect rewrites as intents/lexicon/staff-synonyms.yaml and staff-dialect.yaml (which the lexicon
 * loader reads beside synonyms.yaml and dialect.yaml). Every file is checked with the schema its folder is read with.
 */
import { stringify } from 'yaml';
import type { LoadedQaEntry } from '../knowledge/qa-bank.js';
import { qaEntrySchema, type QaEntry } from '../knowledge/schemas/qa.js';
import { dialectFileSchema, STAFF_DIALECT_FILE, STAFF_SYNONYMS_FILE, synonymsFileSchema } from '../text/lexicon.js';
import type { LiveKnowledge } from './edit-docs.js';

export interface ExportedFile {
  /** Relative to the repository root. */
  path: string;
  content: string;
}

const header = (version: number) => `# Exported from lawline's knowledge edits (version ${version}); review, then commit.\n`;

/** @example exportKnowledge(version, live, lawline.learned.bank, (t) => priors.slugOf(t)) */
export function exportKnowledge(version: number, live: LiveKnowledge, bank: ReadonlyMap<string, LoadedQaEntry>, slugOf: (topic: string) => string | undefined): ExportedFile[] {
  const files: ExportedFile[] = [];
  const staff = new Map(live.entries.map((e) => [e.id, { ...e, questions: [...e.questions] }]));
  const touched = new Map<string, { file: string; entry: QaEntry }>();
  for (const p of live.phrasings) {
    const own = staff.get(p.entryId);
    if (own) {
      own.questions.push(p.question);
      continue;
    }
    const fromFile = bank.get(p.entryId);
    if (!fromFile) continue; // its entry was undone: nothing to file it under
    const { file, ...entry } = fromFile;
    const t = touched.get(p.entryId) ?? { file, entry: { ...entry, questions: [...entry.questions] } };
    t.entry.questions.push(p.question);
    touched.set(p.entryId, t);
  }
  const entryFile = (path: string, entry: QaEntry) => files.push({ path, content: header(version) + stringify(qaEntrySchema.parse(entry)) });
  for (const e of staff.values()) entryFile(`knowledge/qa/${slugOf(e.topic) ?? 'general'}/${e.id}.yaml`, e);
  for (const t of touched.values()) entryFile(`knowledge/qa/${t.file}`, t.entry);
  if (live.synonyms.length) {
    files.push({ path: `intents/lexicon/${STAFF_SYNONYMS_FILE}`, content: header(version) + stringify(synonymsFileSchema.parse({ synonyms: live.synonyms })) });
  }
  if (live.dialect.length) {
    files.push({ path: `intents/lexicon/${STAFF_DIALECT_FILE}`, content: header(version) + stringify(dialectFileSchema.parse({ rewrites: live.dialect })) });
  }
  return files;
}
