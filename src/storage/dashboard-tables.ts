/**
 * @module storage/dashboard-tables
 * What the service-quality dashboard needs beyond the workspace's tables, written once for both backends: the
 * emergency flag on each logged question, when a callback was closed (so "closed within one working day" can be
 * measured), the consultations counted ahead by day (consultation-rollup.ts, filled from the questions already
 * logged), and the indexes its other views read through: `handoff_tickets_waits` covers the 线上三十秒 figures (they
 * never read a ticket's large summary and transcript), `consultations_conversation_channel` covers the service log's
 * look-up of a conversation's earlier questions and a vote's county.
 */
import { CONSULTATION_ROLLUP_BACKFILL, CONSULTATION_ROLLUP_TABLE } from './consultation-rollup.js';

export const DASHBOARD_SCHEMA = `
ALTER TABLE consultations ADD COLUMN risk TEXT;
ALTER TABLE handoff_callbacks ADD COLUMN closed_at BIGINT;
CREATE INDEX handoff_callbacks_created ON handoff_callbacks (created_at);
CREATE INDEX handoff_tickets_reason_created ON handoff_tickets (reason, created_at);
CREATE INDEX handoff_tickets_waits ON handoff_tickets (created_at, county, status, assigned_at);
CREATE INDEX consultations_conversation_channel ON consultations (conversation_id, channel_id, county);
${CONSULTATION_ROLLUP_TABLE}
${CONSULTATION_ROLLUP_BACKFILL}`;
