/**
 * @module storage/repositories/transcript-view-repository
 * What opening a conversation's transcript from the dashboard needs besides the transcript store: the channel a
 * conversation ran on (when the caller knows only its id), and the audit row every view leaves in
 * `staff_data_audit` (subject `transcript:<conversationId>`), which the audit API lists with the other staff actions.
 */
import type { SqlClient } from '../sql-client.js';

export interface TranscriptViewRepository {
  /** The channel of a conversation the service log or a hand-off ticket knows, else null. */
  channelOf(conversationId: string): Promise<string | null>;
  /** Records that `actor` read the transcript. */
  recordView(view: { conversationId: string; channelId: string; actor: string; at: number }): Promise<void>;
}

/** The audit subject of a transcript view. */
export const transcriptSubject = (conversationId: string): string => `transcript:${conversationId}`;

/** @example await createTranscriptViewRepository(sql).channelOf('abc') // 'directline' */
export function createTranscriptViewRepository(sql: SqlClient): TranscriptViewRepository {
  return {
    async channelOf(conversationId) {
      const row = await sql.get<{ channel_id: string }>(
        `SELECT channel_id FROM consultations WHERE conversation_id = ?
         UNION ALL SELECT channel_id FROM handoff_tickets WHERE conversation_id = ? LIMIT 1`, [conversationId, conversationId]);
      return row?.channel_id ?? null;
    },
    async recordView(v) {
      await sql.run('INSERT INTO staff_data_audit (subject, actor, at, old_value, new_value) VALUES (?, ?, ?, ?, ?)',
        [transcriptSubject(v.conversationId), v.actor, v.at, null, JSON.stringify({ action: 'viewed', channelId: v.channelId })]);
    },
  };
}
