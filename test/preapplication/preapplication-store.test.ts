import { afterEach, describe, expect, it } from 'vitest';
import { createPreapplicationRepository } from '../../src/storage/repositories/preapplication-repository.js';
import type { SqlClient } from '../../src/storage/sql-client.js';
import { memoryStateDatabase } from '../../src/storage/sqlite/memory-state-database.js';
import { forEachBackend } from '../support/test-databases.js';
import { maskName, maskPhone } from '../../src/preapplication/mask-applicant.js';
import { normaliseMobile, type NewPreapplication } from '../../src/preapplication/preapplication-schema.js';
import { createPreapplicationStore } from '../../src/preapplication/preapplication-store.js';
import { progressReply } from '../../src/preapplication/progress-reply.js';
import { findReferenceNumber, newReferenceNumber } from '../../src/preapplication/reference-number.js';
import { canTransition, STATUSES } from '../../src/preapplication/status.js';

const sample: NewPreapplication = {
  name: '陈大文', phone: '13612345678', county: null, matter: 'support_payment', summary: '要抚养费',
  eligibility: { decision: 'needs_review', meansTest: 'unknown', codes: [], reasons: [] },
  conversationId: 'conv', channelId: 'test',
};

describe('reference numbers', () => {
  it('use the China date and four digits', () => {
    // 2026-11-25 17:30 UTC is already the 26th in China.
    expect(newReferenceNumber(new Date('2026-11-25T17:30:00Z'), () => 42)).toBe('LA-20261126-0042');
  });

  it.each([
    ['预申请编号LA-20240315-0012帮我查一下', 'LA-20240315-0012'],
    ['la20240315 0012', 'LA-20240315-0012'],
    ['ＬＡ－２０２４０３１５－００１２', 'LA-20240315-0012'],
    ['LA-2024031-0012', null],
    ['LA-20240315-00123', null],
    ['我的申请到哪一步了', null],
  ])('findReferenceNumber(%s) → %s', (text, expected) => {
    expect(findReferenceNumber(text)).toBe(expected);
  });

});

const memoryStore = (options = {}) => createPreapplicationStore(createPreapplicationRepository(memoryStateDatabase()), options);

forEachBackend('pre-application store contract', (backend) => {
  const opened: SqlClient[] = [];
  const store = async (options: Parameters<typeof createPreapplicationStore>[1] = {}) => {
    const sql = await backend.open();
    opened.push(sql);
    return createPreapplicationStore(createPreapplicationRepository(sql), options);
  };
  afterEach(async () => {
    for (const sql of opened.splice(0)) await sql.close();
  });

  it('retries on a clash so references stay unique', async () => {
    const numbers = ['LA-20261126-0001', 'LA-20261126-0001', 'LA-20261126-0002'];
    const s = await store({ newReference: () => numbers.shift()! });
    expect((await s.create(sample)).reference).toBe('LA-20261126-0001');
    expect((await s.create(sample)).reference).toBe('LA-20261126-0002');
  });

  it('refuses invalid transitions without touching the record or its history', async () => {
    const s = await store();
    const { reference } = await s.create(sample);
    expect(await s.changeStatus(reference, 'rejected', 'agent1')).toEqual({ ok: false, reason: 'invalid_transition', from: 'submitted' });
    expect(await s.changeStatus('LA-20000101-0000', 'under_review', 'agent1')).toEqual({ ok: false, reason: 'not_found' });
    expect((await s.get(reference))!.history).toHaveLength(1);
  });

  it('records each change with who, when, from and to (ISO times in, epoch ms stored)', async () => {
    let t = Date.parse('2026-11-26T01:00:00Z');
    const s = await store({ now: () => new Date((t += 1000)) });
    const { reference } = await s.create(sample);
    const result = await s.changeStatus(reference, 'under_review', 'agent1', '材料齐全');
    expect(result.ok).toBe(true);
    const record = (await s.get(reference))!;
    expect(record.status).toBe('under_review');
    expect(record.createdAt).toBe('2026-11-26T01:00:01.000Z');
    expect(record.updatedAt).toBe('2026-11-26T01:00:02.000Z');
    expect(record.history.map((h) => [h.actor, h.from, h.to, h.note])).toEqual([['citizen', null, 'submitted', null], ['agent1', 'submitted', 'under_review', '材料齐全']]);
  });

  it('lets only one of two concurrent changes from the same status win', async () => {
    const s = await store();
    const { reference } = await s.create(sample);
    await s.changeStatus(reference, 'under_review', 'agent1');
    const results = await Promise.all([s.changeStatus(reference, 'accepted', 'agent1'), s.changeStatus(reference, 'rejected', 'agent2')]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await s.get(reference))!.history).toHaveLength(3);
  });

  it('finds the newest pre-application of a conversation', async () => {
    let t = Date.parse('2026-11-26T01:00:00Z');
    const s = await store({ now: () => new Date((t += 1000)) });
    await s.create(sample);
    const second = await s.create(sample);
    await s.create({ ...sample, conversationId: 'other' });
    expect((await s.latestForConversation('test', 'conv'))?.reference).toBe(second.reference);
    expect(await s.latestForConversation('wechat', 'conv')).toBeNull();
  });
});

describe('status transitions', () => {
  it('allow exactly submitted → under_review → accepted | rejected | withdrawn, and withdrawing before review', () => {
    const allowed = STATUSES.flatMap((from) => STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}>${to}`));
    expect(allowed.sort()).toEqual([
      'submitted>under_review', 'submitted>withdrawn', 'under_review>accepted', 'under_review>rejected', 'under_review>withdrawn',
    ]);
  });
});

describe('pre-application store', () => {
  it('rejects invalid input with the field named', async () => {
    const store = memoryStore();
    await expect(store.create({ ...sample, phone: '12345' })).rejects.toThrow(/phone/);
    await expect(store.create({ ...sample, name: '' })).rejects.toThrow(/name/);
  });
});

describe('what citizens see', () => {
  it('masks name and phone', () => {
    expect(maskName('张三')).toBe('张**');
    expect(maskName('欧阳娜娜')).toBe('欧**');
    expect(maskPhone('13812341234')).toBe('138****1234');
  });

  it('normalises mainland mobiles and refuses the rest', () => {
    expect(normaliseMobile('+86 138-1234-1234')).toBe('13812341234');
    expect(normaliseMobile('１３８１２３４１２３４')).toBe('13812341234');
    expect(normaliseMobile('12812341234')).toBeNull();
    expect(normaliseMobile('0763-3380148')).toBeNull();
  });

  it('progress replies show the status in Chinese without the full name or phone', async () => {
    const store = memoryStore();
    const { reference } = await store.create(sample);
    await store.changeStatus(reference, 'under_review', 'agent1');
    const text = progressReply((await store.changeStatus(reference, 'rejected', 'agent1', '不属于援助范围')).ok ? (await store.get(reference))! : null!);
    expect(text).toContain(reference);
    expect(text).toContain('未通过预审');
    expect(text).toContain('陈**');
    expect(text).not.toContain('陈大文');
    expect(text).not.toContain('13612345678');
  });
});
