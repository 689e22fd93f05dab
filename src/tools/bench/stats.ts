/**
 * @module tools/bench/stats
 * Latency summaries for the benchmark: nearest-rank percentiles over a list of samples.
 */

/** Summary of a list of latency samples (same unit as the samples). */
export interface LatencySummary { n: number; mean: number; p50: number; p90: number; p99: number; max: number }

/** Nearest-rank percentile of an ascending-sorted list (`q` in 0..1). */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

/** Summarises samples; an empty list gives NaN everywhere rather than a misleading zero. */
export function summarise(samples: number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / (sorted.length || Number.NaN);
  return {
    n: sorted.length,
    mean,
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** Milliseconds since `start` (a `performance.now()` reading). */
export const since = (start: number): number => performance.now() - start;

/** Median of a small list (used for repeated start-up runs). */
export const median = (xs: number[]): number => percentile([...xs].sort((a, b) => a - b), 0.5);
