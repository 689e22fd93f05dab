/**
 * @module eligibility/means-test
 * Guangdong economic-hardship test (粤府令第268号 Art. 3) on exact integer arithmetic in fen.
 *
 * line = previous-year city urban per-capita disposable income ÷ 12. The household passes when
 *  (a) per-capita monthly income < 50 % of line, or
 *  (b) a listed cause (emergency, accident, serious illness, full-time student) made monthly spending exceed monthly
 *      income AND per-capita monthly income < 100 % of line,
 * and no large assets are held. Both comparisons are strict.
 */
import { GUANGDONG_HARDSHIP_MEASURES } from './laws.js';
import type { EligibilityInput, LawRef } from './schema.js';
import type { Trace } from './trace.js';

export type MeansTestStatus = 'passed' | 'failed' | 'unknown';

/** Every means-test reason cites the Guangdong measures, Art. 3 (the hardship standard). */
const MEANS_TEST_BASIS: LawRef = { law: GUANGDONG_HARDSHIP_MEASURES, article: 3 };

/** Where the yearly income figure came from. */
export interface HardshipFigure {
  perYear: number | null;
  origin: 'request' | 'config';
  year?: number | null;
  source?: string | null;
}

function fen(yuan: number): bigint {
  return BigInt(Math.round(yuan * 100));
}

// Display only; the decision itself never uses these rounded strings.
function yuan(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2);
}

/**
 * Runs the means test and records its reasoning in `trace`.
 * @returns passed, failed, or unknown when a figure needed for the answer is missing
 */
export function runMeansTest(household: EligibilityInput['household'], figure: HardshipFigure, trace: Trace): MeansTestStatus {
  const h = household ?? {};
  // Large assets disqualify on their own, whatever the income (Art. 3 opening clause).
  if (h.largeAssets === true) {
    trace.reason('means.large_assets', [MEANS_TEST_BASIS]);
    return 'failed';
  }
  if (figure.perYear === null) {
    trace.reason('means.standard_unset', [MEANS_TEST_BASIS]);
    return 'unknown';
  }
  const perYear = figure.perYear;
  const line = { half: yuan(perYear / 24), full: yuan(perYear / 12), perYear: yuan(perYear) };
  if (figure.origin === 'request') trace.reason('means.standard_override', [MEANS_TEST_BASIS], line);
  else trace.reason('means.standard_config', [MEANS_TEST_BASIS], { ...line, year: figure.year ?? '', source: figure.source ?? '' });

  const missing = [h.size === undefined ? '家庭人口数' : null, h.monthlyIncome === undefined ? '家庭月收入' : null].filter(
    (x): x is string => x !== null,
  );
  if (h.size === undefined || h.monthlyIncome === undefined) {
    trace.reason('means.household_missing', [MEANS_TEST_BASIS], { fields: missing.join('、') });
    return 'unknown';
  }
  const size = BigInt(h.size);
  const income = fen(h.monthlyIncome);
  const perYearFen = fen(perYear);
  const perCapita = yuan(h.monthlyIncome / h.size);
  // income/size < perYear/12 × 50 %  ⇔  income × 24 < perYear × size (no division, no rounding).
  const belowHalf = income * 24n < perYearFen * size;
  const belowFull = income * 12n < perYearFen * size;
  const params = { perCapita, ...line };

  let status: MeansTestStatus;
  if (belowHalf) {
    trace.reason('means.income_passed', [MEANS_TEST_BASIS], params);
    status = 'passed';
  } else {
    trace.reason('means.income_failed', [MEANS_TEST_BASIS], params);
    status = spendingTest(h, income, belowFull, params, trace);
  }
  if (status === 'passed' && h.largeAssets === undefined) trace.reason('means.assets_assumed', [MEANS_TEST_BASIS]);
  return status;
}

function spendingTest(
  h: NonNullable<EligibilityInput['household']>,
  income: bigint,
  belowFull: boolean,
  params: Record<string, string>,
  trace: Trace,
): MeansTestStatus {
  const reason = h.spendingReason ?? null;
  const spendingAbove = h.monthlySpending !== undefined && fen(h.monthlySpending) > income;
  if (reason === null) {
    if (spendingAbove) trace.reason('means.spending_no_reason', [MEANS_TEST_BASIS]);
    return 'failed';
  }
  const p = { ...params, reason: `@means.cause.${reason}` };
  if (!belowFull) {
    trace.reason('means.spending_income_too_high', [MEANS_TEST_BASIS], p);
    return 'failed';
  }
  // The cause is stated and income is under the full line, so the answer hinges on the missing spending figure.
  if (h.monthlySpending === undefined) {
    trace.reason('means.spending_missing', [MEANS_TEST_BASIS], p);
    return 'unknown';
  }
  if (!spendingAbove) {
    trace.reason('means.spending_not_above', [MEANS_TEST_BASIS], p);
    return 'failed';
  }
  trace.reason('means.spending_passed', [MEANS_TEST_BASIS], p);
  return 'passed';
}
