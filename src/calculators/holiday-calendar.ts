/**
 * @module calculators/holiday-calendar
 * The holiday calendar: one file per year in knowledge/region/holidays/ (statutory holidays and the weekend days
 * made working days, from the State Council's notice). A year without a file is not guessed: only weekends count
 * as rest days then, and the deadline says so.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { PATHS } from '../config/paths.js';
import { isoDateSchema } from '../config/today.js';
import { DataFileError } from '../errors.js';
import { readYamlFile } from '../read-yaml-file.js';
import { weekday, yearOf, type PlainDate } from './plain-date.js';

export const DEFAULT_HOLIDAYS_DIR = PATHS.holidays;

const yearFileSchema = z.object({
  year: z.number().int().min(2000).max(2100),
  notice: z.string().trim().min(1),
  documentNumber: z.string().trim().min(1).optional(),
  published: isoDateSchema.optional(),
  source: z.string().url().optional(),
  confirmed: z.boolean(),
  note: z.string().trim().min(1).optional(),
  holidays: z.array(z.object({ name: z.string().trim().min(1), days: z.array(isoDateSchema).min(1) }).strict()).min(1),
  workdays: z.array(isoDateSchema),
}).strict().superRefine((y, ctx) => {
  const holidays = new Set<string>();
  y.holidays.forEach((h, i) => h.days.forEach((d, j) => {
    if (yearOf(d) !== y.year) ctx.addIssue({ code: 'custom', path: ['holidays', i, 'days', j], message: `${d} is not in ${y.year}` });
    holidays.add(d);
  }));
  y.workdays.forEach((d, i) => {
    if (yearOf(d) !== y.year) ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `${d} is not in ${y.year}` });
    if (holidays.has(d)) ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `${d} is also a holiday` });
    // An adjusted working day is always a weekend day made a working day; a weekday here is a typo.
    if (weekday(d) !== 0 && weekday(d) !== 6) ctx.addIssue({ code: 'custom', path: ['workdays', i], message: `${d} is not a Saturday or Sunday` });
  });
});
export type HolidayYear = z.infer<typeof yearFileSchema>;

/** What a day is, and which calendar said so. */
export interface DayKind { rest: boolean; holiday?: string; adjustedWorkday?: boolean; calendar: HolidayYear | null }

export interface HolidayCalendar {
  years: Map<number, HolidayYear>;
  /** Whether `date` is a rest day (statutory holiday, or a weekend day not made a working day). */
  day(date: PlainDate): DayKind;
}

/** Builds a calendar from validated year files. */
export function holidayCalendar(years: HolidayYear[]): HolidayCalendar {
  const byYear = new Map(years.map((y) => [y.year, y]));
  const names = new Map<string, string>();
  const workdays = new Set<string>();
  for (const y of years) {
    for (const h of y.holidays) for (const d of h.days) names.set(d, h.name);
    for (const d of y.workdays) workdays.add(d);
  }
  return {
    years: byYear,
    day(date) {
      const calendar = byYear.get(yearOf(date)) ?? null;
      const holiday = names.get(date);
      if (holiday) return { rest: true, holiday, calendar };
      if (workdays.has(date)) return { rest: false, adjustedWorkday: true, calendar };
      const w = weekday(date);
      return { rest: w === 0 || w === 6, calendar };
    },
  };
}

/** Reads every `<year>.yaml` in the folder; the file name must match its `year`. */
export function loadHolidayCalendar(dir: string = DEFAULT_HOLIDAYS_DIR): HolidayCalendar {
  const years: HolidayYear[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    const file = join(dir, name);
    const y = readYamlFile(file, yearFileSchema);
    if (name !== `${y.year}.yaml`) throw new DataFileError(file, `year: ${y.year} does not match the file name`);
    years.push(y);
  }
  return holidayCalendar(years);
}
