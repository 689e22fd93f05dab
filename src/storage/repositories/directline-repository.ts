/**
 * @module storage/repositories/directline-repository
 * Direct Line conversations and their activity logs, so a restart — or another lawline process — keeps
 * conversations, watermarks and the transcripts the hand-off needs. An activity's id is `{conversationId}|{seq}`
 * and the watermark is the seq of the last activity a client has seen. Seq numbers come from a counter on the
 * conversation's row, taken under its row lock until the rows are in (one transaction), so appends from several
 * processes never share a seq and never become visible out of order (a reader past seq 7 must never miss 5).
 */
import { randomBytes } from 'node:crypto';
import type { Activity } from 'botbuilder';
import { toIso, type SqlClient } from '../sql-client.js';

/** One conversation: its citizen-facing user id is assigned by the server, never taken from the client. */
export interface DirectLineConversation { id: string; userId: string; locale: string | null; createdAt: string }

/** A page of the log in the Direct Line ActivitySet shape. */
export interface ActivitySet { activities: Partial<Activity>[]; watermark: string }

export interface ConversationStore {
  /** Creates a conversation with a fresh id (or `id`, when a generated token already named it). */
  create(options?: { id?: string; locale?: string | null }): Promise<DirectLineConversation>;
  get(id: string): Promise<DirectLineConversation | undefined>;
  /** Appends activities in order, stamping id, timestamp, channel and conversation; returns them as stored. */
  append(conversationId: string, activities: Partial<Activity>[]): Promise<ActivitySet>;
  /** Activities after `watermark` (all when empty or unparsable), at most `limit`. */
  after(conversationId: string, watermark: string | undefined, limit?: number): Promise<ActivitySet>;
  /** A key tokens can be signed with: created once and kept in the database, so every process shares it. */
  signingKey(): Promise<Buffer>;
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

type ConversationRow = { id: string; user_id: string; locale: string | null; created_at: number };

/**
 * @example
 * const store = createConversationStore(sql);
 * const conversation = await store.create();
 * await store.append(conversation.id, [{ type: 'message', text: '您好' }]);
 */
export function createConversationStore(sql: SqlClient, now: () => number = Date.now): ConversationStore {
  const get = async (id: string): Promise<DirectLineConversation | undefined> => {
    const row = await sql.get<ConversationRow>('SELECT id, user_id, locale, created_at FROM directline_conversations WHERE id = ?', [id]);
    return row && { id: row.id, userId: row.user_id, locale: row.locale, createdAt: toIso(row.created_at) };
  };

  return {
    async create(options = {}) {
      const at = now();
      const conversation = { id: options.id ?? newId(), userId: `dl_${newId(12)}`, locale: options.locale ?? null, createdAt: toIso(at) };
      await sql.run('INSERT INTO directline_conversations (id, user_id, locale, created_at) VALUES (?, ?, ?, ?)',
        [conversation.id, conversation.userId, conversation.locale, at]);
      return conversation;
    },
    get,
    append(conversationId, activities) {
      return sql.transaction(async () => {
        const counter = await sql.get<{ last_seq: number }>(
          'UPDATE directline_conversations SET last_seq = last_seq + ? WHERE id = ? RETURNING last_seq', [activities.length, conversationId]);
        if (!counter) throw new Error(`unknown Direct Line conversation ${conversationId}`);
        let seq = Number(counter.last_seq) - activities.length;
        const at = now();
        const iso = toIso(at);
        const stored: Partial<Activity>[] = [];
        const rows: Array<string | number> = [];
        for (const a of activities) {
          seq += 1;
          const activity: Partial<Activity> = {
            ...a,
            id: activityId(conversationId, seq),
            timestamp: (a.timestamp ?? iso) as Activity['timestamp'],
            channelId: 'directline',
            conversation: { id: conversationId } as Activity['conversation'],
          };
          const json = JSON.stringify(activity);
          rows.push(conversationId, seq, json, at);
          stored.push(JSON.parse(json) as Partial<Activity>);
        }
        if (stored.length) {
          await sql.run(`INSERT INTO directline_activities (conversation_id, seq, activity, created_at) VALUES ${stored.map(() => '(?, ?, ?, ?)').join(', ')}`, rows);
        }
        return { activities: stored, watermark: String(seq) };
      });
    },
    async after(conversationId, watermark, limit = PAGE_LIMIT) {
      const from = parseWatermark(watermark);
      const rows = await sql.all<{ seq: number; activity: string }>(
        'SELECT seq, activity FROM directline_activities WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?', [conversationId, from, limit]);
      const last = rows.length ? Number(rows.at(-1)!.seq) : from;
      return { activities: rows.map((r) => JSON.parse(r.activity) as Partial<Activity>), watermark: last < 0 ? '' : String(last) };
    },
    async signingKey() {
      await sql.run('INSERT INTO directline_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', ['token_key', randomBytes(32).toString('base64')]);
      const row = await sql.get<{ value: string }>('SELECT value FROM directline_meta WHERE key = ?', ['token_key']);
      return Buffer.from(row!.value, 'base64');
    },
  };
}
