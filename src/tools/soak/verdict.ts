/**
 * @module tools/soak/verdict
 * Whether a soak run leaks: memory (RSS, V8 heap) and open file descriptors must not keep growing once warmed up.
 * The level after warm-up (in the window that starts at the warm-up's end, by default the second minute) is
 * compared with the level at the end (the last window); more than `maxGrowth` (10%) more fails. Each is read as
 * the window's median, so one sample taken during a burst does not decide it. The heap is the live heap, read after a
 * full collection (tools/soak/live-heap.ts): the heap in use between collections is a saw whose low points drift with
 * V8's schedule, and only what survives a collection shows a leak.
 */

export interface Sample {
  /** Since the load started. */
  atMs: number;
  rssBytes: number;
  /** The anonymous part of RSS (heaps, malloc), without mapped files; reported, not judged. */
  rssAnonBytes?: number;
  heapBytes: number;
  fds: number;
  dbBytes: number;
}

export type Watched = 'rssBytes' | 'heapBytes' | 'fds';
export const WATCHED: readonly Watched[] = ['rssBytes', 'heapBytes', 'fds'];

export interface Growth { metric: Watched; warm: number; end: number; growth: number; ok: boolean }
export interface Verdict { ok: boolean; growth: Growth[]; reason: string }

export interface VerdictOptions {
  durationMs: number;
  /** Default: two minutes, or half the run when it is shorter than four. */
  warmupMs?: number;
  /** Default: one minute, or a quarter of the run when it is shorter than four. */
  windowMs?: number;
  /** Default 0.10. */
  maxGrowth?: number;
}

export function median(values: number[]): number {
  if (!values.length) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Judges `samples` (in time order). Too few samples to compare is a failure too: the run proved nothing. */
export function judge(samples: Sample[], options: VerdictOptions): Verdict {
  const short = options.durationMs < 4 * 60_000;
  const warmupMs = options.warmupMs ?? (short ? options.durationMs / 2 : 2 * 60_000);
  const windowMs = options.windowMs ?? (short ? options.durationMs / 4 : 60_000);
  const maxGrowth = options.maxGrowth ?? 0.1;
  const lastAt = samples.at(-1)?.atMs ?? 0;
  const warm = samples.filter((s) => s.atMs >= warmupMs && s.atMs < warmupMs + windowMs);
  const end = samples.filter((s) => s.atMs > lastAt - windowMs && s.atMs >= warmupMs + windowMs);
  if (!warm.length || !end.length) {
    return { ok: false, growth: [], reason: `too few samples after warm-up to compare (${warm.length} at warm-up, ${end.length} at the end)` };
  }
  const level = (metric: Watched, window: Sample[]) => median(window.map((s) => s[metric]));
  const growth = WATCHED.map((metric) => {
    const w = level(metric, warm);
    const e = level(metric, end);
    const g = w > 0 ? (e - w) / w : 0;
    return { metric, warm: w, end: e, growth: g, ok: g <= maxGrowth };
  });
  const bad = growth.filter((g) => !g.ok);
  return {
    ok: bad.length === 0,
    growth,
    reason: bad.length
      ? `growing after warm-up: ${bad.map((g) => `${g.metric} +${(g.growth * 100).toFixed(1)}%`).join(', ')} (limit ${(maxGrowth * 100).toFixed(0)}%)`
      : `no growth over ${(maxGrowth * 100).toFixed(0)}% after warm-up`,
  };
}
