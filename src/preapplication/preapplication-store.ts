/**
 * @module preapplication/preapplication-store
 * Pre-applications in SQLite with an audited status history (who, when, from, to, note).
 */
import { InputError, formatZodIssues } from '../errors.js';
import type { PreapplicationRepository, PreapplicationRow } from '../storage/repositories/preapplication-repository.js';
import { toIso } from '../storage/sql-client.js';
import {
  newPreapplicationSchema,
  type NewPreapplication,
  type Preapplication,
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
  create(input: NewPreapplication): Promise<Preapplication>;
  get(reference: string): Promise<Preapplication | null>;
  /** Moves a pre-application to `to`, recording `actor` and `note` in the history. */
  changeStatus(reference: string, to: Status, actor: string, note?: string): Promise<StatusChangeResult>;
  /** The newest pre-application made in a conversation, or null. */
  latestForConversation(channelId: string, conversationId: string): Promise<Preapplication | null>;
}

/**
 * Pre-applications over their repository.
 * @example const store = createPreapplicationStore(createPreapplicationRepository(sql)); await store.changeStatus('LA-20261126-4821', 'under_review', 'agent1');
 */
export function createPreapplicationStore(
  repo: PreapplicationRepository,
  options: { now?: () => Date; newReference?: (date: Date) => string } = {},
): PreapplicationStore {
  const now = options.now ?? (() => new Date());
  const newReference = options.newReference ?? newReferenceNumber;

  const load = async (reference: string): Promise<Preapplication | null> => {
    const found = await repo.get(reference);
    if (!found) return null;
    const { row } = found;
    return {
      reference: row.reference, name: row.name, phone: row.phone, county: row.county,
      matter: row.matter as Preapplication['matter'], summary: row.summary, eligibility: JSON.parse(row.eligibility),
      status: row.status as Status, conversationId: row.conversationId, channelId: row.channelId,
      createdAt: toIso(row.createdAt), updatedAt: toIso(row.updatedAt),
      history: found.history.map((h) => ({ at: toIso(h.at), actor: h.actor, from: h.fromStatus as Status | null, to: h.toStatus as Status, note: h.note })),
    };
  };

  return {
    async create(input) {
      const parsed = newPreapplicationSchema.safeParse(input);
      if (!parsed.success) throw new InputError(formatZodIssues(parsed.error));
      const p = parsed.data;
      const at = now();
      const stamp = at.getTime();
      // Four random digits give 10,000 numbers a day: retry on a clash, and give up loudly if the day is full.
      for (let attempt = 0; attempt < 50; attempt++) {
        const reference = newReference(at);
        const row: PreapplicationRow = {
          reference, name: p.name, phone: p.phone, county: p.county, matter: p.matter, summary: p.summary,
          eligibility: JSON.stringify(p.eligibility), status: 'submitted', conversationId: p.conversationId, channelId: p.channelId,
          userId: p.userId ?? null, createdAt: stamp, updatedAt: stamp,
        };
        if (await repo.insert(row, { at: stamp, actor: 'citizen', fromStatus: null, toStatus: 'submitted', note: null })) return (await load(reference))!;
      }
      throw new Error('could not find a free pre-application reference number');
    },
    get: load,
    async changeStatus(reference, to, actor, note) {
      const result = await repo.changeStatus(reference, (from) => canTransition(from as Status, to), to, { at: now().getTime(), actor, note: note ?? null });
      if (result.from === null) return { ok: false, reason: 'not_found' };
      if (!result.changed) return { ok: false, reason: 'invalid_transition', from: result.from as Status };
      return { ok: true, record: (await load(reference))! };
    },
    async latestForConversation(channelId, conversationId) {
      const reference = await repo.latestForConversation(channelId, conversationId);
      return reference ? load(reference) : null;
    },
  };
}
