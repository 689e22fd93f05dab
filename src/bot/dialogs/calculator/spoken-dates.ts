/**
 * @module bot/dialogs/calculator/spoken-dates
 * Turns the date entities the recogniser found (2023年5月1日, 去年3月, 昨天) into calendar dates against today.
 * A date given to the month only is completed to the month's first or last day, and says so: the citizen sees it
 * in the working and can correct it.
 */
import type { DateValue, Entity } from '../../../understanding/entities.js';
import { addDays, addMonths, daysInMonth, type PlainDate } from '../../../calculators/plain-date.js';

export interface SpokenDate { date: PlainDate; /** Set when only year and month were given. */ monthOnly?: boolean; start: number; end: number }

const YEARS_BACK: Record<string, number> = { this_year: 0, last_year: 1, year_before_last: 2, next_year: -1 };
const DAYS_BACK: Record<string, number> = { today: 0, yesterday: 1, day_before_yesterday: 2 };

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** One date value as a calendar date; `monthEnd` completes a month-only date to its last day instead of its first. */
export function resolveDate(v: DateValue, today: PlainDate, monthEnd = false): { date: PlainDate; monthOnly?: boolean } | null {
  const [ty, tm] = today.split('-').map(Number) as [number, number];
  if (v.relative && v.relative in DAYS_BACK) return { date: addDays(today, -DAYS_BACK[v.relative]!) };
  let year = v.year;
  let month = v.month;
  if (v.relative && v.relative in YEARS_BACK) year = ty - YEARS_BACK[v.relative]!;
  if (v.relative === 'this_month' || v.relative === 'last_month') {
    const first = addMonths(iso(ty, tm, 1), v.relative === 'last_month' ? -1 : 0);
    [year, month] = first.split('-').map(Number) as [number, number];
  }
  // A month without a year is this year's (or last year's, when that month is still ahead).
  if (year === undefined && month !== undefined && v.day !== undefined) year = month > tm ? ty - 1 : ty;
  if (year === undefined || month === undefined) return null;
  if (v.day !== undefined) return v.day <= daysInMonth(year, month) ? { date: iso(year, month, v.day) } : null;
  return { date: iso(year, month, monthEnd ? daysInMonth(year, month) : 1), monthOnly: true };
}

/** The dates in a recognised message, in order. */
export function spokenDates(entities: Entity[], today: PlainDate, monthEnd = false): SpokenDate[] {
  const out: SpokenDate[] = [];
  for (const e of entities) {
    if (e.type !== 'date') continue;
    const r = resolveDate(e.value, today, monthEnd);
    if (r) out.push({ ...r, start: e.start, end: e.end });
  }
  return out;
}

/** A whole reply that is an ISO-like date the extractor may not read (2024-5-1 is read; this covers 20240501). */
export function compactDate(text: string): PlainDate | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo) ? iso(y, mo, d) : null;
}
