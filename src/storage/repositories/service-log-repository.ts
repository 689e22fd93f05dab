/**
 * @module storage/repositories/service-log-repository
 * What the overview counts that no other table records: one row per question the bot handled (channel, topic,
 * county, outcome) and one per eligibility check (decision). Rows carry no text of the citizen's.
 */
import type { SqlClient } from '../sql-client.js';

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

/** @example await createServiceLogRepository(sql).addConsultation({ …, outcome: 'bot' }); */
export function createServiceLogRepository(sql: SqlClient): ServiceLogRepository {
  return {
    async addConsultation(c) {
      await sql.run(`INSERT INTO consultations (at, day, channel_id, conversation_id, intent, topic, county, outcome, risk)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [c.at, c.day, c.channelId, c.conversationId, c.intent, c.topic, c.county, c.outcome, c.risk ?? null]);
    },
    async addEligibilityCheck(e) {
      await sql.run(`INSERT INTO eligibility_checks (at, day, channel_id, conversation_id, county, decision, means_test)
        VALUES (?, ?, ?, ?, ?, ?, ?)`, [e.at, e.day, e.channelId, e.conversationId, e.county, e.decision, e.meansTest]);
    },
  };
}
