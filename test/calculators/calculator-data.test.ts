// The calculators' data files: zod errors name the file and the field; a year's file must match its name; the
// repository's files load, with the unconfirmed figures flagged.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadHolidayCalendar } from '../../src/calculators/holiday-calendar.js';
import { loadLabourFigures, minimumWageOn } from '../../src/calculators/labour-figures.js';

const dir = () => mkdtempSync(join(tmpdir(), 'calculator-data-'));

describe('labour figures', () => {
  it('loads the repository file: minimum wages are sourced but unconfirmed, the average wages unset', () => {
    const figures = loadLabourFigures();
    expect(minimumWageOn(figures, '2025-03-01')).toMatchObject({ monthly: 1750, confirmed: false });
    expect(minimumWageOn(figures, '2025-02-28')).toMatchObject({ monthly: 1620 });
    expect(minimumWageOn(figures, '2010-01-01')).toBeNull();
    expect(figures.minimumWage.every((m) => m.source.startsWith('http'))).toBe(true);
    expect(figures.localAverageMonthlyWage.value).toBeNull();
    expect(figures.injuryInsuranceAverageMonthlyWage.value).toBeNull();
  });

  it('refuses a figure without its source, naming the file and the field', () => {
    const file = join(dir(), 'labour-figures.yaml');
    writeFileSync(file, [
      'minimumWage:',
      '  - { effectiveFrom: "2025-03-01", monthly: 1750, area: 清远, confirmed: false, source: "https://example.invalid/x" }',
      'localAverageMonthlyWage: { value: 8000, year: 2024, confirmed: false }',
      'injuryInsuranceAverageMonthlyWage: { value: null, year: null, confirmed: false }',
    ].join('\n'));
    expect(() => loadLabourFigures(file)).toThrow(/labour-figures\.yaml: localAverageMonthlyWage\.value: a value needs year and source/);
  });
});

describe('holiday calendar', () => {
  it('loads 2024–2026, 2026 unconfirmed', () => {
    const calendar = loadHolidayCalendar();
    expect([...calendar.years.keys()].sort()).toEqual([2024, 2025, 2026]);
    expect(calendar.years.get(2025)).toMatchObject({ confirmed: true, documentNumber: '国办发明电〔2024〕12号' });
    expect(calendar.years.get(2026)?.confirmed).toBe(false);
    expect(calendar.day('2025-01-28')).toMatchObject({ rest: true, holiday: '春节' });
    expect(calendar.day('2025-01-26')).toMatchObject({ rest: false, adjustedWorkday: true });
  });

  it('names the file and the field of a bad year', () => {
    const d = dir();
    writeFileSync(join(d, '2025.yaml'), 'year: 2025\nnotice: 通知\nconfirmed: true\nholidays: [{ name: 元旦, days: ["2025-01-01"] }]\nworkdays: ["2025-01-27"]\n');
    expect(() => loadHolidayCalendar(d)).toThrow(/2025\.yaml: workdays\.0: 2025-01-27 is not a Saturday or Sunday/);
  });

  it('refuses a file whose name is not its year', () => {
    const d = join(dir(), 'holidays');
    mkdirSync(d);
    writeFileSync(join(d, '2024.yaml'), 'year: 2025\nnotice: 通知\nconfirmed: false\nholidays: [{ name: 元旦, days: ["2025-01-01"] }]\nworkdays: []\n');
    expect(() => loadHolidayCalendar(d)).toThrow(/2024\.yaml: year: 2025 does not match the file name/);
  });
});
