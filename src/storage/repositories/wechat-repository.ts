/**
 * @module storage/repositories/wechat-repository
 * What the WeChat channel must share between processes: which pushed messages (MsgId, or openid + time for
 * events) one of them already took, with the reply once known, and each openid's numbered follow-ups (回复N).
 */
import type { SqlClient } from '../sql-client.js';

export interface WechatMessageRecord { mode: 'pending' | 'passive' | 'async'; reply: string | null }

export interface WechatMessageRepository {
  /** True for the first claim of `key` in the whole cluster (within the retention), false for a retry. */
  claim(key: string, now: number): Promise<boolean>;
  /** Records how the answer went out (or is going out) and its text. */
  settle(key: string, record: WechatMessageRecord): Promise<void>;
  get(key: string): Promise<WechatMessageRecord | undefined>;
  /** Forgets messages claimed before `before`; returns how many. */
  prune(before: number): Promise<number>;
}

/** @example const messages = createWechatMessageRepository(sql); if (await messages.claim(key, Date.now())) … */
export function createWechatMessageRepository(sql: SqlClient): WechatMessageRepository {
  return {
    async claim(key, now) {
      return (await sql.run('INSERT INTO wechat_messages (key, created_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [key, now])) === 1;
    },
    async settle(key, record) {
      await sql.run('UPDATE wechat_messages SET mode = ?, reply = ? WHERE key = ?', [record.mode, record.reply, key]);
    },
    async get(key) {
      const row = await sql.get<{ mode: WechatMessageRecord['mode']; reply: string | null }>('SELECT mode, reply FROM wechat_messages WHERE key = ?', [key]);
      return row && { mode: row.mode, reply: row.reply };
    },
    prune: (before) => sql.run('DELETE FROM wechat_messages WHERE created_at < ?', [before]),
  };
}

/**
 * Each openid's follow-up options, kept for a while. What an option is belongs to the WeChat channel
 * (channels/wechat/follow-up-store.ts: its FollowUpStore is this with T = NumberedOption); storage only files them.
 */
export interface FollowUpRepository<T> {
  get(openid: string): Promise<T[] | undefined>;
  /** Replaces the openid's options; an empty list forgets them. */
  set(openid: string, options: T[]): Promise<void>;
  delete(openid: string): Promise<void>;
}

/**
 * Follow-up numbers in the database, so 回复N works whichever process the reply lands on.
 * @example const followUps = createSqlFollowUpStore<NumberedOption>(sql, { ttlMs: 30 * 60_000 });
 */
export function createSqlFollowUpStore<T>(sql: SqlClient, options: { ttlMs?: number; now?: () => number } = {}): FollowUpRepository<T> {
  const { ttlMs = 30 * 60_000, now = Date.now } = options;
  let lastSweep = 0;
  return {
    async get(openid) {
      const row = await sql.get<{ options: string; expires_at: number }>('SELECT options, expires_at FROM wechat_follow_ups WHERE openid = ?', [openid]);
      if (!row || Number(row.expires_at) <= now()) return undefined;
      return JSON.parse(row.options) as T[];
    },
    async set(openid, opts) {
      if (!opts.length) {
        await sql.run('DELETE FROM wechat_follow_ups WHERE openid = ?', [openid]);
        return;
      }
      await sql.run(`INSERT INTO wechat_follow_ups (openid, options, expires_at) VALUES (?, ?, ?)
        ON CONFLICT (openid) DO UPDATE SET options = excluded.options, expires_at = excluded.expires_at`,
      [openid, JSON.stringify(opts), now() + ttlMs]);
      // Expired rows are swept now and then rather than on every write.
      if (now() - lastSweep > ttlMs) {
        lastSweep = now();
        await sql.run('DELETE FROM wechat_follow_ups WHERE expires_at <= ?', [now()]);
      }
    },
    async delete(openid) {
      await sql.run('DELETE FROM wechat_follow_ups WHERE openid = ?', [openid]);
    },
  };
}
