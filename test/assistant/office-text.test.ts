import { describe, expect, it } from 'vitest';
import { CONFIRM_VIA_12348, contactText, officeText } from '../../src/assistant/office-text.js';
import type { Office } from '../../src/config/region.js';
import { loadRegion } from '../../src/config/region.js';
import { PATHS } from '../../src/config/paths.js';

describe('contactText', () => {
  it('states a confirmed value as is', () => {
    expect(contactText({ value: '12348', confirmed: true })).toBe('12348');
  });

  it('marks an unconfirmed value with its date and the advice to check with 12348', () => {
    const text = contactText({ value: '0000-1234567', confirmed: false, sourceDate: '2020-02' });
    expect(text).toBe(`0000-1234567（2020-02公布，未经核实，${CONFIRM_VIA_12348}）`);
  });

  it('returns null for an unknown value', () => {
    expect(contactText({ value: null, confirmed: false })).toBeNull();
    expect(contactText(undefined)).toBeNull();
  });
});

describe('officeText', () => {
  it('never shows an unconfirmed office detail without the 12348 advice', () => {
    const region = loadRegion(PATHS.region);
    for (const office of region.offices as Office[]) {
      const text = officeText(office);
      for (const line of text.split('\n').slice(1)) {
        expect(line, `${office.id}: ${line}`).toMatch(/12348|^\s+\S+：[^（]+$/);
      }
      if (!office.phone.confirmed) expect(text).toContain('12348');
    }
  });
});
