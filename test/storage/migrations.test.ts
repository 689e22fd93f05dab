/**
 * Versioned migrations: a state database written by release 0.1 (no migrations then) upgrades to today's schema
 * with every row still readable and every timestamp in epoch milliseconds; opening again applies nothing; a schema
 * newer than the code is refused. PostgreSQL has had versioned migrations from its first release: a fresh schema
 * is migrated once, and a newer one is refused the same way.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createConversationStore } from '../../src/channels/directline/conversation-store.js';
import { createTokenService } from '../../src/channels/directline/token-service.js';
import { loadConfig } from '../../src/config/config.js';
import { createHandoffStore } from '../../src/handoff/handoff-store.js';
import { openLawlineState } from '../../src/server/lawline-state.js';
import { migrate, schemaVersion, SchemaTooNewError } from '../../src/storage/migration.js';
import type { SqlClient } from '../../src/storage/sql-client.js';
import { openStateDatabase } from '../../src/storage/open-state-database.js';
import { POSTGRES_MIGRATIONS } from '../../src/storage/postgres/migrations.js';
import { createHandoffRepository } from '../../src/storage/repositories/handoff-repository.js';
import { SQLITE_MIGRATIONS } from '../../src/storage/sqlite/migrations.js';
import { createFeedbackRepository } from '../../src/storage/repositories/feedback-repository.js';
import { createUpkeepRepository } from '../../src/storage/repositories/upkeep-repository.js';
import { createHardshipStandardRepository } from '../../src/storage/repositories/hardship-standard-repository.js';
import { createAccountRepository } from '../../src/storage/repositories/account-repository.js';
import { createAuditRepository } from '../../src/storage/repositories/audit-repository.js';
import { createStaffCaseRepository } from '../../src/storage/repositories/staff-overlay-repository.js';
import { createPostgresClient } from '../../src/storage/postgres/postgres-client.js';
import { createSqliteClient } from '../../src/storage/sqlite/sqlite-client.js';
import { forEachBackend } from '../support/test-databases.js';

const RELEASE_0_1_TOKEN = 'uRkZyYI1tyqbMIGmIH_BY5BsmLg6yjigcDjyxutfaC4';
const AT = Date.parse('2026-11-26T08:00:00.000Z');
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

/** A folder holding lawline.sqlite as release 0.1 left it. */
function release01(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lawline-release-0.1-'));
  dirs.push(dir);
  const db = new Database(join(dir, 'lawline.sqlite'));
  db.exec(readFileSync(new URL('./fixtures/release-0.1-state.sql', import.meta.url), 'utf8'));
  db.close();
  return dir;
}

