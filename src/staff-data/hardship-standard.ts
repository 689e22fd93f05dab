/**
 * @module staff-data/hardship-standard
 * The hardship standard (the city's urban per-capita disposable income for a year, with its source) as staff set
 * it. Eligibility reads it on every check, so a change applies at once in every process, without a restart. There
 * is no default figure: until an admin sets one, the region file's (unset) standard stands and the means test
 * says `unknown`.
 */
import { z } from 'zod';
import type { Region } from '../config/region.js';
import type { HardshipStandardRepository } from '../storage/repositories/hardship-standard-repository.js';

/** Body of `PUT /api/v1/region/hardship-standard`. */
export const hardshipStandardRequestSchema = z.object({
  cityUrbanIncomePerYear: z.number({ required_error: 'required', invalid_type_error: 'expected a number of yuan' })
    .positive('must be more than 0').max(10_000_000, 'must be at most 10000000')
    // Kept in fen: more than two decimals would be rounded away silently.
    .refine((x) => Math.abs(Math.round(x * 100) - x * 100) < 1e-6, 'must have at most two decimals'),
  year: z.number({ required_error: 'required', invalid_type_error: 'expected a year' }).int('must be a whole year').min(2000).max(2100),
  source: z.string({ required_error: 'required', invalid_type_error: 'expected a URL' }).trim().url('must be a URL (where the figure was published)').max(500),
}).strict();
export type HardshipStandardRequest = z.infer<typeof hardshipStandardRequestSchema>;

/** The standard as the API shows it. */
export interface HardshipStandard { cityUrbanIncomePerYear: number; year: number; source: string; updatedBy: string; updatedAt: string }

export interface HardshipStandards {
  /** The standard staff set, or null while none is. */
  current(): Promise<HardshipStandard | null>;
  /** Sets it (audited: who, when, old and new value); returns the new and the previous standard. */
  set(value: HardshipStandardRequest, actor: string): Promise<{ standard: HardshipStandard; previous: HardshipStandard | null }>;
  /** `region` with the standard staff set, if any, in place of the region file's. */
  region(region: Region): Promise<Region>;
}

const show = (s: { year: number; incomeFen: number; source: string; updatedBy: string; updatedAt: number }): HardshipStandard => ({
  cityUrbanIncomePerYear: s.incomeFen / 100, year: s.year, source: s.source, updatedBy: s.updatedBy, updatedAt: new Date(s.updatedAt).toISOString(),
});

/** @example const standards = createHardshipStandards(createHardshipStandardRepository(sql)); await standards.region(lawline.region); */
export function createHardshipStandards(repo: HardshipStandardRepository, now: () => number = Date.now): HardshipStandards {
  const current = async () => {
    const s = await repo.current();
    return s ? show(s) : null;
  };
  return {
    current,
    async set(value, actor) {
      const stored = { year: value.year, incomeFen: Math.round(value.cityUrbanIncomePerYear * 100), source: value.source, updatedBy: actor, updatedAt: now() };
      const previous = await repo.set(stored);
      return { standard: show(stored), previous: previous ? show(previous) : null };
    },
    async region(region) {
      const s = await current();
      if (!s) return region;
      return { ...region, hardshipStandard: { year: s.year, cityUrbanIncomePerYear: s.cityUrbanIncomePerYear, source: s.source } };
    },
  };
}
