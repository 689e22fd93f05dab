// Statute-derived cases for the labour calculators. Each expected figure is worked by hand in the comment next to
// it from 劳动合同法 Arts. 47/82/87, 实施条例 Arts. 6/7/25/27, 劳动法 Art. 44 and 工伤保险条例 Arts. 35–37/64.
import { describe, expect, it } from 'vitest';
import { calculateUnchecked, loadCalculatorData, type CalculatorData } from '../../src/calculators/calculate.js';
import type { CalculationResult } from '../../src/calculators/calculation-result.js';

const data: CalculatorData = loadCalculatorData();
/** The same data with a local average monthly wage configured, as staff would once a source is found. */
const withAverage = (value: number): CalculatorData => ({
  ...data, figures: { ...data.figures, localAverageMonthlyWage: { value, year: 2024, confirmed: false, source: 'https://example.invalid/test' } },
});
const run = (body: object, d: CalculatorData = data): CalculationResult => calculateUnchecked(body, d, '2025-06-01');
const cites = (r: CalculationResult, law: string, article: number, paragraph?: number) =>
  r.basis.some((b) => b.law === law && b.article === article && (paragraph === undefined || b.paragraph === paragraph));

describe('severance (经济补偿, 劳动合同法 Art. 47)', () => {
  it.each([
    // 2023-01-01..2023-06-30: exactly six months → "六个月以上不满一年的，按一年计算" → N = 1 → 6000.
    ['exactly 6 months', '2023-01-01', '2023-06-30', 1, 6000],
    // ..2023-06-29: five months and 29 days → "不满六个月的…半个月" → N = 0.5 → 3000.
    ['a day under 6 months', '2023-01-01', '2023-06-29', 0.5, 3000],
    // ..2023-07-01: six months and a day → N = 1 → 6000.
    ['a day over 6 months', '2023-01-01', '2023-07-01', 1, 6000],
    // 2020-03-01..2023-09-30: 3 years 7 months → 3 + 1 → N = 4 → 24000.
    ['3 years 7 months', '2020-03-01', '2023-09-30', 4, 24000],
    // 2020-03-01..2023-03-20: 3 years and 20 days → 3 + 0.5 → N = 3.5 → 21000.
    ['3 years and some days', '2020-03-01', '2023-03-20', 3.5, 21000],
  ])('%s', (_name, startDate, endDate, months, amount) => {
    const r = run({ kind: 'severance', startDate, endDate, monthlyWage: 6000 });
    expect(r.result).toMatchObject({ months, amount });
    expect(cites(r, '劳动合同法', 47, 1)).toBe(true);
    expect(r.steps.join('\n')).toContain(`N＝${months}`);
  });

  it('caps the wage at three times the local average and N at 12 (Art. 47 ¶2)', () => {
    // 2009-01-01..2023-12-31 is 15 full years. Wage 30000 > 3 × 8000 = 24000 → 24000 × min(15, 12) = 288000.
    const r = run({ kind: 'severance', startDate: '2009-01-01', endDate: '2023-12-31', monthlyWage: 30000, localAverageMonthlyWage: 8000 });
    expect(r.result).toMatchObject({ amount: 288000, months: 12, monthlyWage: 24000 });
    expect(cites(r, '劳动合同法', 47, 2)).toBe(true);
  });

  it('keeps N above 12 when the wage is under the cap', () => {
    // Wage 20000 ≤ 24000: no cap, so the 12-year limit does not apply: 20000 × 15 = 300000.
    const r = run({ kind: 'severance', startDate: '2009-01-01', endDate: '2023-12-31', monthlyWage: 20000, localAverageMonthlyWage: 8000 });
    expect(r.result).toMatchObject({ amount: 300000, months: 15 });
  });

  it('caps the wage but not N when N is under 12', () => {
    // 2019-01-01..2023-12-31: 5 years; 24000 × 5 = 120000.
    const r = run({ kind: 'severance', startDate: '2019-01-01', endDate: '2023-12-31', monthlyWage: 30000 }, withAverage(8000));
    expect(r.result).toMatchObject({ amount: 120000, months: 5 });
    expect(r.assumptions.join()).toMatch(/8000元.*12348/);
  });

  it('says it could not apply the cap when the local average wage is unset', () => {
    const r = run({ kind: 'severance', startDate: '2019-01-01', endDate: '2023-12-31', monthlyWage: 30000 });
    expect(r.result.amount).toBe(150000);
    expect(r.missing.join()).toMatch(/localAverageMonthlyWage/);
  });

  it('raises an average below the minimum wage to it, and says the figure is unconfirmed (实施条例 Art. 27)', () => {
    // Ended 2025-04-30: Qingyuan's minimum from 2025-03-01 is 1750 (unconfirmed). 2024-05-01..2025-04-30 → N = 1.
    const r = run({ kind: 'severance', startDate: '2024-05-01', endDate: '2025-04-30', monthlyWage: 1500 });
    expect(r.result).toMatchObject({ amount: 1750, monthlyWage: 1750 });
    expect(cites(r, '劳动合同法实施条例', 27)).toBe(true);
    expect(r.assumptions.join()).toMatch(/1750元.*12348/);
    // The same wage ending in 2024 meets the 2021 figure, 1620.
    expect(run({ kind: 'severance', startDate: '2023-05-01', endDate: '2024-04-30', monthlyWage: 1500 }).result.amount).toBe(1620);
  });

  it('counts severance from 2008-01-01 and names the earlier years as not computed (Art. 97 ¶3)', () => {
    // 2008-01-01..2010-02-28 is 2 years 2 months → N = 2.5 → 5000 × 2.5 = 12500.
    const r = run({ kind: 'severance', startDate: '2005-03-01', endDate: '2010-02-28', monthlyWage: 5000 });
    expect(r.result).toMatchObject({ amount: 12500, months: 2.5 });
    expect(cites(r, '劳动合同法', 97, 3)).toBe(true);
    expect(r.missing.join()).toMatch(/2008年1月1日以前/);
  });

  it('rounds half a fen up', () => {
    // 3333.33 × 0.5 = 1666.665 → 1666.67.
    expect(run({ kind: 'severance', startDate: '2024-01-01', endDate: '2024-03-31', monthlyWage: 3333.33 }).result.amount).toBe(1666.67);
  });
});

