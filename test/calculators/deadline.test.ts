// Deadlines: 民法典 Arts. 201–203 and 民事诉讼法 Art. 85 with the holiday calendar in knowledge/region/holidays/.
// Weekdays checked by hand against a calendar: 2025-03-01 and 2025-03-22 are Saturdays, 2025-02-08 a Saturday made
// a working day, 2025-10-01..08 the National Day holiday, 2027-02-28 a Sunday.
import { describe, expect, it } from 'vitest';
import { calculateUnchecked, loadCalculatorData } from '../../src/calculators/calculate.js';
import { holidayCalendar } from '../../src/calculators/holiday-calendar.js';

const data = loadCalculatorData();
const due = (matter: string, from: string, today = '2025-01-01', extra: object = {}) =>
  calculateUnchecked({ kind: 'deadline', matter, from, ...extra }, data, today);

describe('deadline', () => {
  it('does not count the start day: a 10-day appeal from Monday 2025-03-03 ends Thursday 2025-03-13', () => {
    const r = due('appeal_ruling', '2025-03-03');
    expect(r.result).toMatchObject({ lastDay: '2025-03-13', shifted: false });
    expect(r.basis).toContainEqual({ law: '民事诉讼法', article: 171, paragraph: 2 });
  });

  it('tells a day before the deadline from a day after it', () => {
    expect(due('appeal_ruling', '2025-03-03', '2025-03-12').result).toMatchObject({ daysLeft: 1, expired: false });
    expect(due('appeal_ruling', '2025-03-03', '2025-03-13').result).toMatchObject({ daysLeft: 0, expired: false });
    expect(due('appeal_ruling', '2025-03-03', '2025-03-14').result).toMatchObject({ daysLeft: -1, expired: true });
  });

  it('moves a last day on a weekend to Monday (民事诉讼法 Art. 85 ¶3)', () => {
    // 2025-03-07 + 15 days = Saturday 2025-03-22 → Monday 2025-03-24.
    const r = due('appeal_judgment', '2025-03-07');
    expect(r.result).toMatchObject({ nominalLastDay: '2025-03-22', lastDay: '2025-03-24', shifted: true });
    expect(r.basis).toContainEqual({ law: '民事诉讼法', article: 85, paragraph: 3 });
  });

  it('does not move a last day on a weekend made a working day', () => {
    // 2025-01-24 + 15 = Saturday 2025-02-08, a working day by the 2025 notice.
    expect(due('appeal_judgment', '2025-01-24').result).toMatchObject({ lastDay: '2025-02-08', shifted: false });
  });

  it('moves a last day on a statutory holiday past the whole holiday (民法典 Art. 203)', () => {
    // One year from 2024-10-01 is 2025-10-01; the holiday runs to 10-08, so the last day is 2025-10-09.
    const r = due('labour_arbitration', '2024-10-01');
    expect(r.result).toMatchObject({ nominalLastDay: '2025-10-01', lastDay: '2025-10-09' });
    expect(r.basis).toContainEqual({ law: '民法典', article: 203, paragraph: 1 });
    expect(r.basis).toContainEqual({ law: '劳动争议调解仲裁法', article: 27, paragraph: 1 });
    expect(r.steps.join()).toMatch(/中断.*中止/);
  });

  it('ends a year from Feb 29 on Feb 28, and says when a year has no calendar', () => {
    // 3 years from 2024-02-29: 2027 has no Feb 29 → 2027-02-28 (民法典 Art. 202), a Sunday → Monday 2027-03-01.
    const r = due('civil_limitation', '2024-02-29');
    expect(r.result).toMatchObject({ nominalLastDay: '2027-02-28', lastDay: '2027-03-01' });
    expect(r.basis).toContainEqual({ law: '民法典', article: 202 });
    expect(r.assumptions.join()).toMatch(/没有2027年的节假日安排数据，只按周六、周日判断/);
    expect(r.missing.join()).toMatch(/2027年/);
  });

  it('ends six months from Aug 31 on the last day of February, and flags an unconfirmed calendar', () => {
    // 2025-08-31 + 6 months → 2026-02-28 (no Feb 31); a Saturday that the 2026 calendar makes a working day.
    const r = due('admin_litigation', '2025-08-31');
    expect(r.result).toMatchObject({ lastDay: '2026-02-28', shifted: false });
    expect(r.assumptions.join()).toMatch(/2026年的节假日安排.*未经核对/);
    expect(r.basis).toContainEqual({ law: '行政诉讼法', article: 46, paragraph: 1 });
  });

  it.each([
    ['work_injury_application', '2025-01-10', { party: 'employer' }, '2025-02-10'], // 30 days → Sunday 02-09 → Monday 02-10
    ['work_injury_application', '2025-01-10', {}, '2026-01-12'], // 1 year → Saturday 2026-01-10 → Monday 01-12
    ['arbitration_award_lawsuit', '2025-04-01', {}, '2025-04-16'], // 15 days → Wednesday
    ['admin_reconsideration', '2025-03-01', {}, '2025-04-30'], // 60 days → Wednesday 04-30
    ['enforcement', '2024-03-31', {}, '2026-03-31'], // 2 years → Tuesday
  ])('%s from %s %j ends %s', (matter, from, extra, lastDay) => {
    expect(due(matter, from, '2025-01-01', extra).result.lastDay).toBe(lastDay);
  });

  it('refuses an unknown matter and a date that does not exist', () => {
    expect(() => due('appeal', '2025-01-01')).toThrow(/matter/);
    expect(() => due('appeal_judgment', '2025-02-29')).toThrow(/from/);
  });

  it('counts weekends only where no calendar is loaded', () => {
    const none = holidayCalendar([]);
    expect(none.day('2025-10-01').rest).toBe(false);
    expect(none.day('2025-10-04').rest).toBe(true);
  });
});
