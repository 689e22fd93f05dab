/**
 * Contract suites of the stores behind the data staff keep and the audit API, against every backend: staff cases
 * and offices overlaying the files (audited with old and new value), and the audit list merged from the login,
 * hand-off and staff-data audits with filters and paging. On SQLite the audit query's plan is checked to read
 * every table through an index.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../../src/errors.js';
import { createAuditRepository, type AuditListQuery } from '../../src/storage/repositories/audit-repository.js';
import { createHandoffRepository } from '../../src/storage/repositories/handoff-repository.js';
import { createHardshipStandardRepository } from '../../src/storage/repositories/hardship-standard-repository.js';
import {
  caseSubject, createStaffCaseRepository, createStaffOfficeRepository, officeSubject,
} from '../../src/storage/repositories/staff-overlay-repository.js';
import type { SqlClient, SqlValue } from '../../src/storage/sql-client.js';
import { forEachBackend, SQLITE } from '../support/test-databases.js';

const T0 = Date.parse('2026-12-01T09:00:00+08:00');
const MIN = 60_000;

forEachBackend('staff overlay store contract (cases, offices)', (backend) => {
  let sql: SqlClient;
  beforeEach(async () => { sql = await backend.open(); });
  afterEach(async () => sql.close());

  it('keeps the latest version of each item and audits each change with the old value (the file\'s the first time)', async () => {
    const cases = createStaffCaseRepository(sql);
    expect(await cases.list()).toEqual([]);
    expect(await cases.lastChange()).toEqual({ count: 0, at: 0 });
    const fileDoc = JSON.stringify({ id: '2021-civil-code-01', year: 2021, title: '文件版' });
    const first = { id: '2021-civil-code-01', doc: JSON.stringify({ id: '2021-civil-code-01', year: 2021, title: '改一' }), updatedBy: 'boss', updatedAt: T0 };
    expect(await cases.put(first, fileDoc)).toBeNull();
    const second = { ...first, doc: JSON.stringify({ id: '2021-civil-code-01', year: 2021, title: '改二' }), updatedBy: 'chief', updatedAt: T0 + MIN };
    expect(await cases.put(second, fileDoc)).toEqual(first);
    const added = { id: '2026-staff-01', doc: JSON.stringify({ id: '2026-staff-01', year: 2026, title: '新增' }), updatedBy: 'boss', updatedAt: T0 + 2 * MIN };
    expect(await cases.put(added, null, { create: true })).toBeNull();
    await expect(cases.put({ ...added, updatedAt: T0 + 3 * MIN }, null, { create: true })).rejects.toBeInstanceOf(ConflictError);
    expect(await cases.list()).toEqual([second, added]);
    expect(await cases.lastChange()).toEqual({ count: 2, at: T0 + 2 * MIN });

    const audit = createHardshipStandardRepository(sql);
    const edits = await audit.audit(caseSubject('2021-civil-code-01'));
    expect(edits.map((e) => [e.actor, e.at, e.oldValue, e.newValue])).toEqual([
      ['boss', T0, fileDoc, first.doc],
      ['chief', T0 + MIN, first.doc, second.doc],
    ]);
    expect((await audit.audit(caseSubject('2026-staff-01'))).map((e) => [e.oldValue, e.newValue])).toEqual([[null, added.doc]]);
  });

  it('keeps offices apart from cases', async () => {
    const offices = createStaffOfficeRepository(sql);
    const row = { id: 'city-notary', doc: JSON.stringify({ id: 'city-notary', phone: { value: '0000-0000000', confirmed: false } }), updatedBy: 'boss', updatedAt: T0 };
    expect(await offices.put(row, '{"id":"city-notary"}')).toBeNull();
    expect(await offices.list()).toEqual([row]);
    expect(await createStaffCaseRepository(sql).list()).toEqual([]);
    expect((await createHardshipStandardRepository(sql).audit(officeSubject('city-notary'))).map((e) => e.oldValue)).toEqual(['{"id":"city-notary"}']);
  });
});

/** Login attempts, hand-off events and staff-data changes of one morning, a minute apart. */
async function seedAudit(sql: SqlClient) {
  const repo = createAuditRepository(sql);
  const handoff = createHandoffRepository(sql);
  const staff = createStaffOfficeRepository(sql);
  await repo.recordLogin({ username: 'boss', event: 'failure', detail: '{"ip":"10.0.0.1"}', at: T0 });
  await repo.recordLogin({ username: 'boss', event: 'success', detail: '{"ip":"10.0.0.1"}', at: T0 + MIN });
  await handoff.audit('t1', 'duty1', 'accepted', null, T0 + 2 * MIN);
  await staff.put({ id: 'city-notary', doc: '{}', updatedBy: 'boss', updatedAt: T0 + 3 * MIN }, null);
  await handoff.audit('t1', 'duty1', 'closed', '{"note":"ok"}', T0 + 4 * MIN);
  await repo.recordLogin({ username: 'eve', event: 'locked', detail: '{"ip":"10.0.0.9","lockedForMs":30000}', at: T0 + 5 * MIN });
  return repo;
}

const ALL = { login: {}, handoff: {}, staffData: {} };

