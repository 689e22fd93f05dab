/**
 * @module calculators/fen
 * Money as integer fen (分). Inputs and results are 元 numbers exact to the fen; every sum, product and share is
 * done on integers, and a share that falls between two fen is rounded half up once, where the step says so.
 */

/** 元 (a number with at most two decimals) → fen. Throws on more decimals: the caller's schema refuses them first. */
export function toFen(yuan: number): number {
  const fen = Math.round(yuan * 100);
  if (Math.abs(fen - yuan * 100) > 1e-6) throw new RangeError(`${yuan} is not exact to the fen`);
  return fen;
}

/** fen → 元 number (2 decimals at most). */
export function toYuan(fen: number): number {
  return fen / 100;
}

/**
 * fen × numerator ÷ denominator, rounded half up to the fen (all integers, so no float error).
 * @example share(100_001, 1, 2) // 50_001 (500.005 元 → 500.01 元)
 */
export function share(fen: number, numerator: number, denominator: number): number {
  const n = BigInt(fen) * BigInt(numerator);
  const d = BigInt(denominator);
  const q = n / d;
  const r = n % d;
  return Number(r * 2n >= d ? q + 1n : q);
}

/** 12,345.60元 — thousands separated, always two decimals. */
export function yuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}元`;
}
