/**
 * @module storage/sql-transcript-store
 * A botbuilder `TranscriptStore` in the state database (SQLite or PostgreSQL) with the semantics of the SDK's MemoryTranscriptStore: activities of
 * a conversation come back ordered by their timestamp (logging order breaks ties), in pages of `pageSize` with
 * an opaque continuation token, optionally from a start date; conversations of a channel are listed by the time
 * of their first activity. Transcripts hold personal data: `pruneTranscripts` enforces the retention period,
 * counted from when an activity was stored (a client-chosen timestamp cannot keep it longer).
 */
import type { Activity, PagedResult, TranscriptInfo, TranscriptStore } from 'botbuilder';
import { z } from 'zod';
import { formatZodIssues, InputError } from '../errors.js';
import type { SqlClient } from './sql-client.js';

/** The fields an activity needs to be filed (checked on just those: the rest is stored as it came). */
const loggedActivitySchema = z.object({
  channelId: z.string().min(1),
  conversation: z.object({ id: z.string().min(1) }),
  timestamp: z.union([z.date(), z.string(), z.number()]).optional(),
});

type Row = [channelId: string, conversationId: string, ts: number, storedAt: number, activity: string];

const activityTokenSchema = z.tuple([z.number().int(), z.number().int()]);
const listTokenSchema = z.tuple([z.number().int(), z.string()]);

/** Fields botbuilder types as Date; JSON turns them into strings, reads turn them back. */
const DATE_FIELDS = ['timestamp', 'localTimestamp', 'expiration'] as const;

export interface SqlTranscriptStoreOptions {
  /** Items per page of `getTranscriptActivities` and `listTranscripts` (MemoryTranscriptStore uses 20). */
  pageSize?: number;
  /** The clock for the stored-at time that retention counts from. */
  now?: () => Date;
}

interface ActivityRow { seq: number; ts: number; activity: string }
interface ConversationRow { conversation_id: string; created: number }

const encodeToken = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function decodeToken<T>(schema: z.ZodType<T>, token: string): T {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new InputError('SqlTranscriptStore: continuationToken: not a token this store issued');
  return result.data;
}

function timeOf(value: unknown, fallback: Date): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'string' || typeof value === 'number' ? new Date(value).getTime() : NaN;
  return Number.isFinite(ms) ? ms : fallback.getTime();
}

function revive(json: string): Activity {
  const activity = JSON.parse(json) as Record<string, unknown>;
  for (const field of DATE_FIELDS) {
    if (typeof activity[field] === 'string') activity[field] = new Date(activity[field] as string);
  }
  return activity as unknown as Activity;
}

function required(name: string, value: string): void {
  if (!value) throw new InputError(`Missing ${name}`);
}

/**
 * Transcripts in the table `transcript_activities` of the state database.
 * @example
 * const transcripts = new SqlTranscriptStore(sql);
 * adapter.use(new TranscriptLoggerMiddleware(transcripts));
 */
