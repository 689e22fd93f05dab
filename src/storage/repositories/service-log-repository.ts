/**
 * @module storage/repositories/service-log-repository
 * What the overview counts that no other table records: one row per question the bot handled (channel, topic,
 * county, outcome) and one per eligibility check (decision). Rows carry no text of the citizen's.
 */
import { CITY, NO_KEY, type CONVERSATION_KINDS } from '../consultation-rollup.js';
import type { SqlClient, SqlValue } from '../sql-client.js';

export type ConsultationOutcome = 'bot' | 'clarified' | 'handed_off' | 'unanswered';

export interface ConsultationRow {
  at: number; day: string; channelId: string; conversationId: string;
  intent: string | null; topic: string | null; county: string | null; outcome: ConsultationOutcome;
  /** 'emergency' when the question was flagged as danger now (absent: not flagged). */
  risk?: 'emergency' | null;
}

export interface EligibilityCheckRow {
  at: number; day: string; channelId: string; conversationId: string | null;
  county: string | null; decision: string; meansTest: string | null;
}

export interface ServiceLogRepository {
  addConsultation(row: ConsultationRow): Promise<void>;
  addEligibilityCheck(row: EligibilityCheckRow): Promise<void>;
}

type Keyed = Pick<ConsultationRow, 'day' | 'channelId' | 'intent' | 'topic' | 'county'>;
/** A question's key under each kind the rollup counts conversations by (as consultation-rollup.ts's SQL computes it). */
const CONVERSATION_KEYS: Record<keyof typeof CONVERSATION_KINDS, (q: Keyed) => string> = {
  total: () => NO_KEY, channel: (q) => q.channelId, topic: (q) => q.topic ?? NO_KEY, intent: (q) => q.intent ?? NO_KEY,
  county: (q) => q.county ?? NO_KEY, day: (q) => q.day,
};

/** The rollup rows one question adds to: [kind, county, day, key, new conversation (1 or 0)] for the city and its county. */
function rollupRows(c: ConsultationRow, earlier: Keyed[]): SqlValue[][] {
  const rows: SqlValue[][] = [];
  for (const county of c.county === null ? [CITY] : [CITY, c.county]) {
    const before = county === CITY ? earlier : earlier.filter((e) => e.county === county);
    for (const [kind, keyOf] of Object.entries(CONVERSATION_KEYS)) {
      const key = keyOf(c);
      rows.push([kind, county, c.day, key, before.some((e) => keyOf(e) === key) ? 0 : 1]);
    }
    rows.push(['outcome', county, c.day, c.outcome, 0], ['risk', county, c.day, c.risk ?? NO_KEY, 0]);
  }
  return rows;
}

/** @example await createServiceLogRepository(sql).addConsultation({ …, outcome: 'bot' }); */
export function createServiceLogRepository(sql: SqlClient): ServiceLogRepository {
  return {
    addConsultation(c) {
      // The question and the day's counts change together (the counts say what the questions say).
      return sql.transaction(async () => {
        const earlier = await sql.all<{ day: string; channel_id: string; intent: string | null; topic: string | null; county: string | null }>(
          'SELECT day, channel_id, intent, topic, county FROM consultations WHERE conversation_id = ? AND channel_id = ?', [c.conversationId, c.channelId]);
        await sql.run(`INSERT INTO consultations (at, day, channel_id, conversation_id, intent, topic, county, outcome, risk)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [c.at, c.day, c.channelId, c.conversationId, c.intent, c.topic, c.county, c.outcome, c.risk ?? null]);
        const rows = rollupRows(c, earlier.map((e) => ({ day: e.day, channelId: e.channel_id, intent: e.intent, topic: e.topic, county: e.county })));
        await sql.run(`INSERT INTO consultation_rollup (kind, county, day, key, conversations, questions) VALUES ${rows.map(() => '(?, ?, ?, ?, ?, 1)').join(', ')}
          ON CONFLICT (kind, county, day, key) DO UPDATE SET conversations = consultation_rollup.conversations + excluded.conversations,
          questions = consultation_rollup.questions + excluded.questions`, rows.flat());
      });
    },
    async addEligibilityCheck(e) {
      await sql.run(`INSERT INTO eligibility_checks (at, day, channel_id, conversation_id, county, decision, means_test)
        VALUES (?, ?, ?, ?, ?, ?, ?)`, [e.at, e.day, e.channelId, e.conversationId, e.county, e.decision, e.meansTest]);
    },
  };
}
