import { MemoryStorage } from 'botbuilder';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/storage/database.js';
import { SqliteStorage } from '../../src/storage/sqlite-storage.js';
import { runStorageSuite } from './storage.suite.js';

const dir = mkdtempSync(join(tmpdir(), 'lawline-storage-'));
const dbs: Db[] = [];
let n = 0;

function freshSqlite(): SqliteStorage {
  const db = openDatabase(dir, `state-${n++}`);
  dbs.push(db);
  return new SqliteStorage(db);
}

afterAll(() => {
  for (const db of dbs) db.close();
  rmSync(dir, { recursive: true, force: true });
});

runStorageSuite('MemoryStorage', () => new MemoryStorage());
runStorageSuite('SqliteStorage', freshSqlite);

describe('SqliteStorage specifics', () => {
  it('keeps items across a reopen of the database file', async () => {
    const db = openDatabase(dir, 'reopen');
    await new SqliteStorage(db).write({ a: { id: 7 } });
    db.close();
    const again = openDatabase(dir, 'reopen');
    dbs.push(again);
    expect((await new SqliteStorage(again).read(['a'])).a.id).toBe(7);
  });

  it('rejects the whole batch when one key conflicts', async () => {
    const storage = freshSqlite();
    await storage.write({ a: { id: 1 }, b: { id: 1 } });
    await expect(storage.write({ a: { id: 2 }, b: { id: 2, eTag: 'stale' } })).rejects.toThrow(/eTag conflict/);
    expect((await storage.read(['a'])).a.id).toBe(1);
  });

  it('refuses a table name that is not an identifier', () => {
    expect(() => new SqliteStorage(openDatabase(dir, 'bad'), 'x; DROP TABLE y')).toThrow(/invalid table name/);
  });
});
