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
 * @example handoffStats(store) // { timeToAcceptMs: { p50, p90 }, acceptedWithin30s, … }
 */
export function handoffStats(store: HandoffStore, since = 0) {
  const db = store.db;
  const waits = db.prepare<[number], { w: number }>(
    'SELECT assigned_at - created_at AS w FROM handoff_tickets WHERE assigned_at IS NOT NULL AND created_at >= ? ORDER BY w').all(since).map((r) => r.w);
  const count = (sql: string) => (db.prepare<[number], { n: number }>(sql).get(since)?.n ?? 0);
  const tickets = count('SELECT count(*) AS n FROM handoff_tickets WHERE created_at >= ?');
  const within = waits.filter((w) => w <= ACCEPT_TARGET_MS).length;
  const ratingRows = (group: string) => db.prepare<[number], { key: string | null; n: number; avg: number }>(
    `SELECT ${group} AS key, count(*) AS n, avg(score) AS avg FROM handoff_ratings WHERE created_at >= ? GROUP BY ${group} ORDER BY key`).all(since)
    .map((r) => ({ key: r.key, ratings: r.n, average: round(r.avg) }));
  const overall = db.prepare<[number], { n: number; avg: number | null }>('SELECT count(*) AS n, avg(score) AS avg FROM handoff_ratings WHERE created_at >= ?').get(since);
  return {
    tickets,
    accepted: waits.length,
    timeToAcceptMs: { p50: percentile(waits, 0.5), p90: percentile(waits, 0.9) },
    acceptedWithin30s: waits.length ? round(within / waits.length, 3) : null,
    abandoned: count(`SELECT count(*) AS n FROM handoff_tickets WHERE status IN ('cancelled','expired') AND created_at >= ?`),
    waiting: count(`SELECT count(*) AS n FROM handoff_tickets WHERE status IN ('queued','offered') AND created_at >= ?`),
    callbacks: count('SELECT count(*) AS n FROM handoff_callbacks WHERE created_at >= ?'),
    missedOffers: count(`SELECT count(*) AS n FROM handoff_offers WHERE outcome = 'missed' AND offered_at >= ?`),
    rating: { count: overall?.n ?? 0, average: round(overall?.avg ?? null) },
    ratingsByLawyer: ratingRows('lawyer'),
    ratingsByTopic: ratingRows('topic'),
    ratingsByCounty: ratingRows('county'),
  };
}

export type HandoffStats = ReturnType<typeof handoffStats>;
