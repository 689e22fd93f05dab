/**
 * @module tools/soak/latency-stats
 * Per operation: how many calls, how many failed (a 5xx, a refused connection, or a status the scenario did not
 * expect), and the latency percentiles.
 */

export interface OpStats { op: string; calls: number; errors: number; p50Ms: number; p99Ms: number; maxMs: number }

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export class LatencyBook {
  private readonly ms = new Map<string, number[]>();
  private readonly errors = new Map<string, number>();
  readonly statuses = new Map<number, number>();

  /** Fits CallRecorder: status 0 is a failed connection. Client errors (4xx) are the scenarios' to judge. */
  record = (op: string, status: number, ms: number): void => {
    if (!this.ms.has(op)) this.ms.set(op, []);
    this.ms.get(op)!.push(ms);
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
    if (status === 0 || status >= 500) this.fail(op);
  };

  fail(op: string): void {
    this.errors.set(op, (this.errors.get(op) ?? 0) + 1);
  }

  total(): OpStats {
    return this.stats('all', [...this.ms.values()].flat(), [...this.errors.values()].reduce((a, b) => a + b, 0));
  }

  byOp(): OpStats[] {
    return [...new Set([...this.ms.keys(), ...this.errors.keys()])].sort().map((op) => this.stats(op, this.ms.get(op) ?? [], this.errors.get(op) ?? 0));
  }

  private stats(op: string, ms: number[], errors: number): OpStats {
    const sorted = [...ms].sort((a, b) => a - b);
    return { op, calls: ms.length, errors, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: sorted.at(-1) ?? Number.NaN };
  }
}
