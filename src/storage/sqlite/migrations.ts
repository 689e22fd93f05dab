/**
 * @module storage/sqlite/migrations
 * The SQLite schema, version by version. Version 1 is the schema release 0.1 created table by table at start-up
 * (`CREATE TABLE IF NOT EXISTS`), so a database from that release adopts it as it is. Version 2 gives every
 * timestamp one representation (epoch milliseconds; 0.1 kept ISO text in some tables) and adds the tables that
 * scale-out needs. SQLite cannot change a column's type: those tables are rebuilt and copied (the opener turns
 * foreign keys off meanwhile, so the copies keep their rows).
 */
import type { Migration } from '../migration.js';
import { DASHBOARD_SCHEMA } from '../dashboard-tables.js';
import { documentDraftTables } from '../document-draft-tables.js';
import { staffDataTables } from '../staff-data-tables.js';
import { upkeepTables } from '../upkeep-tables.js';
import { workspaceTables } from '../workspace-tables.js';

/** ISO-8601 text → epoch ms. */
const ms = (column: string) => `CAST(round((julianday(${column}) - 2440587.5) * 86400000) AS INTEGER)`;

const RELEASE_0_1 = `
CREATE TABLE IF NOT EXISTS bot_state (
  key TEXT PRIMARY KEY, etag TEXT NOT NULL, doc TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS transcript_activities (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, channel_id TEXT NOT NULL, conversation_id TEXT NOT NULL,
  ts INTEGER NOT NULL, stored_at INTEGER NOT NULL, activity TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS transcript_activities_by_conversation ON transcript_activities (channel_id, conversation_id, ts, seq);
CREATE INDEX IF NOT EXISTS transcript_activities_by_stored_at ON transcript_activities (stored_at);
CREATE TABLE IF NOT EXISTS accounts (
  id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('agent','lawyer','admin')),
  created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS auth_tokens (
  token_hash TEXT PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  expires_at TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS preapplications (
  reference TEXT PRIMARY KEY, name TEXT NOT NULL, phone TEXT NOT NULL, county TEXT, matter TEXT NOT NULL,
  summary TEXT NOT NULL, eligibility TEXT NOT NULL, status TEXT NOT NULL, conversation_id TEXT NOT NULL,
  channel_id TEXT NOT NULL, user_id TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS preapplications_conversation ON preapplications (channel_id, conversation_id, created_at);
CREATE TABLE IF NOT EXISTS preapplication_history (
  id INTEGER PRIMARY KEY, reference TEXT NOT NULL REFERENCES preapplications(reference),
  at TEXT NOT NULL, actor TEXT NOT NULL, from_status TEXT, to_status TEXT NOT NULL, note TEXT);
CREATE TABLE IF NOT EXISTS directline_conversations (
  id TEXT PRIMARY KEY, user_id TEXT NOT NULL, locale TEXT, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS directline_activities (
  conversation_id TEXT NOT NULL REFERENCES directline_conversations(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, activity TEXT NOT NULL, created_at TEXT NOT NULL,
  PRIMARY KEY (conversation_id, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS directline_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS handoff_tickets (
  id TEXT PRIMARY KEY, channel_id TEXT NOT NULL, conversation_id TEXT NOT NULL, reference TEXT,
  reason TEXT NOT NULL, status TEXT NOT NULL, priority INTEGER NOT NULL, priority_reason TEXT,
  topic TEXT, county TEXT, language TEXT NOT NULL, summary TEXT NOT NULL, transcript TEXT NOT NULL,
  lawyer TEXT, offered_to TEXT, offer_expires_at INTEGER, missed_by TEXT NOT NULL DEFAULT '[]',
  created_at INTEGER NOT NULL, assigned_at INTEGER, closed_at INTEGER, last_citizen_at INTEGER,
  lawyer_since_citizen INTEGER NOT NULL DEFAULT 0, awaiting TEXT NOT NULL DEFAULT 'none', return_to_bot INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS handoff_tickets_conv ON handoff_tickets (channel_id, conversation_id, created_at);
CREATE INDEX IF NOT EXISTS handoff_tickets_status ON handoff_tickets (status, priority, created_at);
CREATE TABLE IF NOT EXISTS handoff_offers (
  id INTEGER PRIMARY KEY, ticket_id TEXT NOT NULL, lawyer TEXT NOT NULL, offered_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL, outcome TEXT NOT NULL DEFAULT 'pending', resolved_at INTEGER);
CREATE TABLE IF NOT EXISTS handoff_messages (
  id INTEGER PRIMARY KEY, ticket_id TEXT NOT NULL, kind TEXT NOT NULL, author TEXT, text TEXT NOT NULL,
  at INTEGER NOT NULL, delivered INTEGER);
CREATE INDEX IF NOT EXISTS handoff_messages_ticket ON handoff_messages (ticket_id, id);
CREATE TABLE IF NOT EXISTS handoff_callbacks (
  id INTEGER PRIMARY KEY, ticket_id TEXT NOT NULL, phone TEXT NOT NULL, preferred_time TEXT,
  topic TEXT, county TEXT, created_at INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'open');
CREATE TABLE IF NOT EXISTS handoff_ratings (
  ticket_id TEXT PRIMARY KEY, lawyer TEXT, topic TEXT, county TEXT, score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment TEXT, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS handoff_audit (
  id INTEGER PRIMARY KEY, ticket_id TEXT, actor TEXT NOT NULL, event TEXT NOT NULL, detail TEXT, at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS handoff_lawyers (username TEXT PRIMARY KEY COLLATE NOCASE, doc TEXT NOT NULL, updated_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS handoff_presence (username TEXT PRIMARY KEY COLLATE NOCASE, status TEXT NOT NULL, last_seen INTEGER NOT NULL);
`;

