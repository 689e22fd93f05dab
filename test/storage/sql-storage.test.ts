import { MemoryStorage } from 'botbuilder';
import { afterAll, describe, expect, it } from 'vitest';
import { openStateDatabase } from '../../src/storage/open-state-database.js';
import type { SqlClient } from '../../src/storage/sql-client.js';
import { SqlStorage } from '../../src/storage/sql-storage.js';
import { BACKENDS, forEachBackend } from '../support/test-databases.js';
import { runStorageSuite } from './storage.suite.js';

const opened: SqlClient[] = [];
afterAll(async () => {
  for (const sql of opened) await sql.close();
});

runStorageSuite('MemoryStorage', () => new MemoryStorage());
forEachBackend('SqlStorage', (backend) => {
  const fresh = async () => {
    const sql = await backend.open();
    opened.push(sql);
    return sql;
  };
  runStorageSuite(`SqlStorage on ${backend.name}`, async () => new SqlStorage(await fresh()));

  describe('specifics', () => {
    it('rejects the whole batch when one key conflicts', async () => {
      const storage = new SqlStorage(await fresh());
      await storage.write({ a: { id: 1 }, b: { id: 1 } });
      await expect(storage.write({ a: { id: 2 }, b: { id: 2, eTag: 'stale' } })).rejects.toThrow(/eTag conflict/);
      expect((await storage.read(['a'])).a.id).toBe(1);
    });

    it('lets one of two writers with the same eTag win, even from two connections', async () => {
      const sql = await fresh();
      const a = new SqlStorage(sql);
      const b = new SqlStorage(sql);
      await a.write({ k: { id: 1 } });
      const { k } = await a.read(['k']);
      const results = await Promise.allSettled([a.write({ k: { ...k, id: 2 } }), b.write({ k: { ...k, id: 3 } })]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    });
  });
});

describe('SqlStorage on SQLite', () => {
  it('keeps items across a reopen of the database file', async () => {
    const { env, drop } = await BACKENDS[0]!.fresh();
    const first = await openStateDatabase({ dir: env.LAWLINE_STATE_DIR! });
    await new SqlStorage(first).write({ a: { id: 7 } });
    await first.close();
    const again = await openStateDatabase({ dir: env.LAWLINE_STATE_DIR! });
    expect((await new SqlStorage(again).read(['a'])).a.id).toBe(7);
    await again.close();
    await drop();
  });
});
