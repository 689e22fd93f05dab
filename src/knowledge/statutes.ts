/**
 * @module knowledge/statutes
 * Loads and validates the generated statute files in knowledge/laws, plus small helpers shared with the importer.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ZodError } from 'zod';
import {
  lawFileSchema,
  manifestSchema,
  type Article,
  type LawFile,
  type ManifestEntry,
} from './schemas/law.js';
import { lawToday } from '../config/today.js';
import { statusesAsOf } from './law-versions.js';
import { DataFileError } from '../errors.js';

export const DEFAULT_LAWS_DIR = 'knowledge/laws';
const MANIFEST = '_manifest.json';

/** Formats a zod error as "file: path.to.field: message" lines (first three issues). */
export function describeZodError(file: string, error: ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${file}: ${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('\n');
}

function listJson(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listJson(full));
    else if (entry.name.endsWith('.json') && entry.name !== MANIFEST) out.push(full);
  }
  return out.sort();
}

/**
 * Reads and validates every statute file under `dir` (sync), with each version's status as of `today`: a
 * version adopted but not yet in force at import time becomes current on its effective date without a re-import.
 * @throws Error naming the file and the failing field path, e.g. "…/劳动法.json: articles.3.number: Expected number".
 */
export function loadStatutes(dir: string = DEFAULT_LAWS_DIR, today: string = lawToday()): LawFile[] {
  return statusesAsOf(readStatuteFiles(dir), today);
}

function readStatuteFiles(dir: string): LawFile[] {
  return listJson(dir).map((file) => {
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new DataFileError(file, `(root): invalid JSON: ${(err as Error).message}`);
    }
    const result = lawFileSchema.safeParse(raw);
    if (!result.success) throw new DataFileError(file, `invalid statute file\n${describeZodError(file, result.error)}`);
    return result.data;
  });
}

/** Reads and validates knowledge/laws/_manifest.json (cheap listing without loading the articles). */
export function loadManifest(dir: string = DEFAULT_LAWS_DIR): ManifestEntry[] {
  const file = path.join(dir, MANIFEST);
  const result = manifestSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!result.success) throw new DataFileError(file, `invalid manifest\n${describeZodError(file, result.error)}`);
  return result.data;
}

/** A stable key for one article reference, e.g. lawKey("劳动合同法", 38) → "劳动合同法#38". */
export function lawKey(title: string, article: number): string {
  return `${title}#${article}`;
}

/** Index of the current version of each law by title, for `{law, article}` look-ups. */
export function currentLawsByTitle(laws: LawFile[]): Map<string, LawFile> {
  const map = new Map<string, LawFile>();
  for (const law of laws) if (law.status === 'current') map.set(law.title, law);
  return map;
}

/** Finds an article of a law (the first one with that number; "之一" articles share their base number). */
export function findArticle(law: LawFile, article: number): Article | undefined {
  return law.articles.find((a) => a.number === article);
}

/** Numbering facts about an article list: missing numbers, duplicate labels, and backward steps. */
export function numberingIssues(articles: Article[]): {
  gaps: number[];
  duplicates: string[];
  outOfOrder: number;
  firstNumber: number | null;
} {
  const seen = new Set<string>();
  const duplicates: string[] = [];
  let outOfOrder = 0;
  articles.forEach((a, i) => {
    if (seen.has(a.label)) duplicates.push(a.label);
    seen.add(a.label);
    if (i > 0 && a.number < articles[i - 1]!.number) outOfOrder += 1;
  });
  const numbers = new Set(articles.map((a) => a.number));
  const gaps: number[] = [];
  const max = Math.max(0, ...numbers);
  for (let n = 1; n <= max; n += 1) if (!numbers.has(n)) gaps.push(n);
  return { gaps, duplicates, outOfOrder, firstNumber: articles[0]?.number ?? null };
}

/** Serialises a law with a fixed key order and one article per line (diff-friendly, valid JSON). */
export function serialiseLaw(law: LawFile): string {
  const head: Array<[string, unknown]> = [
    ['title', law.title],
    ['fullTitle', law.fullTitle],
    ['category', law.category],
    ['kind', law.kind],
    ['versionDate', law.versionDate],
    ['effectiveFrom', law.effectiveFrom],
    ['effectiveBasis', law.effectiveBasis],
    ['status', law.status],
    ['source', law.source],
    ['history', law.history],
  ];
  if (law.repealedBy !== undefined) head.splice(8, 0, ['repealedBy', law.repealedBy]);
  if (law.preamble !== undefined) head.push(['preamble', law.preamble]);
  if (law.body !== undefined) head.push(['body', law.body]);
  if (law.appendix !== undefined) head.push(['appendix', law.appendix]);
  const lines = head.map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  const arts = law.articles.map((a) =>
    JSON.stringify({ number: a.number, label: a.label, chapter: a.chapter, section: a.section, text: a.text }),
  );
  const articles = arts.length ? `[\n    ${arts.join(',\n    ')}\n  ]` : '[]';
  return `{\n${lines.join('\n')}\n  "articles": ${articles}\n}\n`;
}
