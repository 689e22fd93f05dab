/**
 * @module handoff/stats
 * Hand-off figures for admins: time to accept (p50, p90), share accepted within 30 s, abandoned tickets
 * (cancelled by the citizen or expired unanswered), callbacks, missed offers, and ratings overall and per
 * lawyer, topic and county.
 */
import type { HandoffStore } from './handoff-store.js';

/** The service promise the share is measured against. */
export const ACCEPT_TARGET_MS = 30_000;

function percentile(sorted: number[], q: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1]!;
}

const round = (x: number | null, digits = 2) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

/**
 * Figures over tickets created at or after `since` (epoch ms; 0 = all time).
 * @example await handoffStats(store) // { timeToAcceptMs: { p50, p90 }, acceptedWithin30s, … }
 */
export async function handoffStats(store: HandoffStore, since = 0) {
  const r = await store.stats(since);
  const waits = r.waits;
  const within = waits.filter((w) => w <= ACCEPT_TARGET_MS).length;
  const ratingRows = (group: 'lawyer' | 'topic' | 'county') => r.ratingsBy[group].map((x) => ({ key: x.key, ratings: x.n, average: round(x.avg) }));
  return {
    tickets: r.tickets,
    accepted: waits.length,
    timeToAcceptMs: { p50: percentile(waits, 0.5), p90: percentile(waits, 0.9) },
    acceptedWithin30s: waits.length ? round(within / waits.length, 3) : null,
    abandoned: r.abandoned,
    waiting: r.waiting,
    callbacks: r.callbacks,
    missedOffers: r.missedOffers,
    rating: { count: r.rating.n, average: round(r.rating.avg) },
    ratingsByLawyer: ratingRows('lawyer'),
    ratingsByTopic: ratingRows('topic'),
    ratingsByCounty: ratingRows('county'),
  };
}

export type HandoffStats = Awaited<ReturnType<typeof handoffStats>>;
