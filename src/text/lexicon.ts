/**
 * @module text/lexicon
 * Loads intents/lexicon/: the jieba user dictionary, stop words, synonyms, dialect rewrites and typo fixes.
 * All of it is data; adding a word is a file change, never a code change.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { readYamlFile } from '../read-yaml-file.js';

/** One line of synonyms.yaml (staff additions are checked with it too). */
export const synonymEntrySchema = z.object({
  terms: z.array(z.string().min(1)).min(1),
  legal: z.array(z.string().min(1)).min(1),
});
/** One line of dialect.yaml / typos.yaml. */
export const dialectRewriteSchema = z.object({ from: z.string().min(1), to: z.string() });

export const synonymsFileSchema = z.object({ synonyms: z.array(synonymEntrySchema) });
export const dialectFileSchema = z.object({ rewrites: z.array(dialectRewriteSchema) });

export interface SynonymEntry { terms: string[]; legal: string[] }
export interface DialectRewrite { from: string; to: string }

/** Everything the text pipeline reads from disk. */
export interface Lexicon {
  /** jieba user dictionary text ("word freq tag" lines). */
  userDict: string;
  stopwords: Set<string>;
  synonyms: SynonymEntry[];
  dialect: DialectRewrite[];
}


function readLines(file: string): string[] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

/** Staff additions exported from the workspace (src/upkeep/export-knowledge.ts), read beside the hand-written files. */
export const STAFF_SYNONYMS_FILE = 'staff-synonyms.yaml';
export const STAFF_DIALECT_FILE = 'staff-dialect.yaml';

/** Loads the lexicon; a missing optional file (dialect.yaml) counts as empty. */
export function loadLexicon(dir = 'intents/lexicon'): Lexicon {
  const userDict = readLines(join(dir, 'user-dict.txt')).join('\n');
  const stopwords = new Set(readLines(join(dir, 'stopwords.txt')));
  const synonyms = readYamlFile(join(dir, 'synonyms.yaml'), synonymsFileSchema).synonyms;
  // Staff additions exported from the workspace (knowledge upkeep), once reviewed and committed.
  const staffSynonyms = join(dir, STAFF_SYNONYMS_FILE);
  if (existsSync(staffSynonyms)) synonyms.push(...readYamlFile(staffSynonyms, synonymsFileSchema).synonyms);
  // Dialect phrases and common typos are both safe, context-free rewrites applied after normalisation.
  const dialect = ['dialect.yaml', 'typos.yaml', STAFF_DIALECT_FILE].flatMap((name) => {
    const file = join(dir, name);
    return existsSync(file) ? readYamlFile(file, dialectFileSchema).rewrites : [];
  });
  return { userDict, stopwords, synonyms, dialect };
}
