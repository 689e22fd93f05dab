/**
 * Contract suite of knowledge upkeep's store, against every backend: signals clustered into queue items (one
 * cluster even when two processes file the same question at once), the queue's counts, reasons and examples,
 * dismissal, versioned edits that resolve their item, undo that reopens it, the audit of each, and the overview's
 * counts.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createUpkeepRepository, type SignalRow } from '../../src/storage/repositories/upkeep-repository.js';
import type { SqlClient } from '../../src/storage/sql-client.js';
import { closestCluster } from '../../src/upkeep/review-queue.js';
import { forEachBackend } from '../support/test-databases.js';

const AT = Date.parse('2026-12-01T10:00:00+08:00');
const HOUR = 3_600_000;
const signal = (question: string, reason = 'unanswered', at = AT): SignalRow => ({ reason, question, channelId: 'api', conversationId: null, at });
const byDice = (s: SignalRow) => (open: Array<{ id: number; question: string }>) => closestCluster(s.question, open);
const audit = (sql: SqlClient) => sql.all<{ subject: string; actor: string; old_value: string | null; new_value: string | null }>(
  "SELECT subject, actor, old_value, new_value FROM staff_data_audit WHERE subject LIKE 'knowledge:%' ORDER BY id");

forEachBackend('upkeep store contract', (backend) => {
  let sql: SqlClient;
  beforeEach(async () => { sql = await backend.open(); });
  afterEach(async () => sql.close());

  it('clusters near-identical questions and shows counts, reasons and distinct examples, busiest first', async () => {
    const repo = createUpkeepRepository(sql);
    const add = (s: SignalRow) => repo.addSignal(s, byDice(s));
    const first = await add(signal('邻居家的狗咬了我要怎么赔'));
    expect(first.created).toBe(true);
    expect(await add(signal('邻居家的狗咬了我要怎么赔偿', 'not_helpful', AT + 1))).toEqual({ itemId: first.itemId, created: false });
    expect((await add(signal('邻居家的狗咬了我要怎么赔', 'handed_off', AT + 2))).itemId).toBe(first.itemId);
    const other = await add(signal('公司不给交社保怎么办', 'unanswered', AT + 3));
    expect(other.created).toBe(true);
    const queue = await repo.queue({ limit: 10, examples: 3 });
    expect(queue.map((q) => [q.id, q.count])).toEqual([[first.itemId, 3], [other.itemId, 1]]);
    expect(queue[0]).toMatchObject({
      question: '邻居家的狗咬了我要怎么赔', reasons: { unanswered: 1, not_helpful: 1, handed_off: 1 },
      examples: ['邻居家的狗咬了我要怎么赔', '邻居家的狗咬了我要怎么赔偿'], createdAt: AT, updatedAt: AT + 2,
    });
    expect((await repo.queue({ limit: 1, examples: 1 }))[0]!.examples).toHaveLength(1);
  });

  it('makes one cluster when two processes file the same new question at once', async () => {
    const two = await backend.openTwo();
    try {
      const [a, b] = [createUpkeepRepository(two.a), createUpkeepRepository(two.b)];
      const s = signal('工地老板跑路了工钱找谁要');
      const results = await Promise.all([a.addSignal(s, byDice(s)), b.addSignal(s, byDice(s)), a.addSignal(s, byDice(s))]);
      expect(new Set(results.map((r) => r.itemId)).size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect((await a.queue({ limit: 5, examples: 3 }))[0]!.count).toBe(3);
    } finally {
      await two.close();
    }
  });

  it('versions every edit and undo, resolves and reopens the item, and audits each under knowledge:', async () => {
    const repo = createUpkeepRepository(sql);
    expect(await repo.version()).toBe(0);
    const { itemId } = await repo.addSignal(signal('狗咬人谁负责'), () => null);
    const doc = JSON.stringify({ from: '隔篱屋', to: '邻居家' });
    const edit = await repo.addEdit({ kind: 'dialect', target: '隔篱屋', doc, itemId, by: 'boss', at: AT + HOUR }, 'knowledge:dialect/隔篱屋', '{"action":"synonym"}');
    if (typeof edit === 'string') throw new Error(edit);
    expect(edit).toMatchObject({ version: 1, kind: 'dialect', itemId, createdBy: 'boss', undoneAt: null });
    expect(await repo.version()).toBe(1);
    expect(await repo.item(itemId)).toMatchObject({ status: 'resolved', resolvedBy: 'boss', resolvedAt: AT + HOUR });
    expect(await repo.queue({ limit: 5, examples: 3 })).toEqual([]);
    // An item resolves once: a second edit for it is refused and changes nothing.
    expect(await repo.addEdit({ kind: 'dialect', target: 'x', doc, itemId, by: 'chief', at: AT }, 'knowledge:dialect/x', '{}')).toBe('item_not_open');
    expect(await repo.version()).toBe(1);
    expect((await repo.edits({ live: true })).map((e) => e.id)).toEqual([edit.id]);

    const undone = await repo.undoEdit(edit.id, 'chief', AT + 2 * HOUR, 'knowledge:dialect/隔篱屋');
    if (typeof undone === 'string') throw new Error(undone);
    expect(undone).toMatchObject({ undoneBy: 'chief', undoneAt: AT + 2 * HOUR, undoneVersion: 2 });
    expect(await repo.undoEdit(edit.id, 'chief', AT, 'knowledge:dialect/隔篱屋')).toBe('edit_not_live');
    expect(await repo.undoEdit(999, 'chief', AT, 'knowledge:x')).toBe('edit_not_live');
    expect(await repo.version()).toBe(2);
    expect(await repo.edits({ live: true })).toEqual([]);
    expect(await repo.edits()).toHaveLength(1);
    expect((await repo.item(itemId))!.status).toBe('open');

    const rows = await audit(sql);
    expect(rows.map((r) => [r.subject, r.actor])).toEqual([['knowledge:dialect/隔篱屋', 'boss'], ['knowledge:dialect/隔篱屋', 'chief']]);
    expect(rows[0]!.old_value).toBeNull();
    expect(JSON.parse(rows[0]!.new_value!)).toMatchObject({ edit: edit.id, version: 1, doc: { from: '隔篱屋', to: '邻居家' } });
    expect(JSON.parse(rows[1]!.new_value!)).toEqual({ edit: edit.id, undone: true, version: 2 });
  });

  it('dismisses an open item once, audited; counts open and resolved items and their times for the overview', async () => {
    const repo = createUpkeepRepository(sql);
    const a = (await repo.addSignal(signal('甲问题甲问题'), () => null)).itemId;
    const b = (await repo.addSignal(signal('乙问题乙问题', 'unanswered', AT + HOUR), () => null)).itemId;
    await repo.addSignal(signal('丙问题丙问题', 'unanswered', AT + 2 * HOUR), () => null);
    const done = await repo.dismiss(a, 'boss', AT + 3 * HOUR, '{"action":"dismiss","reason":"重复"}', `knowledge:queue/${a}`);
    expect(done).toMatchObject({ status: 'resolved', resolvedBy: 'boss', resolution: '{"action":"dismiss","reason":"重复"}' });
    expect(await repo.dismiss(a, 'boss', AT, '{}', `knowledge:queue/${a}`)).toBe('item_not_open');
    expect(await repo.dismiss(12345, 'boss', AT, '{}', 'knowledge:queue/12345')).toBe('item_not_open');
    await repo.addEdit({ kind: 'synonym', target: 't', doc: '{"terms":["t"],"legal":["l"]}', itemId: b, by: 'boss', at: AT + 5 * HOUR }, 'knowledge:synonym/t', '{}');
    expect((await audit(sql)).map((r) => r.subject)).toEqual([`knowledge:queue/${a}`, 'knowledge:synonym/t']);
    const counts = await repo.counts({ fromMs: AT, toMs: AT + 24 * HOUR });
    expect(counts.open).toBe(1);
    expect(counts.resolvedMs.sort()).toEqual([3 * HOUR, 4 * HOUR]);
    expect(await repo.counts({ fromMs: AT + 24 * HOUR, toMs: AT + 48 * HOUR })).toEqual({ open: 1, resolvedMs: [] });
    // Open counts the items still open that were raised before the period ended.
    expect((await repo.counts({ fromMs: AT - 24 * HOUR, toMs: AT + 2 * HOUR + 1 })).open).toBe(1);
    expect((await repo.counts({ fromMs: AT - 24 * HOUR, toMs: AT + 2 * HOUR })).open).toBe(0);
  });
});
