/**
 * @module stats/overview-query
 * The overview's query string: `from` and `to` as China dates (default: the 30 days up to today), `county` by its
 * name, short name or id. Errors name the parameter.
 */
import { z } from 'zod';
import { findCounty, type Region } from '../config/region.js';
import { isoDateSchema } from '../config/today.js';
import { formatZodIssues, InputError } from '../errors.js';
import { chinaDay, chinaDayStart } from './china-day.js';
import type { OverviewQuery } from './overview.js';

/** Longest period one request may ask for (two years, so a year-on-year view fits). */
export const MAX_DAYS = 731;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar date, as LAWLINE_TODAY is read (config/today.ts refuses 2026-02-30). */
const dateSchema = isoDateSchema;

const querySchema = z.object({
  from: dateSchema.optional(),
  to: dateSchema.optional(),
  county: z.string().trim().min(1, 'must not be empty').max(40).optional(),
});

/**
 * @throws InputError naming the parameter (bad date, from after to, too long a period, unknown county)
 * @example overviewQuery({ from: '2026-12-01', to: '2026-12-31', county: '英德' }, region)
 */
export function overviewQuery(raw: unknown, region: Region, now = Date.now()): OverviewQuery {
  const parsed = querySchema.safeParse(raw);
  if (!parsed.success) throw new InputError(formatZodIssues(parsed.error));
  const to = parsed.data.to ?? chinaDay(now);
  const from = parsed.data.from ?? chinaDay(chinaDayStart(to) - 29 * DAY_MS);
  if (from > to) throw new InputError(`to: must not be before from (${from})`);
  if ((chinaDayStart(to) - chinaDayStart(from)) / DAY_MS + 1 > MAX_DAYS) throw new InputError(`from: the period may span at most ${MAX_DAYS} days`);
  const name = parsed.data.county;
  if (name === undefined) return { from, to };
  const county = findCounty(region, name);
  if (!county) throw new InputError(`county: unknown county-level unit "${name}"; expected one of ${region.counties.map((c) => c.name).join('、')}`);
  return { from, to, county: [county.name, county.short, county.id] };
}
