/**
 * @module handoff/schedule
 * Duty shifts of one lawyer: weekly shifts plus dated exceptions, read in Asia/Shanghai time (UTC+8 all year;
 * China has no daylight saving). Text form, `;`-separated:
 *   `mon-fri 09:00-17:00` · `sat,sun 09:00-12:00` · `mon 22:00-06:00` (overnight, ends the next morning)
 *   `2025-10-01 off` (no duty that date) · `2025-10-08 09:00-12:00` (replaces that date's weekly shifts)
 * Starts are inclusive, ends exclusive.
 */

/** One time range in minutes since local midnight; `end <= start` means it ends the next day. */
export interface ShiftRange { start: number; end: number }
export interface WeeklyShift extends ShiftRange { days: number[] }
export interface DatedShift { date: string; off: boolean; range?: ShiftRange }
/** A parsed schedule; `text` keeps the source form for display and export. */
export interface Schedule { text: string; weekly: WeeklyShift[]; dated: DatedShift[] }

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

function parseTime(s: string): number | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s);
  if (!m) return undefined;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (min > 59 || h > 24 || (h === 24 && min !== 0)) return undefined;
  return h * 60 + min;
}

function parseRange(s: string): ShiftRange | string {
  const [a, b, extra] = s.split('-');
  const start = parseTime(a ?? '');
  const end = parseTime(b ?? '');
  if (extra !== undefined || start === undefined || end === undefined) return `"${s}" is not a time range like 09:00-17:00`;
  if (start === end) return `"${s}" is an empty shift`;
  return { start, end: end === 1440 && start < 1440 ? 1440 : end };
}

function parseDays(s: string): number[] | string {
  const days = new Set<number>();
  for (const part of s.toLowerCase().split(',')) {
    const [a, b, extra] = part.split('-');
    const from = DAY_NAMES.indexOf(a ?? '') + 1;
    const to = b === undefined ? from : DAY_NAMES.indexOf(b) + 1;
    if (extra !== undefined || from === 0 || to === 0) return `"${part}" is not a day or day range (mon..sun)`;
    // mon-fri, or a range that wraps the week such as sat-mon
    for (let d = from, n = 0; n < 7; d = (d % 7) + 1, n++) {
      days.add(d);
      if (d === to) break;
    }
  }
  return [...days].sort((a, b) => a - b);
}

function validDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * Parses the text form. Errors name the entry.
 * @example parseSchedule('mon-fri 09:00-17:00; 2025-10-01 off')
 * @throws Error when an entry cannot be read
 */
export function parseSchedule(text: string): Schedule {
  const schedule: Schedule = { text: text.trim(), weekly: [], dated: [] };
  for (const raw of text.split(';')) {
    const entry = raw.trim();
    if (!entry) continue;
    const [when, what, extra] = entry.split(/\s+/);
    if (!when || !what || extra !== undefined) throw new Error(`shift "${entry}": expected "<days or date> <HH:MM-HH:MM or off>"`);
    if (/^\d{4}-\d{2}-\d{2}$/.test(when)) {
      if (!validDate(when)) throw new Error(`shift "${entry}": ${when} is not a calendar date`);
      if (what.toLowerCase() === 'off') {
        schedule.dated.push({ date: when, off: true });
        continue;
      }
      const range = parseRange(what);
      if (typeof range === 'string') throw new Error(`shift "${entry}": ${range}`);
      schedule.dated.push({ date: when, off: false, range });
      continue;
    }
    const days = parseDays(when);
    if (typeof days === 'string') throw new Error(`shift "${entry}": ${days}`);
    const range = parseRange(what);
    if (typeof range === 'string') throw new Error(`shift "${entry}": ${range}`);
    schedule.weekly.push({ days, ...range });
  }
  return schedule;
}

/** Local (Shanghai) date string and ISO weekday (1 = Monday) of the day `offsetDays` from `at`'s local day. */
function localDay(at: number, offsetDays: number): { date: string; weekday: number } {
  const local = new Date(at + SHANGHAI_OFFSET_MS + offsetDays * DAY_MS);
  return { date: local.toISOString().slice(0, 10), weekday: ((local.getUTCDay() + 6) % 7) + 1 };
}

/** The ranges that start on a local date: the dated exceptions for it if any, else its weekly shifts. */
function rangesOn(schedule: Schedule, day: { date: string; weekday: number }): ShiftRange[] {
  const dated = schedule.dated.filter((d) => d.date === day.date);
  if (dated.length) return dated.flatMap((d) => (d.off || !d.range ? [] : [d.range]));
  return schedule.weekly.filter((w) => w.days.includes(day.weekday));
}

/**
 * True when `at` (epoch ms) falls inside a shift, in Shanghai time.
 * @example isOnShift(parseSchedule('mon-fri 09:00-17:00'), Date.parse('2025-03-03T01:00:00Z')) // Monday 09:00 → true
 */
export function isOnShift(schedule: Schedule, at: number): boolean {
  // Shifts start and end on whole minutes, and the queue asks for every lawyer on every turn: answer once a minute.
  const epochMinute = Math.floor(at / 60_000);
  const known = lastAnswer.get(schedule);
  if (known?.minute === epochMinute) return known.onShift;
  const onShift = onShiftAt(schedule, at);
  lastAnswer.set(schedule, { minute: epochMinute, onShift });
  return onShift;
}

const lastAnswer = new WeakMap<Schedule, { minute: number; onShift: boolean }>();

function onShiftAt(schedule: Schedule, at: number): boolean {
  const minute = Math.floor(((at + SHANGHAI_OFFSET_MS) % DAY_MS) / 60_000);
  for (const r of rangesOn(schedule, localDay(at, 0))) {
    if (r.end > r.start ? minute >= r.start && minute < r.end : minute >= r.start) return true;
  }
  // Overnight shifts that started yesterday.
  for (const r of rangesOn(schedule, localDay(at, -1))) {
    if (r.end <= r.start && minute < r.end) return true;
  }
  return false;
}
