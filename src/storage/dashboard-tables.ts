/**
 * @module storage/dashboard-tables
 * What the service-quality dashboard needs beyond the workspace's tables, written once for both backends: the
 * emergency flag on each logged question (so "flagged, and what followed" can be counted), when a callback was
 * closed (so "closed within one working day" can be measured), and the indexes its views read through.
 */
export const DASHBOARD_SCHEMA = `
ALTER TABLE consultations ADD COLUMN risk TEXT;
ALTER TABLE handoff_callbacks ADD COLUMN closed_at BIGINT;
CREATE INDEX handoff_callbacks_created ON handoff_callbacks (created_at);
CREATE INDEX handoff_tickets_reason_created ON handoff_tickets (reason, created_at);
CREATE INDEX consultations_risk_day ON consultations (risk, day);
`;
