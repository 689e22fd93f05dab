/**
 * @module stats/overview
 * The bureau's overview of a period (and optionally one county): consultations, who answered, 线上三十秒,
 * satisfaction, legal aid, the case library against its yearly target, and knowledge upkeep. Aggregates come
 * from the database (overview-repository.ts); this module shapes them.
 */
import { ACCEPT_TARGET_MS } from '../handoff/stats.js';
import type { Counted, OverviewRepository } from '../storage/repositories/overview-repository.js';
import type { FeedbackRepository } from '../storage/repositories/feedback-repository.js';
import { maskPersonalData } from '../logging/mask.js';
import type { UpkeepRepository } from '../storage/repositories/upkeep-repository.js';
import { chinaDayStart, daysBetween } from './china-day.js';
import { oneWorkingDayAfter } from './working-day.js';

export interface OverviewQuery {
  from: string; to: string;
  /** A county by every name it may be stored under: full name, short name, id. */
  county?: string[];
}

export interface CaseLibraryCounts { byYear: Record<string, number>; target: number }

/** Counts by key; rows without a key (e.g. a question with no county) are counted under "unknown". */
const toRecord = (rows: Counted[]) => Object.fromEntries(rows.map((r) => [r.key ?? 'unknown', r.n]));
const round = (x: number | null, digits: number) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);
const DAY_MS = 24 * 60 * 60 * 1000;
const hours = (ms: number | null) => round(ms === null ? null : ms / 3_600_000, 1);
/** The middle value (the mean of the two middle ones for an even count); null for none. */
function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export interface OverviewDeps {
  repo: OverviewRepository;
  feedback: FeedbackRepository;
  /** The knowledge-upkeep queue (open items; items resolved in the period and how long each took). */
  upkeep?: Pick<UpkeepRepository, 'counts'>;
  /** The case library's cases per year: its files and the cases staff added (staff-data/case-library.ts). */
  caseLibrary(): Promise<CaseLibraryCounts>;
}

/** @example await statsOverview(deps, { from: '2026-12-01', to: '2026-12-31', county: '英德市' }) */
export async function statsOverview(deps: OverviewDeps, q: OverviewQuery) {
  const period = { fromDay: q.from, toDay: q.to, fromMs: chinaDayStart(q.from), toMs: chinaDayStart(q.to) + DAY_MS, county: q.county };
  const rows = await deps.repo.overview(period, ACCEPT_TARGET_MS);
  const votes = await deps.feedback.counts({ from: q.from, to: q.to, county: q.county });
  // The queue is the whole bureau's: it is not split by county.
  const upkeep = deps.upkeep ? await deps.upkeep.counts({ fromMs: period.fromMs, toMs: period.toMs }) : { open: 0, resolvedMs: [] };
  const perDay = new Map(rows.consultations.byDay.map((r) => [r.key, r.n]));
  const outcomes = toRecord(rows.outcomes);
  const byStatus = toRecord(rows.preapplicationsByStatus);
  const h = rows.handoff;
  const closedInTime = rows.callbacks.closed.filter((c) => c.closedAt <= oneWorkingDayAfter(c.createdAt)).length;
  const emergencyTickets = toRecord(rows.emergencies.byStatus);
  const ticketsIn = (...statuses: string[]) => statuses.reduce((a, st) => a + (emergencyTickets[st] ?? 0), 0);
  const emergencyHandoffs = Object.values(emergencyTickets).reduce((a, b) => a + b, 0);
  return {
    consultations: {
      total: rows.consultations.total,
      byChannel: toRecord(rows.consultations.byChannel),
      byTopic: toRecord(rows.consultations.byTopic),
      byIntent: toRecord(rows.consultations.byIntent),
      byCounty: toRecord(rows.consultations.byCounty),
      // Every day of the period, zero included, so a trend line has no gaps.
      byDay: daysBetween(q.from, q.to).map((date) => ({ date, count: perDay.get(date) ?? 0 })),
    },
    answered: {
      bot: outcomes.bot ?? 0,
      clarified: outcomes.clarified ?? 0,
      handedOff: outcomes.handed_off ?? 0,
      unanswered: outcomes.unanswered ?? 0,
    },
    handoff: {
      requests: h.requests,
      // Of all requests, not only the accepted ones: a request nobody took did not meet the promise either.
      acceptedWithin30sShare: h.requests ? round(h.acceptedWithin / h.requests, 3) : null,
      waitMedianMs: h.waitMedianMs,
      waitP90Ms: h.waitP90Ms,
      abandoned: h.abandoned,
      accepted: h.accepted,
      // Left when nobody was on duty; "closed" is done or unreachable, as the lawyer console records it.
      callbacks: {
        requested: rows.callbacks.requested,
        closed: rows.callbacks.closed.length,
        closedWithinOneWorkingDay: closedInTime,
        closedWithinOneWorkingDayShare: rows.callbacks.requested ? round(closedInTime / rows.callbacks.requested, 3) : null,
      },
    },
    satisfaction: {
      ratings: rows.ratings.n, average: round(rows.ratings.avg, 2), helpful: votes.helpful, notHelpful: votes.notHelpful,
      shareAtLeast4: rows.ratings.n ? round(rows.ratings.atLeast4 / rows.ratings.n, 3) : null,
      // Citizens write what they like: personal data is masked before anyone reads it here.
      recentComments: rows.comments.map((c) => ({ ...c, at: new Date(c.at).toISOString(), comment: maskPersonalData(c.comment) })),
    },
    legalAid: {
      checks: rows.eligibilityChecks,
      preapplications: Object.values(byStatus).reduce((a, b) => a + b, 0),
      byStatus,
      byDecision: toRecord(rows.eligibilityByDecision),
      byMatter: toRecord(rows.preapplicationsByMatter),
      // Pre-applications of the period that were accepted or rejected, and how long that took.
      decided: rows.decisions.n,
      decisionMedianMs: rows.decisions.medianMs,
      decisionP90Ms: rows.decisions.p90Ms,
    },
    caseLibrary: await deps.caseLibrary(),
    // Open now (among items raised before the period ended); resolved within the period, and the median time it took.
    upkeep: { open: upkeep.open, resolved: upkeep.resolvedMs.length, medianHoursToResolve: hours(median(upkeep.resolvedMs)) },
    // Questions flagged as danger now and what followed: a duty lawyer took it (within 30 s or later), it still
    // waits, a callback was left, the citizen left, or (a channel without hand-off) the safety advice alone.
    emergencies: {
      flagged: rows.emergencies.flagged,
      handedOff: emergencyHandoffs,
      accepted: rows.emergencies.accepted,
      acceptedWithin30s: rows.emergencies.acceptedWithin,
      waiting: ticketsIn('queued', 'offered'),
      callback: ticketsIn('callback'),
      abandoned: ticketsIn('cancelled', 'expired'),
      safetyAdviceOnly: Math.max(0, rows.emergencies.flagged - emergencyHandoffs),
    },
  };
}

export type StatsOverview = Awaited<ReturnType<typeof statsOverview>>;
