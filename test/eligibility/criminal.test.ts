import { describe, expect, test } from 'vitest';
import { checkEligibility } from '../../src/eligibility/check-eligibility.js';
import { region48k, shipped } from './helpers.js';

const rich = { size: 1, monthlyIncome: 100000, largeAssets: true };
const defence = (extra: object) => ({ id: 'c', matter: 'criminal_defence', household: rich, ...extra });

describe('mandatory defence (法律援助法 Art. 25(1), Art. 28): eligible, no means test', () => {
  test.each([
    ['minor by age', { applicant: { age: 17 } }, 'criminal.ground.minor', '法律援助法第二十五条'],
    ['minor by group', { applicant: { groups: ['minor'] } }, 'criminal.ground.minor', '法律援助法第二十五条'],
    ['visual disability', { applicant: { age: 40, disability: 'visual' } }, 'criminal.ground.sensory', '法律援助法第二十五条'],
    ['hearing disability', { applicant: { disability: 'hearing' } }, 'criminal.ground.sensory', '法律援助法第二十五条'],
    ['speech disability', { applicant: { disability: 'speech' } }, 'criminal.ground.sensory', '法律援助法第二十五条'],
    ['adult not fully able to recognise conduct', { applicant: { age: 30, disability: 'mental_partial' } }, 'criminal.ground.mental', '法律援助法第二十五条'],
    ['possible life or death sentence', { criminal: { possibleSentence: 'life_or_death' } }, 'criminal.ground.life_or_death', '法律援助法第二十六条'],
    ['death-penalty review', { criminal: { deathPenaltyReview: true } }, 'criminal.ground.death_review', '法律援助法第二十六条'],
    ['tried in absentia', { criminal: { inAbsentia: true } }, 'criminal.ground.in_absentia', '法律援助法第二十五条'],
    ['compulsory medical treatment', { criminal: { compulsoryMedical: true } }, 'criminal.ground.compulsory_medical', '法律援助法第二十八条'],
  ])('%s', (_n, extra, code, article) => {
    const r = checkEligibility(defence(extra), shipped);
    expect([r.decision, r.meansTest]).toEqual(['eligible', 'exempt']);
    expect(r.codes).toContain(code);
    expect(r.basis).toContain(article);
    // The authority must notify within 3 days and legal aid must assign within 3 days (Art. 36).
    expect(r.basis).toContain('法律援助法第三十六条');
    expect(r.nextSteps.join('')).toContain('三日内');
    expect(r.codes).toContain('criminal.duty_lawyer');
  });

  test('a minor with a mental disability is covered by the minor ground, not the adult one', () => {
    const r = checkEligibility(defence({ applicant: { age: 16, disability: 'mental_partial' } }), shipped);
    expect(r.codes).toContain('criminal.ground.minor');
    expect(r.codes).not.toContain('criminal.ground.mental');
  });

  test('death-penalty review tells the defendant to apply', () => {
    const r = checkEligibility(defence({ criminal: { deathPenaltyReview: true } }), shipped);
    expect(r.materials.join('')).toContain('被告人本人提出');
  });
});

describe('defender already retained', () => {
  test.each([
    ['no other facts', {}],
    ['even with a mandatory ground', { applicant: { age: 15 }, criminal: { possibleSentence: 'life_or_death' } }],
    ['even when poor', { household: { size: 1, monthlyIncome: 0 } }],
  ])('hasDefender → not_eligible, meansTest null (%s)', (_n, extra) => {
    const input = defence(extra) as { criminal?: object };
    const r = checkEligibility({ ...input, criminal: { ...(input.criminal ?? {}), hasDefender: true } }, region48k);
    expect([r.decision, r.meansTest]).toEqual(['not_eligible', null]);
    expect(r.codes).toContain('criminal.has_defender');
    expect(r.materials).toEqual([]);
  });
});

describe('ordinary defence under Art. 24', () => {
  test.each([
    ['poor', { size: 2, monthlyIncome: 1000 }, 'passed', 'eligible'],
    ['not poor', { size: 1, monthlyIncome: 9000 }, 'failed', 'not_eligible'],
    ['income unknown', undefined, 'unknown', 'needs_review'],
  ])('%s → %s', (_n, household, meansTest, decision) => {
    const r = checkEligibility({ id: 'c', matter: 'criminal_defence', ...(household ? { household } : {}), criminal: { possibleSentence: 'other' } }, region48k);
    expect([r.meansTest, r.decision]).toEqual([meansTest, decision]);
    expect(r.basis).toContain('法律援助法第二十四条');
    // A duty lawyer is available to every suspect without a defender (Art. 30), whatever the means test says.
    expect(r.nextSteps.join('')).toContain('值班律师');
    expect(r.basis).toContain('法律援助法第三十条');
  });

  test('disabled without a stated type: ordinary route, with a hint about Art. 25 types', () => {
    const r = checkEligibility({ id: 'c', matter: 'criminal_defence', applicant: { groups: ['disabled'] }, household: { size: 1, monthlyIncome: 9000 } }, region48k);
    expect(r.decision).toBe('not_eligible');
    expect(r.codes).toContain('criminal.disability_unspecified');
  });

  test('Art. 42 waiver still applies to a defence application', () => {
    const r = checkEligibility({ id: 'c', matter: 'criminal_defence', applicant: { age: 70, groups: ['no_stable_income'] } }, shipped);
    expect([r.decision, r.meansTest]).toEqual(['eligible', 'verification_waived']);
  });

  test('Art. 32 groups do not exempt a defendant', () => {
    const r = checkEligibility({ id: 'c', matter: 'criminal_defence', applicant: { groups: ['abuse_victim', 'bravery'] }, household: rich }, region48k);
    expect([r.decision, r.meansTest]).toEqual(['not_eligible', 'failed']);
    expect(r.codes).toContain('exempt.na.criminal_defence');
  });
});
