/**
 * @module preapplication/preapplication-store
 * Pre-applications in SQLite with an audited status history (who, when, from, to, note).
 */
import { InputError, formatZodIssues } from '../errors.js';
import type { Db } from '../storage/database.js';
import {
  newPreapplicationSchema,
  type NewPreapplication,
  type Preapplication,
  type StatusChange,
} from './preapplication-schema.js';
import { newReferenceNumber } from './reference-number.js';
import { canTransition, type Status } from './status.js';

/** Result of a status change: the updated record, or why it was refused. */
export type StatusChangeResult =
  | { ok: true; record: Preapplication }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'invalid_transition'; from: Status };

export interface PreapplicationStore {
  /** Stores a new pre-application (status submitted) under a fresh unique reference number. */
  create(input: NewPreapplication): Preapplication;
  get(reference: string): Preapplication | null;
  /** Moves a pre-application to `to`, recording `actor` and `note` in the history. */
  changeStatus(reference: string, to: Status, actor: string, note?: string): StatusChangeResult;
  /** The newest pre-application made in a conversation, or null. */
  latestForConversation(channelId: string, conversationId: string): Preapplication | null;
}

interface Row {
  reference: string; name: string; phone: string; county: string | null; matter: string; summary: string;
  eligibility: string; status: Status; conversation_id: string; channel_id: string; created_at: string; updated_at: string;
}

function migrate(db: Db): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS preapplications (
      reference TEXT PRIMARY KEY, name TEXT NOT NULL, phone TEXT NOT NULL, county TEXT, matter TEXT NOT NULL,
      summary TEXT NOT NULL, eligibility TEXT NOT NULL, status TEXT NOT NULL, conversation_id TEXT NOT NULL,
      channel_id TEXT NOT NULL, user_id TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS preapplications_conversation ON preapplications (channel_id, conversation_id, created_at);
    CREATE TABLE IF NOT EXISTS preapplication_history (
      id INTEGER PRIMARY KEY, reference TEXT NOT NULL REFERENCES preapplications(reference),
      at TEXT NOT NULL, actor TEXT NOT NULL, from_status TEXT, to_status TEXT NOT NULL, note TEXT);`);
}

/**
 * Opens the pre-application tables in `db` (creating them when missing).
 * @example const store = createPreapplicationStore(db); store.changeStatus('LA-20261126-4821', 'under_review', 'agent1');
 */
export function createPreapplicationStore(
  db: Db,
  options: { now?: () => Date; newReference?: (date: Date) => string } = {},
): PreapplicationStore {
  migrate(db);
  const now = options.now ?? (() => new Date());
  const newReference = options.newReference ?? newReferenceNumber;
  const select = db.prepare<[string], Row>('SELECT * FROM preapplications WHERE reference = ?');
  const history = db.prepare<[string], { at: string; actor: string; from_status: Status | null; to_status: Status; note: string | null }>(
    'SELECT at, actor, from_status, to_status, note FROM preapplication_history WHERE reference = ? ORDER BY id');
  const addHistory = db.prepare('INSERT INTO preapplication_history (reference, at, actor, from_status, to_status, note) VALUES (?, ?, ?, ?, ?, ?)');

  const load = (reference: string): Preapplication | null => {
    const row = select.get(reference);
    if (!row) return null;
    const changes: StatusChange[] = history.all(reference).map((h) => ({ at: h.at, actor: h.actor, from: h.from_status, to: h.to_status, note: h.note }));
    return {
      reference: row.reference, name: row.name, phone: row.phone, county: row.county,
      matter: row.matter as Preapplication['matter'], summary: row.summary, eligibility: JSON.parse(row.eligibility),
      status: row.status, conversationId: row.conversation_id, channelId: row.channel_id,
      createdAt: row.created_at, updatedAt: row.updated_at, history: changes,
    };
  };

  return {
    create(input) {
      const parsed = newPreapplicationSchema.safeParse(input);
      if (!parsed.success) throw new InputError(formatZodIssues(parsed.error));
      const p = parsed.data;
      const at = now();
      const stamp = at.toISOString();
      const insert = db.transaction((reference: string) => {
        db.prepare(`INSERT INTO preapplications (reference, name, phone, county, matter, summary, eligibility, status,
          conversation_id, channel_id, user_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'submitted', ?, ?, ?, ?, ?)`)
          .run(reference, p.name, p.phone, p.county, p.matter, p.summary, JSON.stringify(p.eligibility),
            p.conversationId, p.channelId, p.userId ?? null, stamp, stamp);
        addHistory.run(reference, stamp, 'citizen', null, 'submitted', null);
      });
      // Four random digits give 10,000 numbers a day: retry on a clash, and give up loudly if the day is full.
      for (let attempt = 0; attempt < 50; attempt++) {
        const reference = newReference(at);
        if (select.get(reference)) continue;
        insert(reference);
        return load(reference)!;
      }
      throw new Error('could not find a free pre-application reference number');
    },
    get: load,
    changeStatus(reference, to, actor, note) {
      return db.transaction((): StatusChangeResult => {
        const row = select.get(reference);
        if (!row) return { ok: false, reason: 'not_found' };
        if (!canTransition(row.status, to)) return { ok: false, reason: 'invalid_transition', from: row.status };
        const stamp = now().toISOString();
        db.prepare('UPDATE preapplications SET status = ?, updated_at = ? WHERE reference = ?').run(to, stamp, reference);
        addHistory.run(reference, stamp, actor, row.status, to, note ?? null);
        return { ok: true, record: load(reference)! };
      })();
    },
    latestForConversation(channelId, conversationId) {
      const row = db.prepare<[string, string], { reference: string }>(
        'SELECT reference FROM preapplications WHERE channel_id = ? AND conversation_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1')
        .get(channelId, conversationId);
      return row ? load(row.reference) : null;
    },
  };
}