describe('upgrading a SQLite state database from release 0.1', () => {
  it('keeps every row readable through the stores and stores every timestamp as epoch ms', async () => {
    const dir = release01();
    const state = await openLawlineState(loadConfig({ LAWLINE_STATE_DIR: dir, LAWLINE_TRANSCRIPT_DAYS: '3650' }), { retention: false });
    try {
      expect(await schemaVersion(state.sql)).toBe(SQLITE_MIGRATIONS.length);
      // Accounts: usernames still match in any case, passwords and the old login token still work.
      expect(await state.accounts.authenticate(RELEASE_0_1_TOKEN)).toMatchObject({ username: 'Agent1', role: 'agent' });
      expect(await state.accounts.login('AGENT1', 'password1')).not.toBeNull();
      await expect(state.accounts.addUser({ username: 'DUTY1', password: 'password1', role: 'lawyer' })).rejects.toThrow(/already taken/);
      // Pre-applications with their audited history, times as before.
      const record = (await state.preapplications.get('LA-20261126-0042'))!;
      expect(record).toMatchObject({ name: '陈大文', status: 'under_review', createdAt: '2026-11-26T08:00:00.000Z' });
      expect(record.history.map((h) => [h.from, h.to, h.at])).toEqual([[null, 'submitted', '2026-11-26T08:00:00.000Z'], ['submitted', 'under_review', '2026-11-26T08:00:00.000Z']]);
      expect((await state.preapplications.latestForConversation('directline', 'conv'))?.reference).toBe('LA-20261126-0042');
      // Bot state and transcripts.
      expect((await state.storage.read(['directline/conversations/conv']))['directline/conversations/conv']).toMatchObject({ lastReference: 'LA-20261126-0042' });
      expect((await state.transcripts.getTranscriptActivities('directline', 'conv')).items.map((a) => a.text)).toEqual(['我想找律师']);
      // Direct Line: the log, the next seq, and the signing key (tokens issued before the upgrade still verify).
      const conversations = createConversationStore(state.sql);
      expect((await conversations.after('conv', undefined)).activities.map((a) => a.text)).toEqual(['您好', '我想找律师']);
      expect((await conversations.append('conv', [{ type: 'message', text: '新消息' }])).watermark).toBe('2');
      const key = await conversations.signingKey();
      expect(key.toString('base64')).toBe('nAq9tGlXOr7lA0/zihHSkjGo+gSh5SKtLaioLSDDol0=');
      expect(createTokenService(key).verify(createTokenService(key).issue('conv').token)).toMatchObject({ ok: true });
      expect((await conversations.get('conv'))?.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      // Hand-off: the open ticket keeps its place, with its message and the lawyer's presence.
      const handoff = createHandoffStore(createHandoffRepository(state.sql));
      await handoff.refresh();
      expect(handoff.queue().map((t) => [t.id, t.status, t.topic])).toEqual([['HTEST1', 'queued', '劳动纠纷']]);
      expect((await handoff.messages('HTEST1')).map((m) => m.text)).toEqual(['还在吗']);
      expect(handoff.presence().get('duty1')).toEqual({ status: 'online', lastSeen: AT });
      // One representation for time: integers, in every column that held ISO text before.
      const types = await state.sql.all<{ t: string }>(`
        SELECT typeof(created_at) AS t FROM accounts UNION ALL SELECT typeof(expires_at) FROM auth_tokens
        UNION ALL SELECT typeof(created_at) FROM preapplications UNION ALL SELECT typeof(at) FROM preapplication_history
        UNION ALL SELECT typeof(updated_at) FROM bot_state UNION ALL SELECT typeof(created_at) FROM directline_conversations
        UNION ALL SELECT typeof(created_at) FROM directline_activities`);
      expect(new Set(types.map((r) => r.t))).toEqual(new Set(['integer']));
      expect(await state.sql.get('SELECT created_at FROM accounts WHERE id = 1')).toEqual({ created_at: AT });
      // The workspace (version 3): accounts rebuilt for the supervisor role keep their tokens; the new stores work.
      await state.accounts.addUser({ username: 'sup1', password: 'password1', role: 'supervisor' });
      expect((await state.accounts.login('sup1', 'password1'))?.account.role).toBe('supervisor');
      expect(await state.accounts.authenticate(RELEASE_0_1_TOKEN)).toMatchObject({ username: 'Agent1' });
      expect(await createHardshipStandardRepository(state.sql).current()).toBeNull();
      await createFeedbackRepository(state.sql).insert({ conversationId: 'conv', question: '?', helpful: true, comment: null, createdAt: AT, day: '2026-11-26' });
      expect(await createFeedbackRepository(state.sql).counts({ from: '2026-11-26', to: '2026-11-26' })).toEqual({ helpful: 1, notHelpful: 0 });
    } finally {
      await state.close();
    }
  });

  it('applies nothing the second time, and refuses a schema newer than the code', async () => {
    const dir = release01();
    const first = await openStateDatabase({ dir });
    expect(await migrate(first, SQLITE_MIGRATIONS)).toEqual([]);
    await first.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [SQLITE_MIGRATIONS.length + 1, 'from the future', 0]);
    await first.close();
    await expect(openStateDatabase({ dir })).rejects.toThrow(SchemaTooNewError);
  });

  it('upgrades an empty release-0.1 database (nothing but the tables) as well', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lawline-empty-0.1-'));
    dirs.push(dir);
    const db = new Database(join(dir, 'lawline.sqlite'));
    db.exec(readFileSync(new URL('./fixtures/release-0.1-state.sql', import.meta.url), 'utf8').split('\n').filter((l) => !l.startsWith('INSERT')).join('\n'));
    db.close();
    const sql = await openStateDatabase({ dir });
    expect(await schemaVersion(sql)).toBe(SQLITE_MIGRATIONS.length);
    await sql.close();
  });
});

