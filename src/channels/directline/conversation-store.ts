/**
 * @module channels/directline/conversation-store
 * Direct Line conversations and their activity logs in SQLite (the state database), so a restart keeps
 * conversations, watermarks and the transcripts the hand-off needs. An activity's id is `{conversationId}|{seq}`
 * and the watermark is the seq of the last activity a client has seen.
 */
import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';
import type { Db } from '../../storage/database.js';

/** One conversation: its citizen-facing user id is assigned by the server, never taken from the client. */
export interface DirectLineConversation { id: string; userId: string; locale: string | null; createdAt: string }

/** A page of the log in the Direct Line ActivitySet shape. */
export interface ActivitySet { activities: Partial<Activity>[]; watermark: string }

export interface ConversationStore {
  /** Creates a conversation with a fresh id (or `id`, when a generated token already named it). */
  create(options?: { id?: string; locale?: string | null }): DirectLineConversation;
  get(id: string): DirectLineConversation | undefined;
  /** Appends activities in order, stamping id, timestamp, channel and conversation; returns them as stored. */
  append(conversationId: string, activities: Partial<Activity>[]): { activities: Partial<Activity>[]; watermark: string };
  /** Activities after `watermark` (all when empty or unparsable), at most `limit`. */
  after(conversationId: string, watermark: string | undefined, limit?: number): ActivitySet;
  /** The key tokens are signed with; created once and kept, so tokens survive a restart. */
  signingKey(): Buffer;
}

/** Most activities one GET or stream backlog returns; clients fetch the rest with the new watermark. */
export const PAGE_LIMIT = 500;

/** Random URL-safe id (no `|`, which separates conversation and seq in activity ids). */
export function newId(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}

/** The seq a watermark stands for; -1 (before everything) when absent or not a number. */
export function parseWatermark(watermark: string | undefined | null): number {
  if (!watermark || !/^\d{1,12}$/.test(watermark)) return -1;
  return Number(watermark);
}

export function activityId(conversationId: string, seq: number): string {
  return `${conversationId}|${String(seq).padStart(7, '0')}`;
}

/**
 * @example
 * const store = createConversationStore(state.db);
 * const conversation = store.create();
 * store.append(conversation.id, [{ type: 'message', text: '您好' }]);
 */
export function createConversationStore(db: Db): ConversationStore {
  db.exec(`
    CREATE TABLE IF NOT EXISTS directline_conversations (
      id TEXT PRIMARY KEY, user_id TEXT NOT NULL, locale TEXT, created_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS directline_activities (
      conversation_id TEXT NOT NULL REFERENCES directline_conversations(id) ON DELETE CASCADE,
      seq INTEGER NOT NULL, activity TEXT NOT NULL, created_at TEXT NOT NULL,
      PRIMARY KEY (conversation_id, seq)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS directline_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);`);
  const insertConversation = db.prepare('INSERT INTO directline_conversations (id, user_id, locale, created_at) VALUES (?, ?, ?, ?)');
  const selectConversation = db.prepare<[string], { id: string; user_id: string; locale: string | null; created_at: string }>(
    'SELECT id, user_id, locale, created_at FROM directline_conversations WHERE id = ?');
  const lastSeq = db.prepare<[string], { seq: number | null }>('SELECT MAX(seq) AS seq FROM directline_activities WHERE conversation_id = ?');
  const insertActivity = db.prepare('INSERT INTO directline_activities (conversation_id, seq, activity, created_at) VALUES (?, ?, ?, ?)');
  const selectAfter = db.prepare<[string, number, number], { seq: number; activity: string }>(
    'SELECT seq, activity FROM directline_activities WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?');
  const selectMeta = db.prepare<[string], { value: string }>('SELECT value FROM directline_meta WHERE key = ?');
  const insertMeta = db.prepare('INSERT OR IGNORE INTO directline_meta (key, value) VALUES (?, ?)');

  const get = (id: string): DirectLineConversation | undefined => {
    const row = selectConversation.get(id);
    return row && { id: row.id, userId: row.user_id, locale: row.locale, createdAt: row.created_at };
  };

  // Seq numbers are assigned inside one transaction so concurrent turns never share a seq.
  const appendTx = db.transaction((conversationId: string, activities: Partial<Activity>[]) => {
    let seq = lastSeq.get(conversationId)?.seq ?? -1;
    const now = new Date().toISOString();
    const stored = activities.map((a) => {
      seq += 1;
      const activity: Partial<Activity> = {
        ...a,
        id: activityId(conversationId, seq),
        timestamp: (a.timestamp ?? now) as Activity['timestamp'],
        channelId: 'directline',
        conversation: { id: conversationId } as Activity['conversation'],
      };
      const json = JSON.stringify(activity);
      insertActivity.run(conversationId, seq, json, now);
      return JSON.parse(json) as Partial<Activity>;
    });
    return { activities: stored, watermark: String(seq) };
  });

  return {
    create(options = {}) {
      const conversation = { id: options.id ?? newId(), userId: `dl_${newId(12)}`, locale: options.locale ?? null, createdAt: new Date().toISOString() };
      insertConversation.run(conversation.id, conversation.userId, conversation.locale, conversation.createdAt);
      return conversation;
    },
    get,
    append(conversationId, activities) {
      if (!get(conversationId)) throw new Error(`unknown Direct Line conversation ${conversationId}`);
      return appendTx(conversationId, activities);
    },
    after(conversationId, watermark, limit = PAGE_LIMIT) {
      const from = parseWatermark(watermark);
      const rows = selectAfter.all(conversationId, from, limit);
      const last = rows.at(-1)?.seq ?? from;
      return { activities: rows.map((r) => JSON.parse(r.activity) as Partial<Activity>), watermark: last < 0 ? '' : String(last) };
    },
    signingKey() {
      insertMeta.run('token_key', randomBytes(32).toString('base64'));
      return Buffer.from(selectMeta.get('token_key')!.value, 'base64');
    },
  };
}
