/**
 * @module stats/china-day
 * Days as the bureau counts them: China dates (Asia/Shanghai, UTC+8 all year, no daylight saving).
 */
const CHINA_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
const DAY_MS = 24 * 60 * 60 * 1000;

/** The China date (YYYY-MM-DD) of an instant. */
export const chinaDay = (ms: number): string => CHINA_DATE.format(new Date(ms));

/** Epoch ms of 00:00 in China on `day`. */
export const chinaDayStart = (day: string): number => Date.parse(`${day}T00:00:00+08:00`);

/** Every date from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let ms = chinaDayStart(from); ms <= chinaDayStart(to); ms += DAY_MS) out.push(chinaDay(ms));
  return out;
}