forEachBackend('migrations', (backend) => {
  const migrations = () => (backend.name === 'postgres' ? POSTGRES_MIGRATIONS : SQLITE_MIGRATIONS);
  /**
   * Writes a database of the schema before the migration named `before` (found by name: migrations are renumbered
   * as they are added), lets `seed` write to it, then opens it as lawline does (which migrates it) for `check`.
   */
  async function upgradeFrom(before: string, seed: (raw: SqlClient) => Promise<void>, check: (sql: SqlClient) => Promise<void>): Promise<void> {
    const all = migrations();
    const at = all.findIndex((m) => m.name.startsWith(before));
    expect(at).toBeGreaterThan(0);
    const fresh = await backend.fresh();
    try {
      const raw = fresh.url
        ? await createPostgresClient(fresh.url)
        : createSqliteClient(new Database(join(fresh.env.LAWLINE_STATE_DIR!, 'lawline.sqlite')));
      await migrate(raw, all.slice(0, at));
      await seed(raw);
      await raw.close();
      const sql = await openStateDatabase({ url: fresh.url, dir: fresh.env.LAWLINE_STATE_DIR ?? tmpdir() });
      try {
        expect(await schemaVersion(sql)).toBe(all.length);
        await check(sql);
      } finally {
        await sql.close();
      }
    } finally {
      await fresh.drop();
    }
  }

  it('upgrades a database of the schema before the workspace: accounts and tokens kept, supervisors allowed after', async () => {
    await upgradeFrom('supervisor role', async (raw) => {
      const before = createAccountRepository(raw);
      const id = (await before.insert({ username: 'Old1', passwordHash: 'x', role: 'agent', createdAt: AT }))!;
      await before.addToken({ tokenHash: 'h', accountId: id, expiresAt: AT + 1000, createdAt: AT });
      await expect(before.insert({ username: 'sup', passwordHash: 'x', role: 'supervisor', createdAt: AT })).rejects.toThrow();
    }, async (sql) => {
      const after = createAccountRepository(sql);
      expect((await after.byToken('h', AT))?.username).toBe('Old1');
      expect(await after.insert({ username: 'sup', passwordHash: 'x', role: 'supervisor', createdAt: AT })).not.toBeNull();
      expect(await after.insert({ username: 'OLD1', passwordHash: 'x', role: 'agent', createdAt: AT })).toBeNull(); // still unique in any case
      await expect(after.insert({ username: 'boss', passwordHash: 'x', role: 'root', createdAt: AT })).rejects.toThrow();
      expect(await createHardshipStandardRepository(sql).current()).toBeNull();
      expect(await createStaffCaseRepository(sql).list()).toEqual([]);
    });
  });

  it('upgrades a database from before the staff-kept data: its audit is kept and listed with the new login audit', async () => {
    await upgradeFrom('staff-kept cases', async (raw) => {
      await createHardshipStandardRepository(raw).set({ year: 2025, incomeFen: 100, source: 'https://example.invalid/x', updatedBy: 'boss', updatedAt: AT });
      await createHandoffRepository(raw).audit('T1', 'duty1', 'accepted', null, AT + 1);
    }, async (sql) => {
      const audit = createAuditRepository(sql);
      await audit.recordLogin({ username: 'boss', event: 'success', detail: null, at: AT + 2 });
      const { rows } = await audit.list({ sources: { login: {}, handoff: {}, staffData: {} }, limit: 10, offset: 0 });
      expect(rows.map((r) => [r.source, r.actor])).toEqual([['login', 'boss'], ['handoff', 'duty1'], ['staff_data', 'boss']]);
      expect((await createHardshipStandardRepository(sql).current())?.incomeFen).toBe(100);
    });
  });

  it('upgrades a database from before knowledge upkeep: feedback kept, an empty queue at knowledge version 0', async () => {
    await upgradeFrom('knowledge upkeep', async (raw) => {
      await createFeedbackRepository(raw).insert({ conversationId: 'c', question: '狗咬人', helpful: false, comment: null, createdAt: AT, day: '2026-11-26' });
    }, async (sql) => {
      expect(await createFeedbackRepository(sql).counts({ from: '2026-11-26', to: '2026-11-26' })).toEqual({ helpful: 0, notHelpful: 1 });
      const upkeep = createUpkeepRepository(sql);
      expect(await upkeep.version()).toBe(0);
      expect(await upkeep.queue({ limit: 5, examples: 1 })).toEqual([]);
    });
  });

  it('a fresh database gets every version once, in order', async () => {
    const sql = await backend.open();
    try {
      const all = migrations();
      expect(await schemaVersion(sql)).toBe(all.length);
      expect(await migrate(sql, all)).toEqual([]);
      const log = await sql.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(log.map((r) => Number(r.version))).toEqual(all.map((m) => m.version));
      await sql.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [all.length + 1, 'from the future', 0]);
      await expect(migrate(sql, all)).rejects.toThrow(SchemaTooNewError);
    } finally {
      await sql.close();
    }
  });
});