forEachBackend('audit store contract', (backend) => {
  let sql: SqlClient;
  beforeEach(async () => { sql = await backend.open(); });
  afterEach(async () => sql.close());

  it('merges the three audits newest first, a page at a time', async () => {
    const repo = await seedAudit(sql);
    const page1 = await repo.list({ sources: ALL, limit: 4, offset: 0 });
    expect(page1.more).toBe(true);
    expect(page1.rows.map((r) => [r.source, r.actor, r.event ?? r.subject])).toEqual([
      ['login', 'eve', 'locked'], ['handoff', 'duty1', 'closed'], ['staff_data', 'boss', 'office:city-notary'], ['handoff', 'duty1', 'accepted'],
    ]);
    expect(page1.rows[0]).toMatchObject({ at: T0 + 5 * MIN, detail: '{"ip":"10.0.0.9","lockedForMs":30000}', subject: null });
    expect(page1.rows[1]).toMatchObject({ subject: 't1', detail: '{"note":"ok"}' });
    expect(page1.rows[2]).toMatchObject({ oldValue: null, newValue: '{}' });
    const page2 = await repo.list({ sources: ALL, limit: 4, offset: 4 });
    expect(page2).toMatchObject({ more: false });
    expect(page2.rows.map((r) => [r.actor, r.event])).toEqual([['boss', 'success'], ['boss', 'failure']]);
  });

  it('filters by actor, by table and event, and by period (inclusive start, exclusive end)', async () => {
    const repo = await seedAudit(sql);
    const list = async (q: Partial<AuditListQuery>) => (await repo.list({ sources: ALL, limit: 50, offset: 0, ...q })).rows.map((r) => r.at - T0);
    expect(await list({ actor: 'boss' })).toEqual([3 * MIN, MIN, 0]);
    expect(await list({ sources: { login: {} } })).toEqual([5 * MIN, MIN, 0]);
    expect(await list({ sources: { login: { event: 'failure' } } })).toEqual([0]);
    expect(await list({ sources: { handoff: { event: 'closed' } } })).toEqual([4 * MIN]);
    expect(await list({ sources: { staffData: { kind: 'other' } } })).toEqual([3 * MIN]);
    expect(await list({ sources: { staffData: { kind: 'transcript' } } })).toEqual([]);
    expect(await list({ fromMs: T0 + MIN, toMs: T0 + 4 * MIN })).toEqual([3 * MIN, 2 * MIN, MIN]);
    expect(await list({ actor: 'boss', sources: { login: {} }, fromMs: T0 + 1 })).toEqual([MIN]);
    expect(await list({ sources: {} })).toEqual([]);
  });

  it('leaves one actor\'s hand-off rows out when asked (the citizen\'s own steps)', async () => {
    const handoff = createHandoffRepository(sql);
    await handoff.audit('t9', 'citizen', 'created', null, T0);
    await handoff.audit('t9', 'duty1', 'accepted', null, T0 + MIN);
    const repo = createAuditRepository(sql);
    const actors = async (handoffSource: { notActor?: string }, actor?: string) =>
      (await repo.list({ sources: { handoff: handoffSource }, actor, limit: 10, offset: 0 })).rows.map((r) => r.actor);
    expect(await actors({})).toEqual(['duty1', 'citizen']);
    expect(await actors({ notActor: 'citizen' })).toEqual(['duty1']);
    expect(await actors({}, 'citizen')).toEqual(['citizen']);
  });

  it('tells transcript views and knowledge edits apart from other staff-data changes by their subject', async () => {
    const hardship = createHardshipStandardRepository(sql);
    await hardship.set({ year: 2025, incomeFen: 100, source: 'https://example.invalid/x', updatedBy: 'boss', updatedAt: T0 });
    const offices = createStaffOfficeRepository(sql);
    await offices.put({ id: 'transcript-like', doc: '{}', updatedBy: 'boss', updatedAt: T0 + MIN }, null); // subject office:…, not a transcript
    const repo = createAuditRepository(sql);
    const subjects = async (kind: 'transcript' | 'knowledge' | 'other') =>
      (await repo.list({ sources: { staffData: { kind } }, limit: 10, offset: 0 })).rows.map((r) => r.subject);
    // The transcript view and the knowledge upkeep write their own rows (subjects transcript:<id>, knowledge:<…>).
    const other = (subject: string, at: number) => sql.run('INSERT INTO staff_data_audit (subject, actor, at, old_value, new_value) VALUES (?, ?, ?, NULL, NULL)', [subject, 'boss', at]);
    await other('transcript:c-42', T0 + 2 * MIN);
    await other('knowledge:qa/dog-bite', T0 + 3 * MIN);
    expect(await subjects('other')).toEqual(['office:transcript-like', 'hardship_standard']);
    expect(await subjects('transcript')).toEqual(['transcript:c-42']);
    expect(await subjects('knowledge')).toEqual(['knowledge:qa/dog-bite']);
  });
});

describe('the audit query on SQLite', () => {
  it('reads every audit table through an index, filtered or not', async () => {
    const sql = await SQLITE.open();
    try {
      await seedAudit(sql);
      const seen: Array<[string, readonly SqlValue[]]> = [];
      const spy: SqlClient = { ...sql, all: async (text, params = []) => { seen.push([text, params]); return sql.all(text, params); } };
      const repo = createAuditRepository(spy);
      const queries: AuditListQuery[] = [
        { sources: ALL, limit: 50, offset: 0 },
        { sources: ALL, actor: 'boss', fromMs: T0, toMs: T0 + MIN, limit: 50, offset: 0 },
        { sources: { staffData: { kind: 'transcript' } }, limit: 50, offset: 0 },
      ];
      for (const q of queries) await repo.list(q);
      for (const [text, params] of seen) {
        const plan = (await sql.all<{ detail: string }>(`EXPLAIN QUERY PLAN ${text}`, params)).map((r) => r.detail);
        for (const table of ['login_audit', 'handoff_audit', 'staff_data_audit']) {
          if (!text.includes(`FROM ${table}`)) continue;
          expect(plan.filter((d) => new RegExp(`^SCAN ${table}\\b`).test(d) && !/USING (COVERING )?INDEX/.test(d)), `${table}: ${plan.join(' | ')}`).toEqual([]);
        }
      }
    } finally {
      await sql.close();
    }
  });
});
