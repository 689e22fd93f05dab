/**
 * @module calculators/plain-date
 * Calendar dates as YYYY-MM-DD strings, with the arithmetic the law's periods need: days, and months/years ending
 * on the corresponding day or, when the month has none, on its last day (民法典 Art. 202). No clock, no time zone:
 * every value is a civil date in China.
 */

/** A civil date, YYYY-MM-DD. */
export type PlainDate = string;

const DAY_MS = 86_400_000;

function toUtc(date: PlainDate): number {
  return Date.parse(`${date}T00:00:00Z`);
}

function fromUtc(ms: number): PlainDate {
  return new Date(ms).toISOString().slice(0, 10);
}

function parts(date: PlainDate): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

/** Days in a month (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `date` moved by `days` (negative moves back). */
export function addDays(date: PlainDate, days: number): PlainDate {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/**
 * The corresponding day `months` later; the month's last day when it has no such day (Jan 31 + 1 month → Feb 28/29).
 * @example addMonths('2024-02-29', 12) // '2025-02-28'
 */
export function addMonths(date: PlainDate, months: number): PlainDate {
  const [y, m, d] = parts(date);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const day = Math.min(d, daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days from `a` to `b` (positive when b is later). */
export function daysBetween(a: PlainDate, b: PlainDate): number {
  return Math.round((toUtc(b) - toUtc(a)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(date: PlainDate): number {
  return new Date(toUtc(date)).getUTCDay();
}

export function yearOf(date: PlainDate): number {
  return parts(date)[0];
}

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/** 2025年3月1日（星期六） */
export function chineseDate(date: PlainDate, withWeekday = false): string {
  const [y, m, d] = parts(date);
  return `${y}年${m}月${d}日${withWeekday ? `（${WEEKDAYS[weekday(date)]}）` : ''}`;
}

/**
 * Whole months of a span that starts on `first` (counted) and ends on `last` (counted), and the days left over:
 * a month is complete when the corresponding day of the next month is no later than the day after `last`.
 * @example wholeMonths('2023-01-01', '2023-06-30') // { months: 6, days: 0 }
 */
export function wholeMonths(first: PlainDate, last: PlainDate): { months: number; days: number } {
  const after = addDays(last, 1);
  let months = 0;
  // A lower bound from the calendar fields, then step: month-end clamping makes a closed formula fragile.
  const [y1, m1] = parts(first);
  const [y2, m2] = parts(after);
  months = Math.max(0, (y2 - y1) * 12 + (m2 - m1) - 1);
  while (addMonths(first, months + 1) <= after) months++;
  while (months > 0 && addMonths(first, months) > after) months--;
  return { months, days: daysBetween(addMonths(first, months), after) };
}
