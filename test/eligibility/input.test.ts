import { describe, expect, test } from 'vitest';
import { checkEligibility, EligibilityInputError } from '../../src/eligibility/check-eligibility.js';
import { shipped } from './helpers.js';

const base = { id: 'v', matter: 'support_payment' };

function errorOf(input: unknown): EligibilityInputError {
  try {
    checkEligibility(input, shipped);
  } catch (err) {
    if (err instanceof EligibilityInputError) return err;
    throw err;
  }
  throw new Error('expected an EligibilityInputError');
}

describe('invalid input names the field', () => {
  test.each([
    ['not an object', 'oops', '(root)'],
    ['missing id', { matter: 'other_civil' }, 'id:'],
    ['empty id', { ...base, id: '' }, 'id:'],
    ['unknown matter', { ...base, matter: 'divorce' }, 'matter:'],
    ['household size zero', { ...base, household: { size: 0 } }, 'household.size: expected a positive integer'],
    ['household size fractional', { ...base, household: { size: 2.5 } }, 'household.size: expected a positive integer'],
    ['household size as string', { ...base, household: { size: '3' } }, 'household.size: expected a positive integer'],
    ['negative income', { ...base, household: { monthlyIncome: -1 } }, 'household.monthlyIncome:'],
    ['income with three decimals', { ...base, household: { monthlyIncome: 1.005 } }, 'household.monthlyIncome:'],
    ['unknown group', { ...base, applicant: { groups: ['student'] } }, 'applicant.groups[0]:'],
    ['bad disability', { ...base, applicant: { disability: 'physical' } }, 'applicant.disability:'],
    ['negative age', { ...base, applicant: { age: -3 } }, 'applicant.age:'],
    ['bad spending reason', { ...base, household: { spendingReason: 'wedding' } }, 'household.spendingReason:'],
    ['bad sentence', { ...base, criminal: { possibleSentence: 'ten_years' } }, 'criminal.possibleSentence:'],
    ['hasDefender as string', { ...base, criminal: { hasDefender: 'no' } }, 'criminal.hasDefender:'],
    ['standard zero', { ...base, standard: { cityUrbanIncomePerYear: 0 } }, 'standard.cityUrbanIncomePerYear:'],
    ['typo key in household', { ...base, household: { monthly_income: 100 } }, 'household: Unrecognized key'],
    ['unknown county', { ...base, county: '广州市' }, 'county: unknown county-level unit "广州市"'],
  ])('%s', (_n, input, expected) => {
    const err = errorOf(input);
    expect(err.message).toContain(expected);
  });

  test('every failing field is reported', () => {
    const err = errorOf({ id: 'v', matter: 'x', household: { size: -1 } });
    expect(err.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['matter', 'household.size']));
  });
});

describe('valid minimal and county forms', () => {
  test('id and matter alone are enough', () => {
    expect(checkEligibility(base, shipped).id).toBe('v');
  });

  test.each([
    ['英德市', '英德市'],
    ['英德', '英德市'],
    ['连山', '连山壮族瑶族自治县'],
    ['连南', '连南瑶族自治县'],
    ['清远市', null],
  ])('county %s resolves to %s', (county, expected) => {
    expect(checkEligibility({ ...base, county }, shipped).whereToApply.county).toBe(expected);
  });

  test('null disability and null spending reason are accepted', () => {
    const r = checkEligibility({ ...base, applicant: { disability: null }, household: { spendingReason: null } }, shipped);
    expect(r.decision).toBe('needs_review');
  });
});
