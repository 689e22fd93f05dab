/**
 * @module storage/repositories/overview-repository
 * The aggregates behind `GET /api/v1/stats/overview`, each one indexed query over a period (China dates for the
 * tables that keep a `day`, epoch ms for the hand-off and pre-application tables) and optionally one county.
 */
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

export interface OverviewRows {
  consultations: { total: number; byChannel: Counted[]; byTopic: Counted[]; byCounty: Counted[]; byDay: Counted[] };
  outcomes: Counted[];
  handoff: { requests: number; accepted: number; acceptedWithin: number; waitMedianMs: number | null; waitP90Ms: number | null; abandoned: number };
  ratings: { n: number; avg: number | null };
  eligibilityChecks: number;
  preapplicationsByStatus: Counted[];
}

const CONVERSATION = "channel_id || '/' || conversation_id";

/** @example await createOverviewRepository(sql).overview(period, 30_000) */
export function createOverviewRepository(sql: SqlClient) {
  const counted = async (q: string, params: SqlValue[]) =>
    (await sql.all<{ key: string | null; n: number }>(q, params)).map((r) => ({ key: r.key, n: Number(r.n) }));
  const one = async (q: string, params: SqlValue[]) => Number((await sql.get<{ n: number | null }>(q, params))?.n ?? 0);

  /** The wait (ms) at rank `q` (nearest rank) among `n` accepted tickets, by one indexed ORDER BY … OFFSET. */
  async function waitAt(q: number, n: number, where: string, params: SqlValue[]): Promise<number | null> {
    if (!n) return null;
    const offset = Math.min(n, Math.max(1, Math.ceil(q * n))) - 1;
    const row = await sql.get<{ w: number }>(
      `SELECT assigned_at - created_at AS w FROM handoff_tickets WHERE ${where} AND assigned_at IS NOT NULL ORDER BY w LIMIT 1 OFFSET ${offset}`, params);
    return row ? Number(row.w) : null;
  }

  return {
    async overview(p: OverviewPeriod, acceptTargetMs: number): Promise<OverviewRows> {
      const inCounty = p.county === undefined ? '' : ` AND county IN (${p.county.map(() => '?').join(', ')})`;
      const byDay = `day >= ? AND day <= ?${inCounty}`;
      const dayParams: SqlValue[] = [p.fromDay, p.toDay, ...(p.county ?? [])];
      const byMs = `created_at >= ? AND created_at < ?${inCounty}`;
      const msParams: SqlValue[] = [p.fromMs, p.toMs, ...(p.county ?? [])];
      const conversations = (column: string) =>
        counted(`SELECT ${column} AS key, count(DISTINCT ${CONVERSATION}) AS n FROM consultations WHERE ${byDay} GROUP BY ${column} ORDER BY ${column}`, dayParams);

      const requests = await one(`SELECT count(*) AS n FROM handoff_tickets WHERE ${byMs}`, msParams);
      const accepted = await one(`SELECT count(*) AS n FROM handoff_tickets WHERE ${byMs} AND assigned_at IS NOT NULL`, msParams);
      const rating = await sql.get<{ n: number; avg: number | null }>(`SELECT count(*) AS n, avg(score) AS avg FROM handoff_ratings WHERE ${byMs}`, msParams);
      return {
        consultations: {
          total: await one(`SELECT count(DISTINCT ${CONVERSATION}) AS n FROM consultations WHERE ${byDay}`, dayParams),
          byChannel: await conversations('channel_id'),
          byTopic: await conversations('topic'),
          byCounty: await conversations('county'),
          byDay: await conversations('day'),
        },
        outcomes: await counted(`SELECT outcome AS key, count(*) AS n FROM consultations WHERE ${byDay} GROUP BY outcome`, dayParams),
        handoff: {
          requests,
          accepted,
          acceptedWithin: await one(`SELECT count(*) AS n FROM handoff_tickets WHERE ${byMs} AND assigned_at IS NOT NULL AND assigned_at - created_at <= ?`, [...msParams, acceptTargetMs]),
          waitMedianMs: await waitAt(0.5, accepted, byMs, msParams),
          waitP90Ms: await waitAt(0.9, accepted, byMs, msParams),
          abandoned: await one(`SELECT count(*) AS n FROM handoff_tickets WHERE ${byMs} AND status IN ('cancelled','expired')`, msParams),
        },
        ratings: { n: Number(rating?.n ?? 0), avg: rating?.avg === null || rating?.avg === undefined ? null : Number(rating.avg) },
        eligibilityChecks: await one(`SELECT count(*) AS n FROM eligibility_checks WHERE ${byDay}`, dayParams),
        preapplicationsByStatus: await counted(`SELECT status AS key, count(*) AS n FROM preapplications WHERE ${byMs} GROUP BY status ORDER BY status`, msParams),
      };
    },
  };
}

export type OverviewRepository = ReturnType<typeof createOverviewRepository>;
