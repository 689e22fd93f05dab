/**
 * @module stats/working-day
 * "Within one working day", as the bureau promises a callback: by the same China clock time on the next working
 * day (Monday to Friday). A request left at the weekend counts from Monday 00:00. Public holidays and the make-up
 * working days around them are not modelled: a request before a holiday is judged as if the holiday were worked.
 */
const DAY_MS = 24 * 60 * 60 * 1000;
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** 0 Sunday … 6 Saturday, in China. */
const chinaWeekday = (ms: number) => new Date(ms + CHINA_OFFSET_MS).getUTCDay();
const isWeekend = (ms: number) => [0, 6].includes(chinaWeekday(ms));
/** 00:00 in China of the day `ms` falls on. */
const chinaMidnight = (ms: number) => ms - ((ms + CHINA_OFFSET_MS) % DAY_MS);

/**
 * The latest time a callback requested at `requestedAt` may be closed to count as within one working day.
 * @example oneWorkingDayAfter(Date.parse('2026-12-04T10:00:00+08:00')) // Monday 2026-12-07 10:00 (a Friday request)
 */
export function oneWorkingDayAfter(requestedAt: number): number {
  let start = requestedAt;
  while (isWeekend(start)) start = chinaMidnight(start) + DAY_MS;
  let due = start + DAY_MS;
  while (isWeekend(due)) due += DAY_MS;
  return due;
}
