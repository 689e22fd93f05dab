/**
 * @module config/today
 * Today's date in China (Asia/Shanghai), the date the law is read as of: which statute versions are in force,
 * which are upcoming. `LAWLINE_TODAY=YYYY-MM-DD` fixes it (tests, or to preview a law before it takes effect).
 */
import { z } from 'zod';
import { ConfigError, formatZodIssues } from '../errors.js';

export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  // A round trip, because Date.parse rolls 2026-02-30 over into March instead of refusing it.
  .refine((s) => { const t = Date.parse(`${s}T00:00:00Z`); return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s; }, 'must be a real calendar date');

const todaySchema = z.object({ LAWLINE_TODAY: isoDateSchema.optional() });
/** en-CA formats as YYYY-MM-DD; built once (a formatter costs more than a whole answer's date arithmetic). */
const CHINA_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today as YYYY-MM-DD in China, or LAWLINE_TODAY when it is set. */
export function lawToday(env: NodeJS.ProcessEnv = process.env, now: Date = new Date()): string {
  const r = todaySchema.safeParse({ LAWLINE_TODAY: env.LAWLINE_TODAY });
  if (!r.success) throw new ConfigError(`invalid configuration: ${formatZodIssues(r.error)}`);
  if (r.data.LAWLINE_TODAY) return r.data.LAWLINE_TODAY;
  return CHINA_DATE.format(now);
}
