/**
 * @module tools/bench/ask-loop
 * The timed ask loop both in-process measurements run (the bench's own process and a fresh serving process):
 * warm-up asks, then every text once, with the collector's pauses counted beside the latencies.
 */
import type { Answerer } from '../../assistant/services.js';
import { watchGc, type GcPauses } from './gc-watch.js';
import { since, summarise, type LatencySummary } from './stats.js';

export interface AskLoopResult { n: number; latencyMs: LatencySummary; perSecond: number; gc: GcPauses }

export async function timeAsks(lawline: Answerer, texts: string[], warmup: number): Promise<AskLoopResult> {
  for (const text of texts.slice(0, warmup)) await lawline.ask(text);
  const latencies: number[] = [];
  const gc = watchGc();
  const started = performance.now();
  for (const text of texts) {
    const t = performance.now();
    await lawline.ask(text);
    latencies.push(since(t));
  }
  const perSecond = (texts.length / since(started)) * 1000;
  return { n: texts.length, latencyMs: summarise(latencies), perSecond, gc: await gc.stop() };
}
