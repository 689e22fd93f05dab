/**
 * @module tools/bench/gc-watch
 * Counts garbage-collection pauses during a measured loop, so latency tails can be told apart from GC.
 */
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

/** GC pauses seen while watching. */
export interface GcPauses { count: number; totalMs: number; maxMs: number }

/** Starts watching; `stop()` resolves with the pauses between the two calls. */
export function watchGc(): { stop(): Promise<GcPauses> } {
  const from = performance.now();
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  return {
    async stop() {
      const to = performance.now();
      // GC entries are delivered asynchronously; a synchronous loop only hands them over once it yields.
      await new Promise((resolve) => setTimeout(resolve, 50));
      observer.disconnect();
      const inside = entries.filter((e) => e.startTime >= from && e.startTime <= to);
      return {
        count: inside.length,
        totalMs: inside.reduce((a, e) => a + e.duration, 0),
        maxMs: inside.reduce((a, e) => Math.max(a, e.duration), 0),
      };
    },
  };
}
