import { describe, expect, test } from 'vitest';
import { checkEligibility } from '../../src/eligibility/check-eligibility.js';
import { region48k, shipped } from './helpers.js';

const rich = { size: 1, monthlyIncome: 100000, largeAssets: true };
const run = (matter: string, groups: string[], household: object = rich, applicant: object = {}) =>
  checkEligibility({ id: 'e', matter, applicant: { groups, ...applicant }, household }, region48k);

describe('Art. 32: no hardship condition, even with high income and large assets', () => {
  test.each([
    ['martyr_relative', 'other_civil'],
    ['martyr_relative', 'criminal_victim'],
    ['bravery', 'other_civil'],
    ['bravery', 'injury_compensation'],
    ['bravery', 'criminal_victim'],
    ['retrial_acquitted', 'state_compensation'],
    ['abuse_victim', 'support_payment'],
    ['abuse_victim', 'other_civil'],
    ['abuse_victim', 'criminal_victim'],
    // The link between the situation and the claim is for the office to confirm; the pre-check does not turn
    // these people away (see the comment on ART32 in src/eligibility/rules.ts).
    ['martyr_relative', 'support_payment'],
    ['bravery', 'labour_remuneration'],
    ['bravery', 'social_insurance'],
    ['abuse_victim', 'labour_remuneration'],
    ['abuse_victim', 'injury_compensation'],
  ])('%s + %s → eligible / exempt', (group, matter) => {
    const r = run(matter, [group]);
    expect([r.decision, r.meansTest]).toEqual(['eligible', 'exempt']);
    expect(r.basis).toContain('法律援助法第三十二条');
    expect(r.codes).toContain(`exempt.${group}`);
  });

  test('an exempt other_civil claim is in scope through Art. 32 itself', () => {
    expect(run('other_civil', ['abuse_victim']).codes).toContain('scope.art32_matter');
  });

  test.each([
    ['retrial_acquitted', 'labour_remuneration'],
    ['retrial_acquitted', 'other_civil'],
  ])('%s does not exempt %s → ordinary means test (fails when rich)', (group, matter) => {
    const r = run(matter, [group]);
    expect([r.decision, r.meansTest]).toEqual(['not_eligible', 'failed']);
    expect(r.codes).toContain(`exempt.na.${group}`);
  });

  test('Art. 32 never exempts a criminal defence: the defendant goes through Arts. 24-25', () => {
    const r = run('criminal_defence', ['abuse_victim'], rich);
    expect(r.meansTest).not.toBe('exempt');
    expect(r.codes).toContain('exempt.na.criminal_defence');
  });

  test('exemption does not need the city figure', () => {
    const r = checkEligibility({ id: 'e', matter: 'other_civil', applicant: { groups: ['abuse_victim'] } }, shipped);
    expect([r.decision, r.meansTest]).toEqual(['eligible', 'exempt']);
  });
});

describe('Art. 42: verification waived', () => {
  test.each([
    ['minor without stable income', ['minor', 'no_stable_income'], {}],
    ['minor by age without stable income', ['no_stable_income'], { age: 12 }],
    ['elderly by age without stable income', ['no_stable_income'], { age: 60 }],
    ['disabled without stable income', ['disabled', 'no_stable_income'], {}],
    ['social assistance', ['social_assistance'], {}],
    ['judicial aid', ['judicial_aid'], {}],
    ['special care', ['special_care'], {}],
  ])('%s → eligible / verification_waived whatever the stated income', (_n, groups, applicant) => {
    const r = run('support_payment', groups, rich, applicant);
    expect([r.decision, r.meansTest]).toEqual(['eligible', 'verification_waived']);
    expect(r.basis).toContain('法律援助法第四十二条');
  });

  test.each([
    ['minor with income', ['minor'], {}],
    ['age 59 is not elderly', ['no_stable_income'], { age: 59 }],
    ['no_stable_income alone', ['no_stable_income'], {}],
  ])('%s → no waiver', (_n, groups, applicant) => {
    const r = run('support_payment', groups, rich, applicant);
    expect(r.meansTest).toBe('failed');
  });

  test.each([
    ['labour_remuneration', 'verification_waived', 'eligible'],
    ['injury_compensation', 'verification_waived', 'eligible'],
    ['support_payment', 'failed', 'not_eligible'],
    ['social_insurance', 'failed', 'not_eligible'],
    ['other_civil', 'failed', 'not_eligible'],
  ])('migrant_worker + %s → %s', (matter, meansTest, decision) => {
    const r = run(matter, ['migrant_worker']);
    expect([r.meansTest, r.decision]).toEqual([meansTest, decision]);
  });

  test('migrant worker injury waiver warns it covers work injury only', () => {
    expect(run('injury_compensation', ['migrant_worker']).codes).toContain('waiver.migrant_work_injury_only');
  });

  test('waived group with other_civil → needs_review (scope is for the office)', () => {
    const r = run('other_civil', ['social_assistance']);
    expect([r.decision, r.meansTest]).toEqual(['needs_review', 'verification_waived']);
  });

  test('waiver proof is listed instead of proof of hardship', () => {
    const r = run('support_payment', ['social_assistance']);
    expect(r.materials.join('')).toContain('社会救助对象的证明');
    expect(r.materials.join('')).not.toContain('经济困难的证明');
  });
});

describe('other_civil (outside the Art. 31 list)', () => {
  test.each([
    [{ size: 1, monthlyIncome: 1000 }, 'passed', 'needs_review'],
    [{ size: 1, monthlyIncome: 5000 }, 'failed', 'not_eligible'],
    [{ size: 1 }, 'unknown', 'needs_review'],
  ])('%o → %s / %s', (household, meansTest, decision) => {
    const r = checkEligibility({ id: 'o', matter: 'other_civil', household }, region48k);
    expect([r.meansTest, r.decision]).toEqual([meansTest, decision]);
    expect(r.codes).toContain('scope.other_civil');
  });
});
