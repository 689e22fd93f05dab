/**
 * @module storage/workspace-tables
 * The workspace's tables, written once for both backends; only the id column differs (SQLite's
 * `INTEGER PRIMARY KEY` is the rowid, PostgreSQL has identity columns). Timestamps are epoch ms; `day`
 * columns hold the China date (YYYY-MM-DD) the row belongs to, so the overview groups by day with an index and no
 * time-zone arithmetic in SQL.
 */
/** @param id - the backend's auto-numbered primary key column type */
export const workspaceTables = (id: string): string => `
CREATE TABLE answer_feedback (
  id ${id}, conversation_id TEXT, question TEXT NOT NULL, helpful INTEGER NOT NULL,
  comment TEXT, created_at BIGINT NOT NULL, day TEXT NOT NULL);
CREATE INDEX answer_feedback_day ON answer_feedback (day);
CREATE INDEX answer_feedback_conversation ON answer_feedback (conversation_id);
CREATE TABLE hardship_standard (
  id INTEGER PRIMARY KEY CHECK (id = 1), year INTEGER NOT NULL, income_fen BIGINT NOT NULL, source TEXT NOT NULL,
  updated_by TEXT NOT NULL, updated_at BIGINT NOT NULL);
CREATE TABLE staff_data_audit (
  id ${id}, subject TEXT NOT NULL, actor TEXT NOT NULL, at BIGINT NOT NULL, old_value TEXT, new_value TEXT);
CREATE INDEX staff_data_audit_subject ON staff_data_audit (subject, id);
CREATE TABLE consultations (
  id ${id}, at BIGINT NOT NULL, day TEXT NOT NULL, channel_id TEXT NOT NULL, conversation_id TEXT NOT NULL,
  intent TEXT, topic TEXT, county TEXT, outcome TEXT NOT NULL);
CREATE INDEX consultations_day ON consultations (day, channel_id, conversation_id);
CREATE INDEX consultations_county_day ON consultations (county, day);
CREATE INDEX consultations_conversation ON consultations (conversation_id);
CREATE TABLE eligibility_checks (
  id ${id}, at BIGINT NOT NULL, day TEXT NOT NULL, channel_id TEXT NOT NULL, conversation_id TEXT,
  county TEXT, decision TEXT NOT NULL, means_test TEXT);
CREATE INDEX eligibility_checks_day ON eligibility_checks (day);
CREATE INDEX handoff_tickets_created ON handoff_tickets (created_at);
CREATE INDEX handoff_ratings_created ON handoff_ratings (created_at);
CREATE INDEX preapplications_created ON preapplications (created_at);
`;
