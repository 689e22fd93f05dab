import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createAccountStore } from '../../src/accounts/account-store.js';
import { hashPassword, verifyPassword } from '../../src/accounts/password-hash.js';
import { runUserCommand } from '../../src/cli/user-command.js';
import { openStateSql } from '../../src/server/lawline-state.js';
import { createAccountRepository } from '../../src/storage/repositories/account-repository.js';
import type { SqlClient } from '../../src/storage/sql-client.js';
import { testConfig } from '../support/lawline.js';
import { forEachBackend } from '../support/test-databases.js';

describe('password hashes', () => {
  it('salts each hash and verifies only the right password', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsf', a)).toBe(false);
    expect(await verifyPassword('correct horse', 'md5$abc')).toBe(false);
  });
});

forEachBackend('account store contract', (backend) => {
  const opened: SqlClient[] = [];
  const open = async () => {
    const sql = await backend.open();
    opened.push(sql);
    return sql;
  };
  afterEach(async () => {
    for (const sql of opened.splice(0)) await sql.close();
  });

  it('adds users, refuses taken usernames (any case) and short passwords', async () => {
    const store = createAccountStore(createAccountRepository(await open()));
    expect(await store.addUser({ username: 'agent1', password: 'password1', role: 'agent' })).toMatchObject({ username: 'agent1', role: 'agent' });
    await expect(store.addUser({ username: 'AGENT1', password: 'password2', role: 'admin' })).rejects.toThrow(/already taken/);
    await expect(store.addUser({ username: 'x', password: 'short', role: 'agent' })).rejects.toThrow(/password: expected at least 8/);
    await expect(store.addUser({ username: 'y', password: 'password1', role: 'boss' as 'agent' })).rejects.toThrow(/role/);
  });

  it('issues opaque tokens stored only as hashes, which expire', async () => {
    const sql = await open();
    let now = new Date('2026-11-26T08:00:00Z');
    const store = createAccountStore(createAccountRepository(sql), { tokenTtlMs: 60_000, now: () => now });
    await store.addUser({ username: 'lawyer1', password: 'password1', role: 'lawyer' });
    expect(await store.login('lawyer1', 'wrong-password')).toBeNull();
    expect(await store.login('nobody', 'password1')).toBeNull();
    const issued = (await store.login('lawyer1', 'password1'))!;
    expect(issued.token).toMatch(/^[\w-]{40,}$/);
    expect(issued.expiresAt).toBe('2026-11-26T08:01:00.000Z');
    const rows = await sql.all<{ token_hash: string; expires_at: number }>('SELECT token_hash, expires_at FROM auth_tokens');
    expect(rows.map((r) => r.token_hash)).not.toContain(issued.token);
    expect(rows.map((r) => Number(r.expires_at))).toEqual([Date.parse('2026-11-26T08:01:00Z')]); // epoch ms, as every timestamp
    expect(await store.authenticate(issued.token)).toMatchObject({ username: 'lawyer1', role: 'lawyer' });
    expect(await store.authenticate(`${issued.token}x`)).toBeNull();
    now = new Date('2026-11-26T08:01:01Z');
    expect(await store.authenticate(issued.token)).toBeNull();
  });

  it('expires a token left unused for the idle period, slides it with use, and never past its whole lifetime', async () => {
    const sql = await open();
    let now = Date.parse('2026-11-26T08:00:00Z');
    const at = (hhmm: string) => (now = Date.parse(`2026-11-26T${hhmm}:00Z`));
    const store = createAccountStore(createAccountRepository(sql), { tokenTtlMs: 10 * 3_600_000, idleMs: 30 * 60_000, now: () => new Date(now) });
    await store.addUser({ username: 'agent7', password: 'password1', role: 'agent' });
    const { token, expiresAt } = (await store.login('agent7', 'password1'))!;
    expect(expiresAt).toBe('2026-11-26T08:30:00.000Z');
    at('08:25');
    expect(await store.authenticate(token)).not.toBeNull(); // used: now good until 08:55
    at('08:54');
    expect(await store.authenticate(token)).not.toBeNull(); // until 09:24
    at('09:25');
    expect(await store.authenticate(token)).toBeNull(); // 31 minutes unused
    // Used every 20 minutes, a token still ends 10 hours after login.
    at('08:00');
    const second = (await store.login('agent7', 'password1'))!.token;
    for (let m = 20; m < 600; m += 20) {
      now = Date.parse('2026-11-26T08:00:00Z') + m * 60_000;
      expect(await store.authenticate(second)).not.toBeNull();
    }
    now = Date.parse('2026-11-26T18:00:01Z');
    expect(await store.authenticate(second)).toBeNull();
  });

  it('a new password or a disabled account ends its tokens at once; a new password enables it again', async () => {
    const store = createAccountStore(createAccountRepository(await open()));
    await store.addUser({ username: 'lawyer5', password: 'password1', role: 'lawyer' });
    const first = (await store.login('lawyer5', 'password1'))!.token;
    await store.changePassword('Lawyer5', 'password2');
    expect(await store.authenticate(first)).toBeNull();
    expect(await store.login('lawyer5', 'password1')).toBeNull();
    const second = (await store.login('lawyer5', 'password2'))!.token;
    await store.disable('lawyer5');
    expect(await store.authenticate(second)).toBeNull();
    expect(await store.login('lawyer5', 'password2')).toBeNull();
    await store.changePassword('lawyer5', 'password3');
    expect(await store.login('lawyer5', 'password3')).not.toBeNull();
    await expect(store.changePassword('lawyer5', 'short')).rejects.toThrow(/password: expected at least 8/);
    await expect(store.disable('nobody')).rejects.toThrow(/username: no account "nobody"/);
  });

  it('revokes a token', async () => {
    const store = createAccountStore(createAccountRepository(await open()));
    await store.addUser({ username: 'admin1', password: 'password1', role: 'admin' });
    const { token } = (await store.login('admin1', 'password1'))!;
    await store.revoke(token);
    expect(await store.authenticate(token)).toBeNull();
  });

  it('accepts a token issued through another connection to the same database', async () => {
    const sql = await open();
    const issuer = createAccountStore(createAccountRepository(sql));
    await issuer.addUser({ username: 'Lawyer2', password: 'password1', role: 'lawyer' });
    const { token } = (await issuer.login('lawyer2', 'password1'))!;
    const other = createAccountStore(createAccountRepository(sql));
    expect(await other.authenticate(token)).toMatchObject({ username: 'Lawyer2' });
  });
});

