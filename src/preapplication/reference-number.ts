/**
 * @module preapplication/reference-number
 * Reference numbers like `LA-20261126-4821`: the submission date in China time plus four random digits.
 */
import { randomInt } from 'node:crypto';

/** Matches a reference number in free text (after NFKC, so full-width characters count too). */
const IN_TEXT = /LA[\s\-－—_]*(\d{8})[\s\-－—_]*(\d{4})(?!\d)/i;
/** The canonical form. */
export const REFERENCE_PATTERN = /^LA-\d{8}-\d{4}$/;

function chinaDate(date: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(date)
    .replaceAll('-', '');
}

/**
 * A new reference number (uniqueness is the store's job: it retries on a clash).
 * @example newReferenceNumber(new Date('2026-11-26T03:00:00Z')) // "LA-20261126-0427"
 */
export function newReferenceNumber(date: Date = new Date(), random: (max: number) => number = randomInt): string {
  return `LA-${chinaDate(date)}-${String(random(10_000)).padStart(4, '0')}`;
}

/** The first reference number written in `text`, in canonical form, or null. */
export function findReferenceNumber(text: string): string | null {
  const m = IN_TEXT.exec(text.normalize('NFKC'));
  return m ? `LA-${m[1]}-${m[2]}` : null;
}