export class SqlTranscriptStore implements TranscriptStore {
  readonly pageSize: number;
  private readonly now: () => Date;
  // Activities logged in one turn arrive together: they are written in one transaction at the end of the
  // current microtask queue rather than one commit each.
  private batch: { rows: Row[]; done: Promise<void> } | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly sql: SqlClient, options: SqlTranscriptStoreOptions = {}) {
    this.pageSize = options.pageSize ?? 20;
    if (!Number.isInteger(this.pageSize) || this.pageSize < 1) throw new RangeError('SqlTranscriptStore: pageSize must be a positive integer');
    this.now = options.now ?? (() => new Date());
  }

  /** Files `activity` under its channel and conversation; a missing or invalid timestamp means now. */
  logActivity(activity: Activity): Promise<void> {
    if (!activity) return Promise.reject(new InputError('activity cannot be null for logActivity()'));
    const { channelId, conversation, timestamp } = activity;
    const parsed = loggedActivitySchema.safeParse({ channelId, conversation: conversation && { id: conversation.id }, timestamp });
    if (!parsed.success) return Promise.reject(new InputError(`SqlTranscriptStore: activity: ${formatZodIssues(parsed.error)}`));
    const now = this.now();
    const row: Row = [channelId, conversation.id, timeOf(timestamp, now), now.getTime(), JSON.stringify(activity)];
    if (this.batch) {
      this.batch.rows.push(row);
      return this.batch.done;
    }
    const batch: { rows: Row[]; done: Promise<void> } = { rows: [row], done: Promise.resolve() };
    batch.done = batch.done.then(() => (this.batch === batch ? this.flush() : this.writing));
    this.batch = batch;
    return batch.done;
  }

  /** Writes the activities logged so far (reads call it first, so they always see every logged activity). */
  private flush(): Promise<void> {
    const batch = this.batch;
    this.batch = null;
    if (batch) {
      const rows = batch.rows;
      // One multi-row INSERT: atomic on its own, and one round trip.
      this.writing = this.writing.catch(() => undefined).then(() => this.sql.run(
        `INSERT INTO transcript_activities (channel_id, conversation_id, ts, stored_at, activity) VALUES ${rows.map(() => '(?, ?, ?, ?, ?)').join(', ')}`,
        rows.flat())).then(() => undefined);
    }
    return this.writing;
  }

  /** One page of a conversation's activities, oldest first, from `startDate` on when given. */
  async getTranscriptActivities(channelId: string, conversationId: string, continuationToken?: string, startDate?: Date): Promise<PagedResult<Activity>> {
    required('channelId', channelId);
    required('conversationId', conversationId);
    const from = startDate ? timeOf(startDate, new Date(NaN)) : Number.MIN_SAFE_INTEGER;
    if (Number.isNaN(from)) throw new InputError('SqlTranscriptStore: startDate: invalid date');
    const [afterTs, afterSeq] = continuationToken ? decodeToken(activityTokenSchema, continuationToken) : [Number.MIN_SAFE_INTEGER, 0];
    await this.flush().catch(() => undefined);
    // One row more than a page tells whether another page follows.
    const rows = await this.sql.all<ActivityRow>(
      `SELECT seq, ts, activity FROM transcript_activities
       WHERE channel_id = ? AND conversation_id = ? AND ts >= ? AND (ts > ? OR (ts = ? AND seq > ?))
       ORDER BY ts, seq LIMIT ?`, [channelId, conversationId, from, afterTs, afterTs, afterSeq, this.pageSize + 1]);
    const page = rows.slice(0, this.pageSize);
    const last = page.at(-1);
    return {
      items: page.map((row) => revive(row.activity)),
      continuationToken: rows.length > this.pageSize && last ? encodeToken([Number(last.ts), Number(last.seq)]) : (undefined as unknown as string),
    };
  }

  /** One page of the channel's conversations, by the time of their first activity. */
  async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
    required('channelId', channelId);
    const [afterCreated, afterId] = continuationToken ? decodeToken(listTokenSchema, continuationToken) : [Number.MIN_SAFE_INTEGER, ''];
    await this.flush().catch(() => undefined);
    const rows = await this.sql.all<ConversationRow>(
      `SELECT conversation_id, MIN(ts) AS created FROM transcript_activities WHERE channel_id = ?
       GROUP BY conversation_id HAVING MIN(ts) > ? OR (MIN(ts) = ? AND conversation_id > ?)
       ORDER BY created, conversation_id LIMIT ?`, [channelId, afterCreated, afterCreated, afterId, this.pageSize + 1]);
    const page = rows.slice(0, this.pageSize);
    const last = page.at(-1);
    return {
      items: page.map((row) => ({ channelId, id: row.conversation_id, created: new Date(Number(row.created)) })),
      continuationToken: rows.length > this.pageSize && last ? encodeToken([Number(last.created), last.conversation_id]) : (undefined as unknown as string),
    };
  }

  /** Removes every activity of the conversation; an unknown conversation is not an error. */
  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    required('channelId', channelId);
    required('conversationId', conversationId);
    await this.flush().catch(() => undefined);
    await this.sql.run('DELETE FROM transcript_activities WHERE channel_id = ? AND conversation_id = ?', [channelId, conversationId]);
  }

  /** Deletes every activity stored before `olderThan` (the retention period); returns how many. */
  async pruneTranscripts(olderThan: Date): Promise<number> {
    const cutoff = olderThan.getTime();
    if (Number.isNaN(cutoff)) throw new RangeError('SqlTranscriptStore: pruneTranscripts: invalid date');
    await this.flush().catch(() => undefined);
    return this.sql.run('DELETE FROM transcript_activities WHERE stored_at < ?', [cutoff]);
  }
}
