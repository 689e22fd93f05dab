import { describe, expect, test } from 'vitest';
import { checkEligibility } from '../../src/eligibility/check-eligibility.js';
import { matters } from '../../src/eligibility/schema.js';
import { region48k, shipped } from './helpers.js';

describe('result content', () => {
  test.each(matters)('%s: basis non-empty, Chinese reasons and next steps present', (matter) => {
    const r = checkEligibility({ id: 'o', matter }, shipped);
    expect(r.basis.length).toBeGreaterThan(0);
    expect(r.basis.every((b) => /第[一二三四五六七八九十百零]+条$/.test(b))).toBe(true);
    expect(r.reasons.length).toBeGreaterThan(1);
    expect(r.nextSteps.length).toBeGreaterThan(0);
    expect(r.refs.length).toBe(r.basis.length);
  });

  test.each([
    ['state_compensation', '第一项'],
    ['labour_remuneration', '第五项'],
    ['injury_compensation', '第七项'],
    ['environmental_damage', '第八项'],
  ])('%s cites Art. 31 with its item (%s)', (matter, item) => {
    const r = checkEligibility({ id: 'o', matter }, shipped);
    expect(r.basis[0]).toBe('法律援助法第三十一条');
    expect(r.reasons.join('')).toContain(item);
  });

  test('criminal_victim cites Art. 29', () => {
    expect(checkEligibility({ id: 'o', matter: 'criminal_victim' }, shipped).basis).toContain('法律援助法第二十九条');
  });

  test('application steps: 7-day decision, all-at-once materials, objection, fees, online', () => {
    const r = checkEligibility({ id: 'o', matter: 'support_payment', household: { size: 1, monthlyIncome: 0 } }, region48k);
    const steps = r.nextSteps.join('\n');
    expect(r.basis).toEqual(expect.arrayContaining(['法律援助法第四十三条', '法律援助法第四十九条', '法律援助法第五十三条', '法律援助法第三十八条']));
    expect(steps).toContain('七日内');
    expect(steps).toContain('一次性告知');
    expect(steps).toContain('五日内');
    expect(steps).toContain('公证费、鉴定费');
    expect(steps).toContain('https://gd.12348.gov.cn');
    expect(steps).toContain('粤省事');
  });

  test('means-tested materials follow 法律援助条例 Art. 17 and allow a pledge', () => {
    const m = checkEligibility({ id: 'o', matter: 'support_payment' }, shipped).materials.join('\n');
    expect(m).toContain('身份证');
    expect(m).toContain('经济困难的证明');
    expect(m).toContain('诚信承诺');
    expect(m).toContain('案件材料');
  });

  test('exempt applicant brings proof of the Art. 32 situation, not of hardship', () => {
    const m = checkEligibility({ id: 'o', matter: 'state_compensation', applicant: { groups: ['retrial_acquitted'] } }, shipped).materials.join('');
    expect(m).toContain('再审改判无罪的裁判文书');
    expect(m).not.toContain('经济困难的证明');
  });

  test('military applicants are pointed to Art. 70 without changing the decision', () => {
    const r = checkEligibility({ id: 'o', matter: 'support_payment', applicant: { groups: ['military'] } }, shipped);
    expect(r.basis).toContain('法律援助法第七十条');
    expect(r.decision).toBe('needs_review');
  });
});

describe('whereToApply comes from the region config', () => {
  test('county given: county institution first (unconfirmed, no invented values), then the city office', () => {
    const w = checkEligibility({ id: 'w', matter: 'support_payment', county: '阳山' }, shipped).whereToApply;
    expect(w.county).toBe('阳山县');
    expect(w.offices.map((o) => o.id)).toEqual(['yangshan-legal-aid', 'city-legal-aid']);
    const local = w.offices[0]!;
    expect(local.nameConfirmed).toBe(false);
    expect([local.address.value, local.phone.value, local.hours.value]).toEqual([null, null, null]);
    expect(w.objectionsTo?.id).toBe('yangshan-justice-bureau');
  });

  test('the 2020 legal-aid line is passed on unconfirmed, with its source date, and 12348 advice is given', () => {
    const w = checkEligibility({ id: 'w', matter: 'support_payment' }, shipped).whereToApply;
    const city = w.offices.find((o) => o.id === 'city-legal-aid')!;
    expect(city.phone).toMatchObject({ value: '0763-3380148', confirmed: false, sourceDate: '2020-02' });
    expect(w.confirmAdvice).toContain('12348');
    expect(w.hotline.number).toMatchObject({ value: '12348', confirmed: true });
    expect(w.objectionsTo?.id).toBe('city-justice-bureau');
  });
});