describe('unlawful_termination (赔偿金, Art. 87)', () => {
  it('is twice the severance', () => {
    // N = 4 (3 years 7 months) → 6000 × 4 × 2 = 48000.
    const r = run({ kind: 'unlawful_termination', startDate: '2020-03-01', endDate: '2023-09-30', monthlyWage: 6000 });
    expect(r.result).toMatchObject({ amount: 48000, months: 8 });
    expect(cites(r, '劳动合同法', 87)).toBe(true);
  });

  it('counts from the first day of work, before 2008 too (实施条例 Art. 25)', () => {
    // 2005-03-01..2010-02-28 is exactly 5 years → 2 × 5 × 5000 = 50000.
    const r = run({ kind: 'unlawful_termination', startDate: '2005-03-01', endDate: '2010-02-28', monthlyWage: 5000 });
    expect(r.result.amount).toBe(50000);
    expect(cites(r, '劳动合同法实施条例', 25)).toBe(true);
  });
});

describe('notice_pay (代通知金, Art. 40)', () => {
  it('is one month at the previous month\'s wage', () => {
    const r = run({ kind: 'notice_pay', monthlyWage: 4321.5 });
    expect(r.result).toMatchObject({ amount: 4321.5, months: 1 });
    expect(cites(r, '劳动合同法', 40) && cites(r, '劳动合同法实施条例', 20)).toBe(true);
  });
});

describe('no_contract_double_wage (Art. 82, 实施条例 Arts. 6–7)', () => {
  it('stops at 11 months however long there was no contract', () => {
    // Started 2023-01-01, left 2024-06-30 without a contract: 2023-02-01 to 2023-12-30 → 11 months × 5000 = 55000.
    const r = run({ kind: 'no_contract_double_wage', startDate: '2023-01-01', endDate: '2024-06-30', monthlyWage: 5000 });
    expect(r.result).toMatchObject({ amount: 55000, months: 11 });
    expect(cites(r, '劳动合同法', 82, 1) && cites(r, '劳动合同法实施条例', 7)).toBe(true);
    expect(r.assumptions.join()).toMatch(/一年/);
  });

  it('counts whole months to the day before the contract was signed', () => {
    // Signed 2024-04-01: 2024-02-01..2024-03-31 → 2 months × 5000 = 10000.
    const r = run({ kind: 'no_contract_double_wage', startDate: '2024-01-01', endDate: '2024-04-01', monthlyWage: 5000, contractSigned: true });
    expect(r.result).toMatchObject({ amount: 10000, months: 2, days: 0 });
  });

  it('shares a broken month by its calendar days', () => {
    // Left 2024-06-15: 2024-02-01..2024-06-15 → 4 months + 15 days of June (30 days): 20000 + 5000 × 15 / 30 = 22500.
    expect(run({ kind: 'no_contract_double_wage', startDate: '2024-01-01', endDate: '2024-06-15', monthlyWage: 5000 }).result.amount).toBe(22500);
  });

  it('gives nothing within the first month', () => {
    expect(run({ kind: 'no_contract_double_wage', startDate: '2024-01-01', endDate: '2024-01-31', monthlyWage: 5000 }).result.amount).toBe(0);
  });
});

