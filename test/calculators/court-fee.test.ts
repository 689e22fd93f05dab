// 诉讼费用交纳办法 Art. 13 (一): 50 元 up to 10,000 元, then 2.5% / 2% / 1.5% / 1% / 0.9% / 0.8% / 0.7% / 0.6% / 0.5%
// on the parts over 1万 / 10万 / 20万 / 50万 / 100万 / 200万 / 500万 / 1000万 / 2000万. Each band worked by hand below.
import { describe, expect, it } from 'vitest';
import { calculateUnchecked, loadCalculatorData } from '../../src/calculators/calculate.js';

const data = loadCalculatorData();
const fee = (body: object) => calculateUnchecked({ kind: 'court_fee', ...body }, data, '2025-06-01');

describe('court_fee, property cases (Art. 13 (一))', () => {
  it.each([
    [5_000, 50], // within the first band: 50 per case
    [10_000, 50], // the band's top: still 50
    [50_000, 1_050], // 50 + 40,000 × 2.5% (1,000)
    [150_000, 3_300], // 50 + 2,250 + 50,000 × 2% (1,000)
    [300_000, 5_800], // 50 + 2,250 + 2,000 + 100,000 × 1.5% (1,500)
    [800_000, 11_800], // 50 + 2,250 + 2,000 + 4,500 + 300,000 × 1% (3,000)
    [1_500_000, 18_300], // … + 5,000 + 500,000 × 0.9% (4,500)
    // 2,000,000: 50 + 90,000×2.5% (2,250) + 100,000×2% (2,000) + 300,000×1.5% (4,500) + 500,000×1% (5,000)
    //            + 1,000,000×0.9% (9,000) = 22,800.
    [2_000_000, 22_800],
    [3_000_000, 30_800], // 22,800 + 1,000,000 × 0.8% (8,000)
    [8_000_000, 67_800], // 22,800 + 3,000,000 × 0.8% (24,000) + 3,000,000 × 0.7% (21,000)
    [15_000_000, 111_800], // 46,800 + 5,000,000 × 0.7% (35,000) + 5,000,000 × 0.6% (30,000)
    [30_000_000, 191_800], // 81,800 + 10,000,000 × 0.6% (60,000) + 10,000,000 × 0.5% (50,000)
    [12_345.67, 108.64], // 50 + 2,345.67 × 2.5% (58.64175) = 108.64175 → 108.64
  ])('a claim of %d 元 pays %d 元', (claimAmount, amount) => {
    const r = fee({ caseType: 'property', claimAmount });
    expect(r.result.amount).toBe(amount);
    expect(r.basis).toContainEqual({ law: '诉讼费用交纳办法', article: 13, paragraph: 1 });
  });

  it('halves the fee under the simple procedure (Art. 16)', () => {
    const r = fee({ caseType: 'property', claimAmount: 2_000_000, procedure: 'simple' });
    expect(r.result.amount).toBe(11_400);
    expect(r.basis).toContainEqual({ law: '诉讼费用交纳办法', article: 16 });
  });

  it('names deferral, reduction and waiver for hardship (Arts. 44–48)', () => {
    const r = fee({ caseType: 'property', claimAmount: 50_000 });
    expect(r.steps.join()).toMatch(/缓交.*减交.*免交/);
    expect(r.basis).toContainEqual({ law: '诉讼费用交纳办法', article: 44, paragraph: 1 });
  });

  it('needs the claim amount', () => {
    expect(() => fee({ caseType: 'property' })).toThrow(/claimAmount/);
  });
});

describe('court_fee, divorce and labour (Art. 13 (二), (四))', () => {
  it('divorce is 50–300 元 plus 0.5% of property over 200,000 元', () => {
    // 500,000 of property: 300,000 × 0.5% = 1,500 → 1,550 to 1,800; simple procedure halves: 775 to 900.
    expect(fee({ caseType: 'divorce', claimAmount: 500_000 }).result).toMatchObject({ minAmount: 1_550, maxAmount: 1_800 });
    expect(fee({ caseType: 'divorce', claimAmount: 500_000, procedure: 'simple' }).result).toMatchObject({ minAmount: 775, maxAmount: 900 });
    // Property up to 200,000 adds nothing.
    const small = fee({ caseType: 'divorce', claimAmount: 200_000 });
    expect(small.result).toMatchObject({ minAmount: 50, maxAmount: 300 });
    expect(small.missing.join()).toMatch(/广东省/);
  });

  it('labour disputes are 10 元, 5 元 under the simple procedure', () => {
    expect(fee({ caseType: 'labour' }).result.amount).toBe(10);
    expect(fee({ caseType: 'labour', procedure: 'simple' }).result.amount).toBe(5);
  });
});
