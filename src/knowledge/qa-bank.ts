/**
 * @module knowledge/qa-bank
 * Loads the question bank (knowledge/qa/**\/*.yaml, one entry per file) and checks it: every file against the
 * schema, ids unique and equal to the file name, no phrasing in two entries, every basis provision in force
 * down to its paragraph and item, every figure of the answer in a cited provision or a declared source,
 * guides and cases that exist. A staff member adds an entry by adding a file; the next start picks it up.
 */
import { readdirSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { describeFigures, unsupportedFigures } from './figures.js';
import type { LawBook } from './law-book.js';
import { qaEntrySchema, type QaEntry } from './schemas/qa.js';
import { readYamlEntries } from './yaml-entries.js';

/** An entry with the file it came from (relative to the bank folder). */
export interface LoadedQaEntry extends QaEntry { file: string }

export interface QaBankLoad { entries: LoadedQaEntry[]; problems: string[] }

function listYaml(dir: string): string[] {
  const out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return out; // no bank yet
  }
  for (const name of names.sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listYaml(full));
    else if (['.yaml', '.yml'].includes(extname(name))) out.push(full);
  }
  return out;
}

/** A phrasing's identity for duplicate checks: no spaces or punctuation, lower case. */
export function phrasingKey(q: string): string {
  return q.toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');
}

/**
 * Reads every entry under `dir`. Files that fail the schema are reported and left out; the rest load. Checks
 * that need the statutes are in {@link checkQaEntries}.
 */
export function loadQaBank(dir: string): QaBankLoad {
  const { items, problems } = readYamlEntries(listYaml(dir).map((full) => ({ full, file: relative(dir, full) })), qaEntrySchema);
  const entries: LoadedQaEntry[] = [];
  const phrasings = new Map<string, string>();
  for (const { value: entry, file } of items) {
    entry.questions.forEach((q, i) => {
      const key = phrasingKey(q);
      const other = phrasings.get(key);
      if (other) problems.push(`${file}: questions.${i}: "${q}" already appears in ${other}; keep each phrasing in one entry`);
      else phrasings.set(key, `${file} questions.${i}`);
    });
    entries.push({ ...entry, file });
  }
  return { entries, problems };
}

export interface QaCheckContext {
  book: LawBook;
  guideIds: Set<string>;
  caseIds: Set<string>;
  /** Texts whose figures an answer may use without a citation: the region file's values (12348, office phones …). */
  knownNumbers: string[];
}

/** Checks entries against the statutes, guides, cases and figures. One line per problem, naming file and field. */
export function checkQaEntries(entries: LoadedQaEntry[], ctx: QaCheckContext): string[] {
  const problems: string[] = [];
  for (const e of entries) {
    const sources: string[] = [];
    e.basis.forEach((b, i) => {
      const problem = ctx.book.citationProblem(b);
      if (problem) {
        problems.push(`${e.file}: basis.${i}: ${problem}`);
        return;
      }
      sources.push(ctx.book.article(b.law, b.article)!.text);
    });
    const declared = e.figures.map((f) => f.figure);
    const loose = unsupportedFigures(e.answer, sources, [...declared, ...ctx.knownNumbers]);
    if (loose.length) {
      problems.push(`${e.file}: answer: ${describeFigures(loose)} not found in the cited provisions; cite the provision that gives it, or declare it under figures with its source`);
    }
    e.guides.forEach((g, i) => { if (!ctx.guideIds.has(g)) problems.push(`${e.file}: guides.${i}: unknown guide "${g}"`); });
    e.cases.forEach((c, i) => { if (!ctx.caseIds.has(c)) problems.push(`${e.file}: cases.${i}: unknown case "${c}"`); });
  }
  return problems;
}