describe('overtime (劳动法 Art. 44)', () => {
  it('pays 150%, 200% and 300% of the hourly wage', () => {
    // 5220 ÷ 174 = 30 元/h. 10h × 30 × 1.5 = 450; 8h × 30 × 2 = 480; 8h × 30 × 3 = 720; total 1650.
    const r = run({ kind: 'overtime', monthlyWage: 5220, weekdayHours: 10, restDayHours: 8, holidayHours: 8 });
    expect(r.result).toMatchObject({ amount: 1650, weekdayPay: 450, restDayPay: 480, holidayPay: 720, hourlyWage: 30 });
    expect(cites(r, '劳动法', 44)).toBe(true);
  });

  it('rounds each kind to the fen', () => {
    // 5000 × 1.5 × 1.5h ÷ 174 = 64.655… → 64.66.
    expect(run({ kind: 'overtime', monthlyWage: 5000, weekdayHours: 1.5 }).result.amount).toBe(64.66);
  });
});

describe('work_injury_disability (工伤保险条例 Arts. 35–37)', () => {
  it.each([
    [1, 27, 35], [2, 25, 35], [3, 23, 35], [4, 21, 35], [5, 18, 36], [6, 16, 36], [7, 13, 37], [8, 11, 37], [9, 9, 37], [10, 7, 37],
  ])('grade %i is %i months (Art. %i)', (grade, months, article) => {
    const r = run({ kind: 'work_injury_disability', grade, monthlyWage: 5000 });
    expect(r.result).toMatchObject({ months, amount: months * 5000 });
    expect(cites(r, '工伤保险条例', article, 1)).toBe(true);
    expect(r.missing.join()).toMatch(/regionalAverageMonthlyWage/);
  });

  it('holds the wage within 60%–300% of the pool average (Art. 64 ¶2)', () => {
    // Average 6000: 20000 > 18000 → 18000 × 7 (grade 10) = 126000; 3000 < 3600 → 3600 × 27 (grade 1) = 97200.
    expect(run({ kind: 'work_injury_disability', grade: 10, monthlyWage: 20000, regionalAverageMonthlyWage: 6000 }).result.amount).toBe(126000);
    expect(run({ kind: 'work_injury_disability', grade: 1, monthlyWage: 3000, regionalAverageMonthlyWage: 6000 }).result.amount).toBe(97200);
  });
});

describe('bad input', () => {
  it.each([
    [{ kind: 'severance', startDate: '2020-01-01', endDate: '2020-02-30', monthlyWage: 5000 }, /endDate/],
    [{ kind: 'severance', startDate: '2020-01-01', endDate: '2021-01-01', monthlyWage: 5000.001 }, /monthlyWage.*fen/],
    [{ kind: 'severance', startDate: '2021-01-01', endDate: '2020-01-01', monthlyWage: 5000 }, /endDate/],
    [{ kind: 'work_injury_disability', grade: 11, monthlyWage: 5000 }, /grade/],
    [{ kind: 'overtime', monthlyWage: 5000 }, /weekdayHours/],
    [{ kind: 'salary', monthlyWage: 5000 }, /kind/],
    [{ kind: 'notice_pay', monthlyWage: 5000, wage: 1 }, /wage/],
  ])('%j names the field', (body, field) => {
    expect(() => run(body)).toThrow(field);
  });
});

describe('severance for employment that ended before 2008', () => {
  it('computes no years under the law and names the earlier rules', () => {
    // Art. 97 ¶3: years count from 2008-01-01; employment that ended in 2007 has none (and this is not guessed).
    const r = run({ kind: 'severance', startDate: '2003-01-01', endDate: '2007-06-30', monthlyWage: 5000 });
    expect(r.result).toMatchObject({ amount: 0, months: 0 });
    expect(r.missing.join()).toMatch(/当时的有关规定/);
  });
});
