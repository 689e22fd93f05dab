/**
 * @module test/eligibility/helpers
 * Shared region fixtures: the shipped Qingyuan config (standard unset) and a copy with a test-only standard.
 */
import { loadRegion, type Region } from '../../src/config/region.js';

/** The shipped region file, as citizens get it (hardship figure unset). */
export const shipped: Region = loadRegion();

/** Shipped region with a made-up yearly figure, for arithmetic tests only (not a real Qingyuan figure). */
export function withStandard(perYear: number): Region {
  return {
    ...shipped,
    hardshipStandard: { year: 2099, cityUrbanIncomePerYear: perYear, source: 'https://example.invalid/test-only' },
  };
}

/** 48,000 yuan/year → monthly line 4,000; 50 % line 2,000. Round numbers make boundaries readable. */
export const region48k = withStandard(48000);
