/**
 * @module storage/repositories/overview-repository
 * The aggregates behind `GET /api/v1/stats/overview`, each one indexed query over a period (China dates for the
 * tables that keep a `day`, epoch ms for the hand-off and pre-application tables) and optionally one county.
 */
import { CITY, NO_KEY, type RollupKind } from '../consultation-rollup.js';
import type { SqlClient, SqlValue } from '../sql-client.js';

export interface OverviewPeriod {
  /** China dates, inclusive. */
  fromDay: string; toDay: string;
  /** The same period in epoch ms: [fromMs, toMs). */
  fromMs: number; toMs: number;
  /** One county by every name it is stored under (tickets keep its id, the logs and pre-applications its name). */
  county?: string[];
}

export interface Counted { key: string | null; n: number }

/** A comment a citizen left: with a rating of the duty lawyer (score) or a vote on an answer (helpful). */
export interface CommentRow {
  at: number; source: 'rating' | 'feedback'; score: number | null; helpful: boolean | null; comment: string;
  channelId: string | null; conversationId: string | null;
}

export interface OverviewRows {
  consultations: { total: number; byChannel: Counted[]; byTopic: Counted[]; byIntent: Counted[]; byCounty: Counted[]; byDay: Counted[] };
  outcomes: Counted[];
  handoff: { requests: number; accepted: number; acceptedWithin: number; waitMedianMs: number | null; waitP90Ms: number | null; abandoned: number };
  /** Callback requests made in the period, and the (created, closed) times of those closed. */
  callbacks: { requested: number; closed: Array<{ createdAt: number; closedAt: number }> };
  ratings: { n: number; avg: number | null; atLeast4: number };
  comments: CommentRow[];
  eligibilityChecks: number;
  eligibilityByDecision: Counted[];
  preapplicationsByStatus: Counted[];
  preapplicationsByMatter: Counted[];
  /** Pre-applications of the period decided (accepted or rejected), and the time from submission to decision. */
  decisions: { n: number; medianMs: number | null; p90Ms: number | null };
  /** Questions flagged as danger now, and the emergency hand-offs by status (`accepted`: how many a lawyer took). */
  emergencies: { flagged: number; byStatus: Counted[]; accepted: number; acceptedWithin: number };
}

/** Pre-application statuses that are a decision on it. */
const DECIDED = "('accepted', 'rejected')";
/** How many comments the overview lists, newest first. */
export const RECENT_COMMENTS = 10;


