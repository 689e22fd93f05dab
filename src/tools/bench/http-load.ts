/**
 * @module tools/bench/http-load
 * Drives POST /api/v1/ask on a loopback server with a fixed number of requests, from a fixed number of
 * concurrent clients, and records each request's latency.
 */
import { summarise, type LatencySummary } from './stats.js';

/** Result of one load run. */
export interface HttpLoadResult {
  concurrency: number;
  requests: number;
  failed: number;
  wallMs: number;
  perSecond: number;
  latencyMs: LatencySummary;
}

/**
 * Sends `texts.length` asks to `baseUrl` (loopback only) from `concurrency` clients; each client takes the next
 * text until none is left, so the run is bounded by the list.
 */
export async function loadAsk(baseUrl: string, texts: string[], concurrency: number): Promise<HttpLoadResult> {
  const url = new URL('/api/v1/ask', baseUrl);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) throw new Error(`bench only targets loopback, not ${url.hostname}`);
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const client = async () => {
    while (next < texts.length) {
      const text = texts[next++];
      const t = performance.now();
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
      await res.arrayBuffer(); // the whole body counts: a real client reads the answer
      latencies.push(performance.now() - t);
      if (!res.ok) failed++;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, client));
  const wallMs = performance.now() - started;
  return { concurrency, requests: texts.length, failed, wallMs, perSecond: (texts.length / wallMs) * 1000, latencyMs: summarise(latencies) };
}
