/**
 * @module storage/repositories/document-draft-repository
 * Drafts behind download links (until they expire) and drafts kept with a pre-application. Expired rows are
 * deleted whenever a new draft is stored, so personal data does not outlive its link by more than one draft.
 */
import type { SqlClient } from '../sql-client.js';

export interface DocumentDraftRow {
  id: string; kind: string; draft: string; channelId: string; conversationId: string;
  preapplicationRef: string | null; createdAt: number; expiresAt: number | null;
}

export interface DocumentDraftRepository {
  /** Stores a draft, deleting the drafts whose links expired before `now`. */
  insert(row: DocumentDraftRow, now: number): Promise<void>;
  get(id: string): Promise<DocumentDraftRow | undefined>;
  /** Keeps an unexpired draft of a conversation with a pre-application (no expiry from now on); false when there is none. */
  keep(id: string, conversation: { channelId: string; conversationId: string }, reference: string, now: number): Promise<boolean>;
  /** The drafts kept with a pre-application, oldest first. */
  forPreapplication(reference: string): Promise<DocumentDraftRow[]>;
}

type Row = {
  id: string; kind: string; draft: string; channel_id: string; conversation_id: string;
  preapplication_ref: string | null; created_at: number | string; expires_at: number | string | null;
};

const fromRow = (r: Row): DocumentDraftRow => ({
  id: r.id, kind: r.kind, draft: r.draft, channelId: r.channel_id, conversationId: r.conversation_id,
  preapplicationRef: r.preapplication_ref, createdAt: Number(r.created_at), expiresAt: r.expires_at === null ? null : Number(r.expires_at),
});

/** @example const repo = createDocumentDraftRepository(sql); await repo.get(id); */
export function createDocumentDraftRepository(sql: SqlClient): DocumentDraftRepository {
  return {
    async insert(d, now) {
      await sql.run('DELETE FROM document_drafts WHERE expires_at IS NOT NULL AND expires_at <= ?', [now]);
      await sql.run(`INSERT INTO document_drafts (id, kind, draft, channel_id, conversation_id, preapplication_ref, created_at, expires_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, [d.id, d.kind, d.draft, d.channelId, d.conversationId, d.preapplicationRef, d.createdAt, d.expiresAt]);
    },
    async get(id) {
      const row = await sql.get<Row>('SELECT * FROM document_drafts WHERE id = ?', [id]);
      return row ? fromRow(row) : undefined;
    },
    async keep(id, conversation, reference, now) {
      const changed = await sql.run(`UPDATE document_drafts SET preapplication_ref = ?, expires_at = NULL
        WHERE id = ? AND channel_id = ? AND conversation_id = ? AND expires_at IS NOT NULL AND expires_at > ?`,
      [reference, id, conversation.channelId, conversation.conversationId, now]);
      return changed > 0;
    },
    async forPreapplication(reference) {
      const rows = await sql.all<Row>('SELECT * FROM document_drafts WHERE preapplication_ref = ? ORDER BY created_at, id', [reference]);
      return rows.map(fromRow);
    },
  };
}
