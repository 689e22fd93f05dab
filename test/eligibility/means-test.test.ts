import { describe, expect, test } from 'vitest';
import { checkEligibility } from '../../src/eligibility/check-eligibility.js';
import { region48k, shipped, withStandard } from './helpers.js';

// Line in region48k: 4,000 yuan/month per person; income test needs < 2,000, spending test < 4,000 (strict).
const civil = (household: object, extra: object = {}) => ({ id: 't', matter: 'labour_remuneration', household, ...extra });

describe('income test (粤府令第268号 Art. 3 item 1)', () => {
  test.each([
    ['exactly 50 %, one person', { size: 1, monthlyIncome: 2000 }, 'failed', 'not_eligible'],
    ['one yuan below 50 %', { size: 1, monthlyIncome: 1999 }, 'passed', 'eligible'],
    ['one fen below 50 %', { size: 1, monthlyIncome: 1999.99 }, 'passed', 'eligible'],
    ['exactly 50 % per capita, household of 3', { size: 3, monthlyIncome: 6000 }, 'failed', 'not_eligible'],
    ['one yuan below, household of 3', { size: 3, monthlyIncome: 5999 }, 'passed', 'eligible'],
    ['zero income', { size: 2, monthlyIncome: 0 }, 'passed', 'eligible'],
    ['well above', { size: 2, monthlyIncome: 20000 }, 'failed', 'not_eligible'],
  ])('%s → %s', (_name, household, meansTest, decision) => {
    const r = checkEligibility(civil(household), region48k);
    expect(r.meansTest).toBe(meansTest);
    expect(r.decision).toBe(decision);
  });

  test('exact arithmetic: a boundary where naive float division would wrongly pass', () => {
    // 6250.70 / 5 = 1250.14 = 30003.36 / 24 exactly; in floats the per-capita side compares as smaller.
    expect(6250.7 / 5 < (30003.36 / 12) * 0.5).toBe(true); // the float trap this test guards against
    const r = checkEligibility(civil({ size: 5, monthlyIncome: 6250.7 }), withStandard(30003.36));
    expect(r.meansTest).toBe('failed');
    expect(checkEligibility(civil({ size: 5, monthlyIncome: 6250.69 }), withStandard(30003.36)).meansTest).toBe('passed');
  });
});

describe('spending test (粤府令第268号 Art. 3 item 2)', () => {
  test.each([
    ['spending > income, income below 100 %', { size: 1, monthlyIncome: 3000, monthlySpending: 3001, spendingReason: 'serious_illness' }, 'passed'],
    ['income exactly 100 % of line', { size: 1, monthlyIncome: 4000, monthlySpending: 5000, spendingReason: 'accident' }, 'failed'],
    ['income one yuan below 100 %', { size: 1, monthlyIncome: 3999, monthlySpending: 5000, spendingReason: 'accident' }, 'passed'],
    ['spending equal to income', { size: 1, monthlyIncome: 3000, monthlySpending: 3000, spendingReason: 'emergency' }, 'failed'],
    ['spending below income', { size: 2, monthlyIncome: 6000, monthlySpending: 5000, spendingReason: 'full_time_student' }, 'failed'],
    ['no listed cause', { size: 1, monthlyIncome: 3000, monthlySpending: 9000 }, 'failed'],
    ['cause null', { size: 1, monthlyIncome: 3000, monthlySpending: 9000, spendingReason: null }, 'failed'],
    ['household of 4, per capita 3,500 < 4,000', { size: 4, monthlyIncome: 14000, monthlySpending: 15000, spendingReason: 'serious_illness' }, 'passed'],
    ['household of 4, per capita exactly 4,000', { size: 4, monthlyIncome: 16000, monthlySpending: 20000, spendingReason: 'serious_illness' }, 'failed'],
  ])('%s → %s', (_name, household, meansTest) => {
    expect(checkEligibility(civil(household), region48k).meansTest).toBe(meansTest);
  });

  test('cause stated but spending missing, income between 50 % and 100 % → unknown', () => {
    const r = checkEligibility(civil({ size: 1, monthlyIncome: 3000, spendingReason: 'serious_illness' }), region48k);
    expect([r.meansTest, r.decision]).toEqual(['unknown', 'needs_review']);
    expect(r.codes).toContain('means.spending_missing');
  });

  test('cause stated, spending missing, but income at 100 % → failed regardless of spending', () => {
    const r = checkEligibility(civil({ size: 1, monthlyIncome: 4000, spendingReason: 'serious_illness' }), region48k);
    expect(r.meansTest).toBe('failed');
  });
});