const EPOCH_MS_AND_SCALE_OUT = `
CREATE TABLE bot_state_v2 (key TEXT PRIMARY KEY, etag TEXT NOT NULL, doc TEXT NOT NULL, updated_at INTEGER NOT NULL);
INSERT INTO bot_state_v2 SELECT key, etag, doc, ${ms('updated_at')} FROM bot_state;
DROP TABLE bot_state;
ALTER TABLE bot_state_v2 RENAME TO bot_state;
CREATE TABLE accounts_v2 (
  id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('agent','lawyer','admin')),
  created_at INTEGER NOT NULL);
INSERT INTO accounts_v2 SELECT id, username, password_hash, role, ${ms('created_at')} FROM accounts;
CREATE TABLE auth_tokens_v2 (
  token_hash TEXT PRIMARY KEY, account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL, created_at INTEGER NOT NULL);
INSERT INTO auth_tokens_v2 SELECT token_hash, account_id, ${ms('expires_at')}, ${ms('created_at')} FROM auth_tokens;
DROP TABLE auth_tokens;
DROP TABLE accounts;
ALTER TABLE accounts_v2 RENAME TO accounts;
ALTER TABLE auth_tokens_v2 RENAME TO auth_tokens;
CREATE INDEX auth_tokens_expiry ON auth_tokens (expires_at);
CREATE TABLE preapplications_v2 (
  reference TEXT PRIMARY KEY, name TEXT NOT NULL, phone TEXT NOT NULL, county TEXT, matter TEXT NOT NULL,
  summary TEXT NOT NULL, eligibility TEXT NOT NULL, status TEXT NOT NULL, conversation_id TEXT NOT NULL,
  channel_id TEXT NOT NULL, user_id TEXT, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
  seq INTEGER NOT NULL DEFAULT 0);
INSERT INTO preapplications_v2 SELECT reference, name, phone, county, matter, summary, eligibility, status, conversation_id,
  channel_id, user_id, ${ms('created_at')}, ${ms('updated_at')}, rowid FROM preapplications;
CREATE TABLE preapplication_history_v2 (
  id INTEGER PRIMARY KEY, reference TEXT NOT NULL REFERENCES preapplications(reference),
  at INTEGER NOT NULL, actor TEXT NOT NULL, from_status TEXT, to_status TEXT NOT NULL, note TEXT);
INSERT INTO preapplication_history_v2 SELECT id, reference, ${ms('at')}, actor, from_status, to_status, note FROM preapplication_history;
DROP TABLE preapplication_history;
DROP TABLE preapplications;
ALTER TABLE preapplications_v2 RENAME TO preapplications;
ALTER TABLE preapplication_history_v2 RENAME TO preapplication_history;
CREATE INDEX preapplications_conversation ON preapplications (channel_id, conversation_id, created_at, seq);
CREATE INDEX preapplication_history_reference ON preapplication_history (reference, id);
CREATE TABLE directline_conversations_v2 (
  id TEXT PRIMARY KEY, user_id TEXT NOT NULL, locale TEXT, created_at INTEGER NOT NULL, last_seq INTEGER NOT NULL DEFAULT -1);
INSERT INTO directline_conversations_v2 SELECT c.id, c.user_id, c.locale, ${ms('c.created_at')},
  COALESCE((SELECT MAX(a.seq) FROM directline_activities a WHERE a.conversation_id = c.id), -1) FROM directline_conversations c;
CREATE TABLE directline_activities_v2 (
  conversation_id TEXT NOT NULL REFERENCES directline_conversations(id) ON DELETE CASCADE,
  seq INTEGER NOT NULL, activity TEXT NOT NULL, created_at INTEGER NOT NULL,
  PRIMARY KEY (conversation_id, seq)) WITHOUT ROWID;
INSERT INTO directline_activities_v2 SELECT conversation_id, seq, activity, ${ms('created_at')} FROM directline_activities;
DROP TABLE directline_activities;
DROP TABLE directline_conversations;
ALTER TABLE directline_conversations_v2 RENAME TO directline_conversations;
ALTER TABLE directline_activities_v2 RENAME TO directline_activities;
ALTER TABLE handoff_tickets ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
UPDATE handoff_tickets SET seq = rowid;
CREATE INDEX handoff_tickets_seq ON handoff_tickets (seq);
ALTER TABLE handoff_tickets ADD COLUMN state_version INTEGER NOT NULL DEFAULT 0;
CREATE INDEX handoff_tickets_state_version ON handoff_tickets (state_version);
CREATE INDEX handoff_tickets_open ON handoff_tickets (status, awaiting);
CREATE INDEX handoff_tickets_assigned ON handoff_tickets (assigned_at);
CREATE INDEX handoff_offers_ticket ON handoff_offers (ticket_id, outcome);
CREATE INDEX handoff_audit_ticket ON handoff_audit (ticket_id, id);
CREATE TABLE handoff_state (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
INSERT INTO handoff_state (id, version) VALUES (1, 1);
CREATE TABLE wechat_messages (
  key TEXT PRIMARY KEY, mode TEXT NOT NULL DEFAULT 'pending', reply TEXT, created_at INTEGER NOT NULL);
CREATE INDEX wechat_messages_created ON wechat_messages (created_at);
CREATE TABLE wechat_follow_ups (openid TEXT PRIMARY KEY, options TEXT NOT NULL, expires_at INTEGER NOT NULL);
CREATE INDEX wechat_follow_ups_expiry ON wechat_follow_ups (expires_at);
`;

