/**
 * `bin/lawline backup FILE` and `restore FILE` as real child processes. SQLite: a backup taken while this process
 * keeps writing passes `PRAGMA integrity_check` and holds the accounts made before it; a restore is refused while
 * a server has the state open, and afterwards brings back exactly the backed-up accounts. PostgreSQL: pg_dump
 * writes a dump pg_restore can read, and a restore is refused while other sessions are connected.
 */
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { REPO_ROOT } from '../../src/config/paths.js';
import { openLawlineState } from '../../src/server/lawline-state.js';
import { POSTGRES, POSTGRES_SKIP_REASON, POSTGRES_URL } from '../support/test-databases.js';

const root = mkdtempSync(join(tmpdir(), 'lawline-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const BIN = join(REPO_ROOT, 'bin', 'lawline');

/** Runs the CLI without blocking this process (which keeps writing meanwhile). */
function lawlineAsync(env: Record<string, string>, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(BIN, args, { env: { ...process.env, ...env, LAWLINE_LOG_LEVEL: 'warn' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const usernames = (file: string) => {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT username FROM accounts ORDER BY username').all() as Array<{ username: string }>).map((r) => r.username);
  } finally {
    db.close();
  }
};

describe('lawline backup and restore (SQLite)', () => {
  const dir = join(root, 'state');
  const env = { LAWLINE_STATE_DIR: dir };
  const backup = join(root, 'backup.sqlite');

  it('backs up a database that is being written, and the copy is sound and holds what came before', async () => {
    const state = await openLawlineState(loadConfig(env), { retention: false });
    try {
      for (let i = 0; i < 20; i++) await state.accounts.addUser({ username: `before${i}`, password: 'a-long-password', role: 'agent' });
      let writing = true;
      let written = 0;
      const writer = (async () => {
        while (writing) await state.accounts.addUser({ username: `during${written++}`, password: 'a-long-password', role: 'agent' });
      })();
      const run = await lawlineAsync(env, 'backup', backup);
      writing = false;
      await writer;
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, command: 'backup', backend: 'sqlite' });
      expect(written).toBeGreaterThan(0); // the writes really overlapped the backup
      const db = new Database(backup, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      db.close();
      const names = usernames(backup);
      for (let i = 0; i < 20; i++) expect(names).toContain(`before${i}`);

      // While this process serves the state, a restore is refused and nothing changes.
      const refused = await lawlineAsync(env, 'restore', backup);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/lawline server \(pid \d+\) is using/);
    } finally {
      await state.close();
    }
  });

  it('restores the backup once no server uses the database: what was added later is gone, what was backed up is back', async () => {
    const later = await openLawlineState(loadConfig(env), { retention: false });
    await later.accounts.addUser({ username: 'afterbackup', password: 'a-long-password', role: 'agent' });
    await later.close();
    const run = await lawlineAsync(env, 'restore', backup);
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(join(dir, 'lawline.sqlite-wal'))).toBe(false);
    const names = usernames(join(dir, 'lawline.sqlite'));
    expect(names).not.toContain('afterbackup');
    expect(names).toEqual(usernames(backup));
  });

  it('refuses a file that is not a database, naming it', async () => {
    const run = spawnSync(BIN, ['restore', join(REPO_ROOT, 'README.md')], { env: { ...process.env, ...env }, encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/README\.md/);
  });
});

describe.skipIf(!POSTGRES_URL)(`lawline backup and restore (PostgreSQL)${POSTGRES_URL ? '' : ` — ${POSTGRES_SKIP_REASON}`}`, () => {
  it('pg_dump writes a dump pg_restore can list, and a restore is refused while other sessions are connected', async () => {
    const { env, drop } = await POSTGRES!.fresh();
    const sql = await POSTGRES!.open(); // another session on the same database, as a running server would hold
    try {
      const file = join(root, 'backup.pgdump');
      const run = await lawlineAsync(env, 'backup', file);
      expect(run.status, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ ok: true, backend: 'postgres' });
      const list = spawnSync('pg_restore', ['--list', file], { encoding: 'utf8' });
      expect(list.status).toBe(0);
      expect(list.stdout).toMatch(/TABLE .*accounts/);
      const refused = await lawlineAsync(env, 'restore', file);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/other sessions are connected/);
    } finally {
      await sql.close();
      await drop();
    }
  });
});
