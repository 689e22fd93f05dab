/**
 * The background checkpointer moves WAL pages into the database file from its own thread, raises the request
 * thread's own threshold, and stops cleanly.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/database.js';
import { FALLBACK_AUTOCHECKPOINT_PAGES, startWalCheckpointer } from '../../src/storage/wal-checkpointer.js';

const dir = mkdtempSync(join(tmpdir(), 'lawline-wal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('background WAL checkpointer', () => {
  it('checkpoints what the request thread wrote, without the request thread checkpointing', async () => {
    const db = openDatabase(dir, 'busy');
    const checkpointer = startWalCheckpointer(db, { intervalMs: 60_000 });
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(FALLBACK_AUTOCHECKPOINT_PAGES);
    db.exec('CREATE TABLE t (x TEXT)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    // ~3,000 pages: past SQLite's default threshold of 1,000, which would have checkpointed inline.
    for (let i = 0; i < 3000; i++) insert.run('x'.repeat(4000));
    const before = statSync(join(dir, 'busy.sqlite')).size;
    const result = await checkpointer.checkpoint();
    expect(result.busy).toBe(0);
    expect(result.log).toBeGreaterThan(2000);
    expect(result.checkpointed).toBe(result.log);
    expect(statSync(join(dir, 'busy.sqlite')).size).toBeGreaterThan(before + 10_000_000);
    expect(new Database(join(dir, 'busy.sqlite'), { readonly: true }).prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 3000 });
    await checkpointer.stop();
    await expect(checkpointer.checkpoint()).rejects.toThrow(/stopped/);
    db.close();
  });

  it('does not keep a process alive that has nothing else to do', () => {
    const script = `import { openDatabase } from './src/storage/database.ts';
      import { startWalCheckpointer } from './src/storage/wal-checkpointer.ts';
      const c = startWalCheckpointer(openDatabase(${JSON.stringify(dir)}, 'idle'));
      console.log(JSON.stringify(await c.checkpoint()));`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(JSON.parse(child.stdout)).toMatchObject({ busy: 0 });
  });

  it('refuses an in-memory database', () => {
    expect(() => startWalCheckpointer(new Database(':memory:'))).toThrow(/in-memory/);
  });
});
