/**
 * The soak's pass/fail arithmetic (src/tools/soak/verdict.ts): growth after warm-up is judged on the warm-up window
 * and the last window (medians; the heap is the live heap after a full collection), against 10%.
 */
import { describe, expect, it } from 'vitest';
import { judge, median, type Sample } from '../../src/tools/soak/verdict.js';

const MIN = 60_000;
/** Samples every 10 s for `minutes`, each metric from its own function of the time. */
function run(minutes: number, f: { rss?: (m: number) => number; heap?: (m: number) => number; fds?: (m: number) => number }): Sample[] {
  const out: Sample[] = [];
  for (let t = 0; t <= minutes * MIN; t += 10_000) {
    const m = t / MIN;
    out.push({ atMs: t, rssBytes: f.rss?.(m) ?? 500e6, heapBytes: f.heap?.(m) ?? 200e6, fds: f.fds?.(m) ?? 50, dbBytes: t });
  }
  return out;
}

describe('soak verdict', () => {
  it('passes a run that levels off after warm-up, even with growth before it', () => {
    const v = judge(run(10, { rss: (m) => (m < 2 ? 300e6 + m * 100e6 : 500e6), heap: (m) => (m < 1.5 ? 100e6 + m * 60e6 : 190e6) }), { durationMs: 10 * MIN });
    expect(v.ok).toBe(true);
    expect(v.growth.map((g) => g.metric)).toEqual(['rssBytes', 'heapBytes', 'fds']);
  });

  it('fails heap that keeps growing after the second minute by more than 10%', () => {
    const v = judge(run(10, { heap: (m) => 200e6 * (1 + 0.02 * m) }), { durationMs: 10 * MIN });
    expect(v.ok).toBe(false);
    expect(v.reason).toMatch(/heapBytes \+1[3-6]\.\d%/);
  });

  it('allows growth up to 10% and fails just above it', () => {
    // Warm window 2–3 min, end window 9–10 min: a step of exactly 10% passes, 11% fails.
    expect(judge(run(10, { fds: (m) => (m < 5 ? 50 : 55) }), { durationMs: 10 * MIN }).ok).toBe(true);
    expect(judge(run(10, { fds: (m) => (m < 5 ? 100 : 111) }), { durationMs: 10 * MIN }).ok).toBe(false);
  });

  it('is not swayed by single spikes: the medians decide', () => {
    const spiky = run(10, { rss: (m) => (Math.round(m * 6) % 7 === 0 ? 900e6 : 500e6), fds: (m) => (Math.round(m * 6) % 5 === 0 ? 90 : 50) });
    expect(judge(spiky, { durationMs: 10 * MIN }).ok).toBe(true);
  });

  it('reads the live heap by its window median: one high sample passes, a live heap that keeps rising fails', () => {
    const steady = run(10, { heap: () => 200e6 });
    // A collection that freed little in one sample of the last window does not decide it.
    const oneHigh = steady.map((s) => (s.atMs === 9.5 * MIN ? { ...s, heapBytes: 400e6 } : s));
    expect(judge(oneHigh, { durationMs: 10 * MIN }).ok).toBe(true);
    const leaking = run(10, { heap: (m) => 200e6 * (1 + 0.03 * m) });
    expect(judge(leaking, { durationMs: 10 * MIN })).toMatchObject({ ok: false, reason: expect.stringMatching(/heapBytes/) });
  });

  it('fails a run too short to compare, and scales the windows for short runs', () => {
    expect(judge(run(1, {}), { durationMs: 10 * MIN })).toMatchObject({ ok: false, reason: expect.stringMatching(/too few samples/) });
    expect(judge(run(2, {}), { durationMs: 2 * MIN }).ok).toBe(true);
    expect(judge(run(2, { rss: (m) => 500e6 * (1 + m) }), { durationMs: 2 * MIN }).ok).toBe(false);
  });

  it('median of odd and even lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});
