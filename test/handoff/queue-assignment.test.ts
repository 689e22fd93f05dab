import { describe, expect, it } from 'vitest';
import { chooseLawyer, matchScore, type LawyerState } from '../../src/handoff/assignment.js';
import { compareTickets, estimateWait, priorityOf } from '../../src/handoff/queue.js';
import { lawyer, MONDAY_10 } from './handoff-harness.js';

const ticket = (over: Partial<{ topic: string | null; county: string | null; language: 'mandarin' | 'cantonese'; missedBy: string[] }> = {}) =>
  ({ topic: '劳动纠纷', county: 'yingde', language: 'mandarin' as const, missedBy: [] as string[], ...over });

function state(online: string[], loads: Record<string, number> = {}, busy: string[] = []): LawyerState {
  const presence: LawyerState['presence'] = new Map();
  for (const u of online) presence.set(u, { status: 'online' });
  for (const u of busy) presence.set(u, { status: 'busy' });
  return { presence, loads: new Map(Object.entries(loads)) };
}

describe('queue priority', () => {
  it('emergencies first, then priority groups, then arrival', () => {
    const t = (id: string, summary: { risk: 'emergency' | null; groups: string[] }, createdAt: number) => ({ id, createdAt, ...priorityOf(summary) });
    const tickets = [
      t('plain-early', { risk: null, groups: [] }, 1),
      t('student', { risk: null, groups: ['no_stable_income'] }, 2), // not a priority group
      t('veteran', { risk: null, groups: ['military'] }, 3),
      t('danger', { risk: 'emergency', groups: [] }, 4),
      t('elderly', { risk: null, groups: ['elderly'] }, 5),
      t('danger-elderly', { risk: 'emergency', groups: ['elderly'] }, 6),
    ];
    expect([...tickets].sort(compareTickets).map((x) => x.id)).toEqual(['danger', 'danger-elderly', 'veteran', 'elderly', 'plain-early', 'student']);
    expect(priorityOf({ risk: null, groups: ['migrant_worker'] })).toEqual({ priority: 1, reason: 'migrant_worker' });
  });
});

describe('matching and load', () => {
  const labour = lawyer('labour', { topics: ['劳动纠纷'], counties: ['清城'] });
  const yingde = lawyer('yingde', { topics: ['婚姻家庭'], counties: ['英德'] });
  const general = lawyer('general', { topics: ['*'], counties: ['*'], languages: ['mandarin', 'cantonese'] });

  it('scores topic over county over language', () => {
    expect(matchScore(labour, ticket())).toBe(4 + 1);
    expect(matchScore(yingde, ticket())).toBe(2 + 1);
    expect(matchScore(general, ticket({ language: 'cantonese' }))).toBe(7);
    expect(matchScore(labour, ticket({ language: 'cantonese' }))).toBe(4);
  });

  it('picks the best match among available lawyers', () => {
    expect(chooseLawyer(ticket(), [labour, yingde], state(['labour', 'yingde']), MONDAY_10)?.username).toBe('labour');
    expect(chooseLawyer(ticket({ topic: '婚姻家庭' }), [labour, yingde], state(['labour', 'yingde']), MONDAY_10)?.username).toBe('yingde');
    expect(chooseLawyer(ticket({ language: 'cantonese' }), [labour, general], state(['labour', 'general']), MONDAY_10)?.username).toBe('general');
  });

  it('a topic mismatch still gets a lawyer rather than none', () => {
    expect(chooseLawyer(ticket({ topic: '知识产权' }), [yingde], state(['yingde']), MONDAY_10)?.username).toBe('yingde');
  });

  it('among equal matches the least loaded wins', () => {
    const a = lawyer('a', { capacity: 3 });
    const b = lawyer('b', { capacity: 3 });
    expect(chooseLawyer(ticket(), [a, b], state(['a', 'b'], { a: 2, b: 1 }), MONDAY_10)?.username).toBe('b');
    expect(chooseLawyer(ticket(), [a, b], state(['a', 'b'], { a: 0, b: 1 }), MONDAY_10)?.username).toBe('a');
  });

  it('never exceeds capacity, and skips busy, offline, off-shift and missed lawyers', () => {
    const full = lawyer('full', { capacity: 2 });
    const night = lawyer('night', { shifts: 'mon-sun 20:00-23:00' });
    expect(chooseLawyer(ticket(), [full], state(['full'], { full: 2 }), MONDAY_10)).toBeNull();
    expect(chooseLawyer(ticket(), [full], state(['full'], { full: 1 }), MONDAY_10)?.username).toBe('full');
    expect(chooseLawyer(ticket(), [full], state([], {}, ['full']), MONDAY_10)).toBeNull();
    expect(chooseLawyer(ticket(), [full], state([]), MONDAY_10)).toBeNull();
    expect(chooseLawyer(ticket(), [night], state(['night']), MONDAY_10)).toBeNull();
    expect(chooseLawyer(ticket({ missedBy: ['full'] }), [full, labour], state(['full', 'labour']), MONDAY_10)?.username).toBe('labour');
  });
});

describe('wait estimate', () => {
  it('is unknown without enough history or without a lawyer on duty', () => {
    expect(estimateWait([60_000, 60_000], 1, 2)).toBeNull();
    expect(estimateWait([60_000, 60_000, 60_000], 1, 0)).toBeNull();
  });
  it('uses the median of recent waits, once per round of lawyers ahead', () => {
    const waits = [10_000, 600_000, 20_000, 30_000, 40_000];
    expect(estimateWait(waits, 1, 2)).toBe(30_000);
    expect(estimateWait(waits, 3, 2)).toBe(60_000);
  });
});
