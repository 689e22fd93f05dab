/**
 * @module storage/upkeep-tables
 * Knowledge upkeep's tables, written once for both backends (only the id column differs, as in workspace-tables.ts):
 * the review queue (one row per cluster of near-identical questions, one row per signal that fed it: an unsure
 * answer, a 没用 vote, a hand-off, an unfinished eligibility check), the staff's knowledge edits (each stamped with
 * the knowledge version it made; undone edits are kept, marked) and that version (one row), which every process
 * polls to learn cheaply that its overlay is stale. Questions are stored masked (src/logging/mask.ts).
 */
/** @param id - the backend's auto-numbered primary key column type */
export const upkeepTables = (id: string): string => `
CREATE TABLE upkeep_items (
  id ${id}, question TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'open', signals INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, resolved_at BIGINT, resolved_by TEXT, resolution TEXT);
CREATE INDEX upkeep_items_open ON upkeep_items (status, updated_at);
CREATE INDEX upkeep_items_resolved ON upkeep_items (resolved_at);
CREATE TABLE upkeep_signals (
  id ${id}, item_id BIGINT NOT NULL REFERENCES upkeep_items(id), reason TEXT NOT NULL, question TEXT NOT NULL,
  channel_id TEXT, conversation_id TEXT, at BIGINT NOT NULL);
CREATE INDEX upkeep_signals_item ON upkeep_signals (item_id, id);
CREATE TABLE knowledge_edits (
  id ${id}, version BIGINT NOT NULL, kind TEXT NOT NULL, target TEXT NOT NULL, doc TEXT NOT NULL, item_id BIGINT,
  created_by TEXT NOT NULL, created_at BIGINT NOT NULL, undone_at BIGINT, undone_by TEXT, undone_version BIGINT);
CREATE INDEX knowledge_edits_live ON knowledge_edits (undone_at, id);
CREATE TABLE knowledge_state (id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL);
INSERT INTO knowledge_state (id, version) VALUES (1, 0);
`;
