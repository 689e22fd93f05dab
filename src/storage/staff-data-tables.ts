/**
 * @module storage/staff-data-tables
 * The tables of the data staff keep and of the audit API, written once for both backends (only the id column
 * differs). Staff-kept cases and offices overlay the files (case-library/, knowledge/region/): a row replaces the
 * file's item with the same id, or adds one. Login attempts are audited (never the password). The audit API
 * filters every audit table by period and by actor, so each gets an index on (at) and on (actor, at).
 */
/** @param id - the backend's auto-numbered primary key column type */
export const staffDataTables = (id: string): string => `
CREATE TABLE staff_cases (
  id TEXT PRIMARY KEY, year INTEGER NOT NULL, doc TEXT NOT NULL, updated_by TEXT NOT NULL, updated_at BIGINT NOT NULL);
CREATE INDEX staff_cases_year ON staff_cases (year);
CREATE TABLE staff_offices (
  id TEXT PRIMARY KEY, doc TEXT NOT NULL, updated_by TEXT NOT NULL, updated_at BIGINT NOT NULL);
CREATE TABLE login_audit (
  id ${id}, username TEXT NOT NULL, event TEXT NOT NULL, detail TEXT, at BIGINT NOT NULL);
CREATE INDEX login_audit_at ON login_audit (at, id);
CREATE INDEX login_audit_actor ON login_audit (username, at, id);
CREATE INDEX handoff_audit_at ON handoff_audit (at, id);
CREATE INDEX handoff_audit_actor ON handoff_audit (actor, at, id);
CREATE INDEX staff_data_audit_at ON staff_data_audit (at, id);
CREATE INDEX staff_data_audit_actor ON staff_data_audit (actor, at, id);
`;
