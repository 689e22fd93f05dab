import { describe, expect, it } from 'vitest';
import { isOnShift, parseSchedule } from '../../src/handoff/schedule.js';

/** Epoch ms of a Shanghai local time. */
const sh = (local: string) => Date.parse(`${local}+08:00`);

describe('duty schedule (Asia/Shanghai)', () => {
  const weekdays = parseSchedule('mon-fri 09:00-17:00; sat 09:00-12:00');

  it('starts are inclusive and ends exclusive, in Shanghai time', () => {
    expect(isOnShift(weekdays, sh('2025-03-03T08:59:59'))).toBe(false); // Monday
    expect(isOnShift(weekdays, sh('2025-03-03T09:00:00'))).toBe(true);
    expect(isOnShift(weekdays, sh('2025-03-03T16:59:59'))).toBe(true);
    expect(isOnShift(weekdays, sh('2025-03-03T17:00:00'))).toBe(false);
    // 01:00 UTC on Monday is 09:00 in Shanghai, not 01:00.
    expect(isOnShift(weekdays, Date.parse('2025-03-03T01:00:00Z'))).toBe(true);
  });

  it('knows the days of the week', () => {
    expect(isOnShift(weekdays, sh('2025-03-08T11:00:00'))).toBe(true); // Saturday morning
    expect(isOnShift(weekdays, sh('2025-03-08T13:00:00'))).toBe(false); // Saturday afternoon
    expect(isOnShift(weekdays, sh('2025-03-09T10:00:00'))).toBe(false); // Sunday
  });

  it('overnight shifts run into the next morning and belong to the day they start', () => {
    const night = parseSchedule('fri 22:00-06:00');
    expect(isOnShift(night, sh('2025-03-07T23:30:00'))).toBe(true); // Friday night
    expect(isOnShift(night, sh('2025-03-08T05:59:00'))).toBe(true); // Saturday early
    expect(isOnShift(night, sh('2025-03-08T06:00:00'))).toBe(false);
    expect(isOnShift(night, sh('2025-03-07T05:00:00'))).toBe(false); // Friday early: Thursday has no night shift
  });

  it('dated exceptions replace the weekly shifts of that date only', () => {
    const s = parseSchedule('mon-fri 09:00-17:00; 2025-10-01 off; 2025-10-02 13:00-15:00; 2025-10-04 10:00-11:00');
    expect(isOnShift(s, sh('2025-10-01T10:00:00'))).toBe(false); // Wednesday, day off
    expect(isOnShift(s, sh('2025-10-02T10:00:00'))).toBe(false); // Thursday, only the afternoon
    expect(isOnShift(s, sh('2025-10-02T14:00:00'))).toBe(true);
    expect(isOnShift(s, sh('2025-10-03T10:00:00'))).toBe(true); // Friday, weekly shift as usual
    expect(isOnShift(s, sh('2025-10-04T10:30:00'))).toBe(true); // Saturday, extra duty
  });

  it('a day off cancels the overnight shift starting that day', () => {
    const s = parseSchedule('mon-sun 22:00-06:00; 2025-03-03 off');
    expect(isOnShift(s, sh('2025-03-04T02:00:00'))).toBe(false); // after Monday night
    expect(isOnShift(s, sh('2025-03-05T02:00:00'))).toBe(true); // after Tuesday night
  });

  it('24:00 ends a shift at midnight', () => {
    const s = parseSchedule('sun 20:00-24:00');
    expect(isOnShift(s, sh('2025-03-09T23:59:00'))).toBe(true);
    expect(isOnShift(s, sh('2025-03-10T00:00:00'))).toBe(false);
  });

  it.each([
    ['mon-fri 9-17', 'not a time range'],
    ['mon-fry 09:00-17:00', 'not a day'],
    ['2025-02-30 off', 'not a calendar date'],
    ['mon 10:00-10:00', 'empty shift'],
    ['mon 25:00-26:00', 'not a time range'],
    ['mon', 'expected'],
  ])('rejects %s', (text, message) => {
    expect(() => parseSchedule(text)).toThrow(message);
  });
});
