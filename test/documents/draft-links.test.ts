import { randomBytes } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { createDraftLinks } from '../../src/documents/draft-links.js';
import type { DraftSpec } from '../../src/documents/draft-request.js';
import { GoneError, NotFoundError } from '../../src/errors.js';
import { createDocumentDraftRepository } from '../../src/storage/repositories/document-draft-repository.js';
import type { SqlClient } from '../../src/storage/sql-client.js';
import { forEachBackend } from '../support/test-databases.js';

const MINUTE = 60_000;
const draft: DraftSpec = {
  kind: 'mediation_application',
  fields: { applicant: { name: '黄丽', idNumber: '441802199001011234' }, respondent: { name: '邻居甲' }, claims: ['停止漏水'], facts: '楼上漏水', evidence: [] },
};
const origin = { channelId: 'directline', conversationId: 'conv-1' };

const opened: SqlClient[] = [];
afterAll(async () => {
  for (const sql of opened) await sql.close();
});

forEachBackend('document draft links', (backend) => {
  const setup = async () => {
    const sql = await backend.open();
    opened.push(sql);
    let now = Date.UTC(2026, 11, 4, 8, 0, 0);
    const repo = createDocumentDraftRepository(sql);
    const links = createDraftLinks(repo, randomBytes(32), { ttlMs: 30 * MINUTE, now: () => now });
    return { sql, repo, links, advance: (ms: number) => { now += ms; } };
  };

  it('opens a draft until the link expires, then answers gone', async () => {
    const { links, advance } = await setup();
    const { token } = await links.issue(draft, origin);
    expect(await links.open(token)).toEqual(draft);
    advance(30 * MINUTE - 1);
    expect((await links.open(token)).fields.applicant.name).toBe('黄丽');
    advance(1);
    await expect(links.open(token)).rejects.toBeInstanceOf(GoneError);
  });

  it('refuses a forged or altered link as unknown, and a link signed with another key', async () => {
    const { links, repo } = await setup();
    const { token, id } = await links.issue(draft, origin);
    const [, expiry, mac] = token.split('.');
    await expect(links.open(`${id}.${Number(expiry) + 3_600_000}.${mac}`)).rejects.toBeInstanceOf(NotFoundError);
    await expect(links.open('not-a-token')).rejects.toBeInstanceOf(NotFoundError);
    const other = createDraftLinks(repo, randomBytes(32), { ttlMs: 30 * MINUTE });
    await expect(other.open(token)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('deletes expired drafts when the next one is stored', async () => {
    const { links, sql, advance } = await setup();
    const first = await links.issue(draft, origin);
    advance(31 * MINUTE);
    await links.issue(draft, origin);
    expect(await sql.get('SELECT id FROM document_drafts WHERE id = ?', [first.id])).toBeUndefined();
  });

  it('keeps a draft with a pre-application only from its own conversation and before expiry', async () => {
    const { links, advance } = await setup();
    const { token, id } = await links.issue(draft, origin);
    expect(await links.keepWith(token, { channelId: 'directline', conversationId: 'someone-else' }, 'LA-20261204-0001')).toBe(false);
    expect(await links.keepWith(token, origin, 'LA-20261204-0001')).toBe(true);
    advance(31 * MINUTE);
    // Kept: it outlives the link and belongs to the pre-application.
    await links.issue(draft, origin);
    expect(await links.kept('LA-20261204-0001')).toEqual([{ id, kind: 'mediation_application', createdAt: expect.any(String) }]);
    expect(await links.keptDraft('LA-20261204-0001', id)).toEqual(draft);
    await expect(links.keptDraft('LA-20261204-0002', id)).rejects.toBeInstanceOf(NotFoundError);
    const late = await links.issue(draft, origin);
    advance(31 * MINUTE);
    expect(await links.keepWith(late.token, origin, 'LA-20261204-0001')).toBe(false);
  });
});