/** @example await createOverviewRepository(sql).overview(period, 30_000) */
export function createOverviewRepository(sql: SqlClient) {
  const counted = async (q: string, params: SqlValue[]) =>
    (await sql.all<{ key: string | null; n: number }>(q, params)).map((r) => ({ key: r.key, n: Number(r.n) }));
  const one = async (q: string, params: SqlValue[]) => Number((await sql.get<{ n: number | null }>(q, params))?.n ?? 0);

  /** The value at rank `q` (nearest rank) among `n` rows of `select` (which names it `w`), by ORDER BY … OFFSET. */
  async function rankAt(q: number, n: number, select: string, params: SqlValue[]): Promise<number | null> {
    if (!n) return null;
    const offset = Math.min(n, Math.max(1, Math.ceil(q * n))) - 1;
    const row = await sql.get<{ w: number }>(`${select} ORDER BY w LIMIT 1 OFFSET ${offset}`, params);
    return row ? Number(row.w) : null;
  }
  const waitAt = (q: number, n: number, where: string, params: SqlValue[]) =>
    rankAt(q, n, `SELECT assigned_at - created_at AS w FROM handoff_tickets WHERE ${where} AND assigned_at IS NOT NULL`, params);

  /** The newest comments of the period, from ratings and from answer votes (a vote's county is its conversation's). */
  async function recentComments(p: OverviewPeriod, inCounty: string): Promise<CommentRow[]> {
    const names = p.county ?? [];
    const ratings = await sql.all<{ at: number; score: number; comment: string; channel_id: string | null; conversation_id: string | null }>(
      `SELECT r.created_at AS at, r.score, r.comment, t.channel_id, t.conversation_id FROM handoff_ratings r
       LEFT JOIN handoff_tickets t ON t.id = r.ticket_id
       WHERE r.created_at >= ? AND r.created_at < ? AND r.comment IS NOT NULL AND r.comment <> ''${inCounty.replace('county', 'r.county')}
       ORDER BY r.created_at DESC LIMIT ${RECENT_COMMENTS}`, [p.fromMs, p.toMs, ...names]);
    const feedbackCounty = p.county === undefined ? ''
      : ` AND EXISTS (SELECT 1 FROM consultations c WHERE c.conversation_id = f.conversation_id AND c.county IN (${names.map(() => '?').join(', ')}))`;
    const votes = await sql.all<{ at: number; helpful: number; comment: string; conversation_id: string | null }>(
      `SELECT f.created_at AS at, f.helpful, f.comment, f.conversation_id FROM answer_feedback f
       WHERE f.day >= ? AND f.day <= ? AND f.comment IS NOT NULL AND f.comment <> ''${feedbackCounty}
       ORDER BY f.day DESC, f.id DESC LIMIT ${RECENT_COMMENTS}`, [p.fromDay, p.toDay, ...names]);
    return [
      ...ratings.map((r): CommentRow => ({ at: Number(r.at), source: 'rating', score: Number(r.score), helpful: null, comment: r.comment, channelId: r.channel_id, conversationId: r.conversation_id })),
      ...votes.map((v): CommentRow => ({ at: Number(v.at), source: 'feedback', score: null, helpful: Number(v.helpful) === 1, comment: v.comment, channelId: null, conversationId: v.conversation_id })),
    ].sort((a, b) => b.at - a.at).slice(0, RECENT_COMMENTS);
  }

  /**
   * Sums of the consultation rollup over the period, by key (conversations or questions): the city's rows, or the
   * county's. Keys with nothing in the period are left out; the empty key (no topic, no county…) reads as null.
   */
  async function rolled(p: OverviewPeriod, kind: RollupKind, what: 'conversations' | 'questions'): Promise<Counted[]> {
    const counties = p.county ?? [CITY];
    const rows = await sql.all<{ key: string; n: number }>(
      `SELECT key, sum(${what}) AS n FROM consultation_rollup WHERE kind = ? AND county IN (${counties.map(() => '?').join(', ')}) AND day >= ? AND day <= ?
       GROUP BY key HAVING sum(${what}) > 0 ORDER BY key`, [kind, ...counties, p.fromDay, p.toDay]);
    return rows.map((r) => ({ key: r.key === NO_KEY ? null : r.key, n: Number(r.n) }));
  }

  /** The WHERE clauses of a period (and county), for the tables that keep a `day` and those that keep epoch ms. */
  function where(p: OverviewPeriod) {
    const inCounty = p.county === undefined ? '' : ` AND county IN (${p.county.map(() => '?').join(', ')})`;
    return {
      inCounty,
      byDay: `day >= ? AND day <= ?${inCounty}`,
      dayParams: [p.fromDay, p.toDay, ...(p.county ?? [])] as SqlValue[],
      byMs: `created_at >= ? AND created_at < ?${inCounty}`,
      msParams: [p.fromMs, p.toMs, ...(p.county ?? [])] as SqlValue[],
    };
  }

  /** One method per view of the dashboard, so each can be measured (the bench) and read on its own. */
  const sections = {
    async consultations(p: OverviewPeriod): Promise<Pick<OverviewRows, 'consultations'>> {
      const conversations = (kind: RollupKind) => rolled(p, kind, 'conversations');
      return {
        consultations: {
          total: (await conversations('total')).reduce((a, r) => a + r.n, 0),
          byChannel: await conversations('channel'),
          byTopic: await conversations('topic'),
          byIntent: await conversations('intent'),
          byCounty: await conversations('county'),
          byDay: await conversations('day'),
        },
      };
    },
    async answered(p: OverviewPeriod): Promise<Pick<OverviewRows, 'outcomes'>> {
      return { outcomes: await rolled(p, 'outcome', 'questions') };
    },
    async handoff(p: OverviewPeriod, acceptTargetMs: number): Promise<Pick<OverviewRows, 'handoff' | 'callbacks'>> {
      const { byMs, msParams } = where(p);
      const requests = await one(`SELECT count(*) AS n FROM handoff_tickets WHERE ${byMs}`, msParams);
      const accepted = await one(`SELECT count(*) AS n FROM handoff_tickets WHERE ${byMs} AND assigned_at IS NOT NULL`, msParams);
      return {
        handoff: {
          requests,
          accepted,
          acceptedWithin: await one(`SELECT count(*) AS n FROM handoff_tickets WHERE ${byMs} AND assigned_at IS NOT NULL AND assigned_at - created_at <= ?`, [...msParams, acceptTargetMs]),
          waitMedianMs: await waitAt(0.5, accepted, byMs, msParams),
          waitP90Ms: await waitAt(0.9, accepted, byMs, msParams),
          abandoned: await one(`SELECT count(*) AS n FROM handoff_tickets WHERE ${byMs} AND status IN ('cancelled','expired')`, msParams),
        },
        callbacks: {
          requested: await one(`SELECT count(*) AS n FROM handoff_callbacks WHERE ${byMs}`, msParams),
          closed: (await sql.all<{ created_at: number; closed_at: number }>(
            `SELECT created_at, closed_at FROM handoff_callbacks WHERE ${byMs} AND closed_at IS NOT NULL`, msParams))
            .map((r) => ({ createdAt: Number(r.created_at), closedAt: Number(r.closed_at) })),
        },
      };
    },
    async satisfaction(p: OverviewPeriod): Promise<Pick<OverviewRows, 'ratings' | 'comments'>> {
      const { byMs, msParams, inCounty } = where(p);
      const rating = await sql.get<{ n: number; avg: number | null; hi: number | null }>(
        `SELECT count(*) AS n, avg(score) AS avg, sum(CASE WHEN score >= 4 THEN 1 ELSE 0 END) AS hi FROM handoff_ratings WHERE ${byMs}`, msParams);
      return {
        ratings: { n: Number(rating?.n ?? 0), avg: rating?.avg === null || rating?.avg === undefined ? null : Number(rating.avg), atLeast4: Number(rating?.hi ?? 0) },
        comments: await recentComments(p, inCounty),
      };
    },
    async legalAid(p: OverviewPeriod): Promise<Pick<OverviewRows, 'eligibilityChecks' | 'eligibilityByDecision' | 'preapplicationsByStatus' | 'preapplicationsByMatter' | 'decisions'>> {
      const { byDay, dayParams, byMs, msParams, inCounty } = where(p);
      const decidedFrom = `FROM preapplications p JOIN preapplication_history h ON h.reference = p.reference AND h.to_status IN ${DECIDED}
        WHERE p.created_at >= ? AND p.created_at < ?${inCounty.replace('county', 'p.county')}`;
      const decided = await one(`SELECT count(*) AS n ${decidedFrom}`, msParams);
      return {
        eligibilityChecks: await one(`SELECT count(*) AS n FROM eligibility_checks WHERE ${byDay}`, dayParams),
        eligibilityByDecision: await counted(`SELECT decision AS key, count(*) AS n FROM eligibility_checks WHERE ${byDay} GROUP BY decision ORDER BY decision`, dayParams),
        preapplicationsByStatus: await counted(`SELECT status AS key, count(*) AS n FROM preapplications WHERE ${byMs} GROUP BY status ORDER BY status`, msParams),
        preapplicationsByMatter: await counted(`SELECT matter AS key, count(*) AS n FROM preapplications WHERE ${byMs} GROUP BY matter ORDER BY matter`, msParams),
        decisions: {
          n: decided,
          medianMs: await rankAt(0.5, decided, `SELECT h.at - p.created_at AS w ${decidedFrom}`, msParams),
          p90Ms: await rankAt(0.9, decided, `SELECT h.at - p.created_at AS w ${decidedFrom}`, msParams),
        },
      };
    },
    async emergencies(p: OverviewPeriod, acceptTargetMs: number): Promise<Pick<OverviewRows, 'emergencies'>> {
      const { byMs, msParams } = where(p);
      const emergency = `reason = 'emergency' AND ${byMs}`;
      return {
        emergencies: {
          flagged: (await rolled(p, 'risk', 'questions')).find((r) => r.key === 'emergency')?.n ?? 0,
          byStatus: await counted(`SELECT status AS key, count(*) AS n FROM handoff_tickets WHERE ${emergency} GROUP BY status ORDER BY status`, msParams),
          accepted: await one(`SELECT count(*) AS n FROM handoff_tickets WHERE ${emergency} AND assigned_at IS NOT NULL`, msParams),
          acceptedWithin: await one(`SELECT count(*) AS n FROM handoff_tickets WHERE ${emergency} AND assigned_at IS NOT NULL AND assigned_at - created_at <= ?`, [...msParams, acceptTargetMs]),
        },
      };
    },
  };

  return {
    sections,
    async overview(p: OverviewPeriod, acceptTargetMs: number): Promise<OverviewRows> {
      return {
        ...(await sections.consultations(p)),
        ...(await sections.answered(p)),
        ...(await sections.handoff(p, acceptTargetMs)),
        ...(await sections.satisfaction(p)),
        ...(await sections.legalAid(p)),
        ...(await sections.emergencies(p, acceptTargetMs)),
      };
    },
  };
}

export type OverviewRepository = ReturnType<typeof createOverviewRepository>;
