/**
 * @module handoff/roster
 * The duty-lawyer roster: who may take hand-offs, for which topics, counties and languages, how many chats at
 * once, and when they are on duty. One zod schema serves the CSV import, the admin API and the database.
 */
import { z } from 'zod';
import { findCounty, type Region } from '../config/region.js';
import { TOPIC_LABELS, type TopicLabel } from '../vocabulary.js';
import { parseSchedule, type Schedule } from './schedule.js';

/** Languages a lawyer can consult in (and that a citizen may write in). */
export const LANGUAGES = ['mandarin', 'cantonese', 'hakka', 'teochew', 'english'] as const;
export type Language = (typeof LANGUAGES)[number];

/** "any": a `*` in topics or counties. */
export const ANY = '*';

/** Most chats one lawyer may hold at once. */
export const MAX_CAPACITY = 10;

/** One roster entry as written (CSV row or API body), before county names are resolved. */
export const rosterInputSchema = z
  .object({
    username: z.string().trim().regex(/^[A-Za-z0-9_.-]{1,32}$/, 'expected the lawyer account username'),
    name: z.string().trim().min(1, 'required').max(40),
    licence: z.string().trim().regex(/^[0-9A-Za-z]{6,24}$/, 'expected the practising licence number (6–24 letters or digits)'),
    firm: z.string().trim().min(1, 'required').max(80),
    topics: z.array(z.union([z.enum(TOPIC_LABELS), z.literal(ANY)], { errorMap: () => ({ message: 'expected one of the 20 topic labels (劳动纠纷, 婚姻家庭, …) or *' }) }))
      .min(1, 'at least one topic or *'),
    counties: z.array(z.string().trim().min(1)).min(1, 'at least one county or *'),
    languages: z.array(z.enum(LANGUAGES)).min(1, 'at least one language'),
    capacity: z.coerce.number().int().min(1).max(MAX_CAPACITY),
    shifts: z.string().trim().min(1, 'at least one shift'),
  })
  .strict();
export type RosterInput = z.infer<typeof rosterInputSchema>;

/** A roster entry ready for matching: counties as region ids, shifts parsed. */
export interface Lawyer {
  username: string;
  name: string;
  licence: string;
  firm: string;
  topics: Array<TopicLabel | typeof ANY>;
  counties: string[];
  languages: Language[];
  capacity: number;
  schedule: Schedule;
}

/**
 * Validates one entry and resolves county names (英德, 英德市, yingde) to region ids.
 * @returns the lawyer, or the problems as `field: message` strings
 */
export function toLawyer(input: unknown, region: Region): { lawyer: Lawyer } | { errors: string[] } {
  const parsed = rosterInputSchema.safeParse(input);
  const errors = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || '(row)'}: ${i.message}`);
  // Counties and shifts are checked even when other fields failed, so one pass reports every problem.
  const raw = (input ?? {}) as { counties?: unknown; shifts?: unknown };
  const counties: string[] = [];
  for (const c of Array.isArray(raw.counties) ? raw.counties.filter((x): x is string => typeof x === 'string') : []) {
    if (c === ANY) counties.push(ANY);
    else {
      const county = findCounty(region, c);
      if (county) counties.push(county.id);
      else errors.push(`counties: "${c}" is not a county of ${region.city.name}`);
    }
  }
  let schedule: Schedule | undefined;
  try {
    schedule = parseSchedule(typeof raw.shifts === 'string' ? raw.shifts : '');
    if (!schedule.weekly.length && !schedule.dated.some((d) => !d.off)) errors.push('shifts: no duty time at all');
  } catch (err) {
    errors.push(`shifts: ${(err as Error).message}`);
  }
  if (!parsed.success || errors.length || !schedule) return { errors };
  const { shifts: _shifts, ...rest } = parsed.data;
  return { lawyer: { ...rest, counties: [...new Set(counties)], schedule } };
}

/** The entry in its input form (for GET roster and export). */
export function toRosterInput(lawyer: Lawyer): RosterInput {
  const { schedule, ...rest } = lawyer;
  return { ...rest, shifts: schedule.text };
}