describe('lawline user add, passwd and disable', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lawline-users-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const config = testConfig({ LAWLINE_STATE_DIR: dir });

  it('adds an account to the state database and never prints the password', async () => {
    const out: string[] = [];
    const code = await runUserCommand(['add', '--role', 'agent', '--username', 'u', '--password', 's3cret-pass'], config, (l) => out.push(l));
    expect(code).toBe(0);
    expect(JSON.parse(out[0]!)).toEqual({ ok: true, id: 1, username: 'u', role: 'agent' });
    expect(out.join('\n')).not.toContain('s3cret-pass');
    const sql = await openStateSql(config);
    expect(await createAccountStore(createAccountRepository(sql)).login('u', 's3cret-pass')).not.toBeNull();
    await sql.close();
  });

  it('adds a supervisor (read-only statistics role), who can log in', async () => {
    const out: string[] = [];
    expect(await runUserCommand(['add', '--role', 'supervisor', '--username', 'sup', '--password', 'sup-password'], config, (l) => out.push(l))).toBe(0);
    expect(JSON.parse(out[0]!)).toMatchObject({ ok: true, username: 'sup', role: 'supervisor' });
    const sql = await openStateSql(config);
    expect((await createAccountStore(createAccountRepository(sql)).login('sup', 'sup-password'))?.account.role).toBe('supervisor');
    await sql.close();
  });

  it('names the bad flag', async () => {
    const run = (args: string[]) => runUserCommand(['add', ...args], config, () => {});
    await expect(run(['--role', 'boss', '--username', 'v', '--password', 'password1'])).rejects.toThrow(/--role: expected one of agent, lawyer, admin, supervisor/);
    await expect(run(['--role', 'agent', '--username', 'v', '--password', 'short'])).rejects.toThrow(/--password: expected at least 8/);
    await expect(run(['--role', 'agent', '--username', 'u', '--password', 'password1'])).rejects.toThrow(/--username: "u" is already taken/);
    await expect(run(['--role', 'agent', '--username', 'v', '--pasword', 'password1'])).rejects.toThrow(/pasword/);
    expect(await runUserCommand(['remove'], config, () => {})).toBe(2);
  });

  it('lawline user passwd and disable end the account\'s logins at once', async () => {
    const sql = await openStateSql(config);
    try {
      const store = createAccountStore(createAccountRepository(sql));
      await store.addUser({ username: 'w', password: 'password1', role: 'lawyer' });
      const token = (await store.login('w', 'password1'))!.token;
      const out: string[] = [];
      expect(await runUserCommand(['passwd', '--username', 'w', '--password', 'password2'], config, (l) => out.push(l))).toBe(0);
      expect(JSON.parse(out[0]!)).toEqual({ ok: true, username: 'w', passwordChanged: true, tokensRevoked: true });
      expect(out.join('\n')).not.toContain('password2');
      expect(await store.authenticate(token)).toBeNull();
      const again = (await store.login('w', 'password2'))!.token;
      expect(await runUserCommand(['disable', '--username', 'w'], config, () => {})).toBe(0);
      expect(await store.authenticate(again)).toBeNull();
      expect(await store.login('w', 'password2')).toBeNull();
      await expect(runUserCommand(['disable', '--username', 'nobody'], config, () => {})).rejects.toThrow(/--username: no account "nobody"/);
      await expect(runUserCommand(['disable', '--username', 'w', '--password', 'x'], config, () => {})).rejects.toThrow(/password/);
    } finally {
      await sql.close();
    }
  });
});