/**
 * Version 3: the bureau's workspace. Accounts may be supervisors (SQLite cannot change a CHECK: the table is
 * rebuilt); answer feedback; the hardship standard staff set, audited; one row per question the bot handled and per
 * eligibility check, so the overview can count by topic, county and outcome.
 */
const WORKSPACE = `
CREATE TABLE accounts_v3 (
  id INTEGER PRIMARY KEY, username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('agent','lawyer','admin','supervisor')),
  created_at INTEGER NOT NULL);
INSERT INTO accounts_v3 SELECT id, username, password_hash, role, created_at FROM accounts;
DROP TABLE accounts;
ALTER TABLE accounts_v3 RENAME TO accounts;
${workspaceTables('INTEGER PRIMARY KEY')}`;

/** Version 4: cases and offices staff keep (overlaying the files); login attempts audited; audit indexes by period and actor. */
const STAFF_DATA = staffDataTables('INTEGER PRIMARY KEY');
/** Version 7: knowledge upkeep: the review queue, the staff's versioned knowledge edits and the knowledge version. */
const KNOWLEDGE_UPKEEP = upkeepTables('INTEGER PRIMARY KEY');

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'release 0.1 schema', sql: RELEASE_0_1 },
  { version: 2, name: 'epoch-ms timestamps; hand-off version; WeChat dedupe and follow-ups', sql: EPOCH_MS_AND_SCALE_OUT },
  { version: 3, name: 'supervisor role; answer feedback; hardship standard; consultation and eligibility-check logs', sql: WORKSPACE },
  { version: 4, name: 'dashboard: emergency flag on logged questions, callback close time, indexes for its views', sql: DASHBOARD_SCHEMA },
  { version: 5, name: 'document drafts behind download links or kept with a pre-application', sql: documentDraftTables() },
  { version: 6, name: 'staff-kept cases and offices; login audit; audit indexes', sql: STAFF_DATA },
  { version: 7, name: 'knowledge upkeep: review queue, knowledge edits and version', sql: KNOWLEDGE_UPKEEP },
];
