/**
 * @module storage/document-draft-tables
 * The draft table, written once for both backends. A row holds what a draft is rendered from (never the file):
 * behind a download link it expires with the link and is deleted; kept with a pre-application (the citizen asked
 * for it) it has no expiry and belongs to that pre-application.
 */
export const documentDraftTables = (): string => `
CREATE TABLE document_drafts (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, draft TEXT NOT NULL, channel_id TEXT NOT NULL, conversation_id TEXT NOT NULL,
  preapplication_ref TEXT, created_at BIGINT NOT NULL, expires_at BIGINT);
CREATE INDEX document_drafts_expiry ON document_drafts (expires_at);
CREATE INDEX document_drafts_preapplication ON document_drafts (preapplication_ref);
`;
