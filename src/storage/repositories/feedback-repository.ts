/**
 * @module storage/repositories/feedback-repository
 * Citizens' helpful / not-helpful votes on answers, with the question they were about (personal data: never
 * logged unmasked) and an optional comment.
 */
import type { SqlClient } from '../sql-client.js';

export interface FeedbackRow {
  conversationId: string | null; question: string; helpful: boolean; comment: string | null;
  createdAt: number;
  /** The China date of createdAt (YYYY-MM-DD). */
  day: string;
}

export interface FeedbackRepository {
  /** Stores one vote; returns its id. */
  insert(row: FeedbackRow): Promise<number>;
  /** Votes cast on days `from`…`to` (inclusive), optionally only in conversations the consultation log puts in `county` (any of its names). */
  counts(period: { from: string; to: string; county?: string[] }): Promise<{ helpful: number; notHelpful: number }>;
}

/** @example const repo = createFeedbackRepository(sql); await repo.insert({ …, helpful: false }); */
export function createFeedbackRepository(sql: SqlClient): FeedbackRepository {
  return {
    async insert(f) {
      const row = await sql.get<{ id: number }>(
        'INSERT INTO answer_feedback (conversation_id, question, helpful, comment, created_at, day) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
        [f.conversationId, f.question, f.helpful ? 1 : 0, f.comment, f.createdAt, f.day]);
      return Number(row!.id);
    },
    async counts({ from, to, county }) {
      // A vote belongs to a county when its conversation asked something there (indexed lookup per vote).
      const inCounty = county === undefined ? ''
        : ` AND EXISTS (SELECT 1 FROM consultations c WHERE c.conversation_id = f.conversation_id AND c.county IN (${county.map(() => '?').join(', ')}))`;
      const row = await sql.get<{ yes: number | null; no: number | null }>(
        `SELECT sum(CASE WHEN helpful = 1 THEN 1 ELSE 0 END) AS yes, sum(CASE WHEN helpful = 1 THEN 0 ELSE 1 END) AS no
         FROM answer_feedback f WHERE day >= ? AND day <= ?${inCounty}`, [from, to, ...(county ?? [])]);
      return { helpful: Number(row?.yes ?? 0), notHelpful: Number(row?.no ?? 0) };
    },
  };
}