describe('assets and missing data', () => {
  test.each([
    ['zero income', { size: 1, monthlyIncome: 0, largeAssets: true }],
    ['spending test would pass', { size: 1, monthlyIncome: 3000, monthlySpending: 9000, spendingReason: 'accident', largeAssets: true }],
    ['no income stated', { largeAssets: true }],
  ])('largeAssets → failed (%s)', (_n, household) => {
    const r = checkEligibility(civil(household), region48k);
    expect([r.meansTest, r.decision]).toEqual(['failed', 'not_eligible']);
  });

  test('largeAssets fails even when the city figure is unset', () => {
    expect(checkEligibility(civil({ size: 1, monthlyIncome: 0, largeAssets: true }), shipped).meansTest).toBe('failed');
  });

  test.each([
    ['size missing', { monthlyIncome: 100 }],
    ['income missing', { size: 2 }],
    ['no household at all', undefined],
  ])('%s → unknown / needs_review', (_n, household) => {
    const r = checkEligibility({ id: 't', matter: 'support_payment', ...(household ? { household } : {}) }, region48k);
    expect([r.meansTest, r.decision]).toEqual(['unknown', 'needs_review']);
  });

  test('assets not stated: passes but says the no-large-assets condition was assumed', () => {
    const r = checkEligibility(civil({ size: 1, monthlyIncome: 100 }), region48k);
    expect(r.codes).toContain('means.assets_assumed');
    const r2 = checkEligibility(civil({ size: 1, monthlyIncome: 100, largeAssets: false }), region48k);
    expect(r2.codes).not.toContain('means.assets_assumed');
  });
});

describe('hardship standard source', () => {
  test('shipped config has no Qingyuan figure → unknown, needs_review, formula and 12348 explained', () => {
    const r = checkEligibility(civil({ size: 1, monthlyIncome: 0 }), shipped);
    expect([r.meansTest, r.decision]).toEqual(['unknown', 'needs_review']);
    const text = r.reasons.join('');
    expect(text).toContain('12348');
    expect(text).toContain('50%');
    expect(text).toContain('除以12');
  });

  test('request standard is used when the config is unset', () => {
    const r = checkEligibility(civil({ size: 1, monthlyIncome: 1999 }, { standard: { cityUrbanIncomePerYear: 48000 } }), shipped);
    expect([r.meansTest, r.decision]).toEqual(['passed', 'eligible']);
    expect(r.codes).toContain('means.standard_override');
  });

  test('request standard overrides a configured figure', () => {
    // 2,500 fails against 48,000 (line 2,000) but passes against 72,000 (line 3,000).
    const input = civil({ size: 1, monthlyIncome: 2500 });
    expect(checkEligibility(input, region48k).meansTest).toBe('failed');
    expect(checkEligibility({ ...input, standard: { cityUrbanIncomePerYear: 72000 } }, region48k).meansTest).toBe('passed');
  });

  test('configured figure is cited with its year', () => {
    const r = checkEligibility(civil({ size: 1, monthlyIncome: 1000 }), region48k);
    expect(r.codes).toContain('means.standard_config');
    expect(r.reasons.join('')).toContain('2099年');
  });
});
