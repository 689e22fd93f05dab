/**
 * @module knowledge/cases
 * Loads and validates the typical-case library (case-library/<year>/<id>.yaml) and reports per-year coverage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { caseSchema, type Case } from './schemas/case.js';
import { describeZodError } from './statutes.js';
import { DataFileError } from '../errors.js';

export const DEFAULT_CASES_DIR = 'case-library';
/** Cases wanted per library year. */
export const CASES_PER_YEAR_TARGET = 30;

/** Coverage of one library year. */
export interface YearCoverage {
  year: number;
  count: number;
  target: number;
  shortfall: number;
}

/** Result of {@link loadCases}. */
export interface CaseLibrary {
  cases: Case[];
  perYear: YearCoverage[];
}

/**
 * Reads every case-library/<year>/*.yaml, validates it with zod, and checks that the file name is the id
 * and the folder is the year. Adding next year's cases is adding a folder of files.
 * @throws Error naming the file and the field path, e.g. "case-library/2021/x.yaml: topic: Invalid enum value…".
 */
export function loadCases(dir: string = DEFAULT_CASES_DIR): CaseLibrary {
  const years = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^\d{4}$/.test(e.name))
    .map((e) => e.name)
    .sort();
  const cases: Case[] = [];
  const seen = new Map<string, string>();
  const perYear: YearCoverage[] = [];
  for (const year of years) {
    const files = fs
      .readdirSync(path.join(dir, year))
      .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
      .sort();
    for (const name of files) {
      const file = path.join(dir, year, name);
      const item = readCase(file);
      const stem = name.replace(/\.ya?ml$/, '');
      if (item.id !== stem) throw new DataFileError(file, `id: "${item.id}" does not match the file name "${stem}"`);
      if (String(item.year) !== year) throw new DataFileError(file, `year: ${item.year} does not match the folder ${year}`);
      const other = seen.get(item.id);
      if (other) throw new DataFileError(file, `id: duplicate of ${other}`);
      seen.set(item.id, file);
      cases.push(item);
    }
    const count = files.length;
    perYear.push({
      year: Number(year),
      count,
      target: CASES_PER_YEAR_TARGET,
      shortfall: Math.max(0, CASES_PER_YEAR_TARGET - count),
    });
  }
  return { cases, perYear };
}

function readCase(file: string): Case {
  let raw: unknown;
  try {
    raw = parseYaml(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new DataFileError(file, `(root): invalid YAML: ${(err as Error).message}`);
  }
  const result = caseSchema.safeParse(raw);
  if (!result.success) throw new DataFileError(file, `invalid case file\n${describeZodError(file, result.error)}`);
  return result.data;
}
