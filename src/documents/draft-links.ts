/**
 * @module documents/draft-links
 * Short-lived download links for drafts made in a conversation, and drafts a citizen asked to keep with a
 * pre-application. A link is `id.expiry.signature` (HMAC-SHA256 with a key derived from the deployment's token key),
 * so a forged or altered link is refused without a database read, and an expired one is told apart (410) from one
 * that never existed (404). The draft's fields live in the database only until the link expires; the file itself is
 * rendered on each download and never stored.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { GoneError, NotFoundError, InputError } from '../errors.js';
import type { DocumentDraftRepository, DocumentDraftRow } from '../storage/repositories/document-draft-repository.js';
import { draftSpecSchema, type DraftSpec } from './draft-request.js';

export interface DraftOrigin { channelId: string; conversationId: string }
export interface IssuedLink { token: string; id: string; expiresAt: number }
export interface KeptDraft { id: string; kind: string; createdAt: string }

export interface DraftLinks {
  /** Stores `draft` for a link that works for the configured time. */
  issue(draft: DraftSpec, origin: DraftOrigin): Promise<IssuedLink>;
  /** The draft behind a link: NotFoundError when the link is unknown or forged, GoneError when it expired. */
  open(token: string): Promise<DraftSpec>;
  /** Keeps the draft of an unexpired link of this conversation with pre-application `reference`; false when the link is gone. */
  keepWith(token: string, origin: DraftOrigin, reference: string): Promise<boolean>;
  /** The drafts kept with a pre-application. */
  kept(reference: string): Promise<KeptDraft[]>;
  /** One draft kept with a pre-application, or NotFoundError. */
  keptDraft(reference: string, id: string): Promise<DraftSpec>;
}

/** Where a link is downloaded: this path, the token, and `?format=docx|pdf`. */
export const DOWNLOAD_PATH = '/api/v1/documents/download/';

export const LINK_EXPIRED_MESSAGE = '这个下载链接已过期（链接只在生成后短时间内有效，草稿不作保存）。请回到对话中重新生成草稿。';
const UNKNOWN_LINK_MESSAGE = '下载链接无效。请回到对话中重新生成草稿。';

function parse(row: DocumentDraftRow): DraftSpec {
  const result = draftSpecSchema.safeParse(JSON.parse(row.draft));
  // A row this code wrote always parses; one that does not is a bug, not the caller's fault.
  if (!result.success) throw new Error(`document draft ${row.id} is not a valid draft`);
  return result.data;
}

/**
 * @example const links = createDraftLinks(createDocumentDraftRepository(sql), key, { ttlMs: 30 * 60_000 });
 */
export function createDraftLinks(repo: DocumentDraftRepository, key: Buffer, options: { ttlMs: number; now?: () => number }): DraftLinks {
  const now = options.now ?? Date.now;
  const linkKey = createHmac('sha256', key).update('lawline document download links').digest();
  const sign = (body: string) => createHmac('sha256', linkKey).update(body).digest('base64url');

  /** The id and expiry of a well-signed token, else null. */
  const verify = (token: string): { id: string; expiresAt: number } | null => {
    const m = /^([A-Za-z0-9_-]{16,64})\.(\d{10,16})\.([A-Za-z0-9_-]{43})$/.exec(token);
    if (!m) return null;
    const expected = Buffer.from(sign(`${m[1]}.${m[2]}`));
    const given = Buffer.from(m[3]!);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return { id: m[1]!, expiresAt: Number(m[2]) };
  };

  const live = async (token: string): Promise<DocumentDraftRow> => {
    const checked = verify(token);
    if (!checked) throw new NotFoundError(UNKNOWN_LINK_MESSAGE);
    if (checked.expiresAt <= now()) throw new GoneError(LINK_EXPIRED_MESSAGE);
    const row = await repo.get(checked.id);
    // Kept with a pre-application: the link still works until its own expiry, which the signature carries.
    if (!row) throw new GoneError(LINK_EXPIRED_MESSAGE);
    return row;
  };

  return {
    async issue(draft, origin) {
      const at = now();
      const id = randomBytes(16).toString('base64url');
      const expiresAt = at + options.ttlMs;
      await repo.insert({
        id, kind: draft.kind, draft: JSON.stringify(draft), channelId: origin.channelId, conversationId: origin.conversationId,
        preapplicationRef: null, createdAt: at, expiresAt,
      }, at);
      return { token: `${id}.${expiresAt}.${sign(`${id}.${expiresAt}`)}`, id, expiresAt };
    },
    async open(token) {
      return parse(await live(token));
    },
    async keepWith(token, origin, reference) {
      const checked = verify(token);
      if (!checked || checked.expiresAt <= now()) return false;
      return repo.keep(checked.id, origin, reference, now());
    },
    async kept(reference) {
      const rows = await repo.forPreapplication(reference);
      return rows.map((r) => ({ id: r.id, kind: r.kind, createdAt: new Date(r.createdAt).toISOString() }));
    },
    async keptDraft(reference, id) {
      if (!/^[A-Za-z0-9_-]{16,64}$/.test(id)) throw new InputError('id: expected a draft id');
      const row = await repo.get(id);
      if (!row || row.preapplicationRef !== reference) throw new NotFoundError('draft not found');
      return parse(row);
    },
  };
}
