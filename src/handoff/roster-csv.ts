/**
 * @module handoff/roster-csv
 * Reads the duty roster from CSV (UTF-8, a header line, RFC 4180 quoting). Columns, in any order:
 *
 *   username,name,licence,firm,topics,counties,languages,capacity,shifts
 *
 * - username: the lawyer's staff account (role lawyer), e.g. `chen.lawyer`
 * - topics: topic labels separated by `|` (劳动纠纷|婚姻家庭), or `*` for all
 * - counties: county names or ids separated by `|` (英德|清城区|yingde), or `*`
 * - languages: `|`-separated from mandarin, cantonese, hakka, teochew, english
 * - capacity: chats at once, 1–10
 * - shifts: see handoff/schedule, e.g. `"mon-fri 09:00-17:00; 2025-10-01 off"`
 *
 * Every row is validated; errors name the line (1 = header).
 */
import { InputError } from '../errors.js';
import type { Region } from '../config/region.js';
import { toLawyer, type Lawyer } from './roster.js';

export const ROSTER_COLUMNS = ['username', 'name', 'licence', 'firm', 'topics', 'counties', 'languages', 'capacity', 'shifts'] as const;
const LIST_COLUMNS = new Set(['topics', 'counties', 'languages']);

/** Splits CSV text into records with the line number each record starts on. */
export function parseCsv(text: string): Array<{ line: number; fields: string[] }> {
  const records: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') { field += '"'; i++; }
      else if (ch === '"') quoted = false;
      else { if (ch === '\n') line++; field += ch; }
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') { fields.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.some((f) => f.trim() !== '')) records.push({ line: start, fields });
      fields = []; field = ''; line++; start = line;
    } else field += ch;
  }
  fields.push(field);
  if (fields.some((f) => f.trim() !== '')) records.push({ line: start, fields });
  return records;
}

/** A roster file with at least one bad row; `problems` has one entry per problem, each naming the line. */
export class RosterCsvError extends InputError {
  override name = 'RosterCsvError';
  constructor(readonly file: string, readonly problems: string[]) {
    super(`${file}: ${problems.join('\n')}`);
  }
}

/**
 * Parses and validates the whole file; any bad row rejects the file (a half-imported roster is worse).
 * @example parseRosterCsv(readFileSync('roster.csv', 'utf8'), region, 'roster.csv')
 * @throws RosterCsvError naming the file and every bad line
 */
export function parseRosterCsv(text: string, region: Region, file = '<roster.csv>'): Lawyer[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) throw new RosterCsvError(file, ['line 1: the file is empty; expected a header line']);
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const missing = ROSTER_COLUMNS.filter((c) => !names.includes(c));
  const unknown = names.filter((n) => !(ROSTER_COLUMNS as readonly string[]).includes(n));
  if (missing.length || unknown.length) {
    throw new RosterCsvError(file, [`line 1: header ${missing.length ? `misses ${missing.join(', ')}` : ''}${missing.length && unknown.length ? '; ' : ''}${unknown.length ? `has unknown columns ${unknown.join(', ')}` : ''}`]);
  }
  const problems: string[] = [];
  const lawyers: Lawyer[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (row.fields.length !== names.length) {
      problems.push(`line ${row.line}: expected ${names.length} fields, found ${row.fields.length}`);
      continue;
    }
    const input: Record<string, unknown> = {};
    names.forEach((n, i) => {
      const value = row.fields[i]!.trim();
      input[n] = LIST_COLUMNS.has(n) ? value.split('|').map((v) => v.trim()).filter(Boolean) : value;
    });
    const result = toLawyer(input, region);
    if ('errors' in result) {
      problems.push(...result.errors.map((e) => `line ${row.line}: ${e}`));
      continue;
    }
    const key = result.lawyer.username.toLowerCase();
    const earlier = seen.get(key);
    if (earlier) problems.push(`line ${row.line}: username "${result.lawyer.username}" already on line ${earlier}`);
    else { seen.set(key, row.line); lawyers.push(result.lawyer); }
  }
  if (problems.length) throw new RosterCsvError(file, problems);
  return lawyers;
}
