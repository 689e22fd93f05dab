import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
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

  it('retries on a clash so references stay unique', () => {
    const numbers = ['LA-20261126-0001', 'LA-20261126-0001', 'LA-20261126-0002'];
    const store = createPreapplicationStore(new Database(':memory:'), { newReference: () => numbers.shift()! });
    expect(store.create(sample).reference).toBe('LA-20261126-0001');
    expect(store.create(sample).reference).toBe('LA-20261126-0002');
  });
});

describe('status transitions', () => {
  it('allow exactly submitted → under_review → accepted | rejected | withdrawn, and withdrawing before review', () => {
    const allowed = STATUSES.flatMap((from) => STATUSES.filter((to) => canTransition(from, to)).map((to) => `${from}>${to}`));
    expect(allowed.sort()).toEqual([
      'submitted>under_review', 'submitted>withdrawn', 'under_review>accepted', 'under_review>rejected', 'under_review>withdrawn',
    ]);
  });

  it('are refused by the store without touching the record or its history', () => {
    const store = createPreapplicationStore(new Database(':memory:'));
    const { reference } = store.create(sample);
    expect(store.changeStatus(reference, 'rejected', 'agent1')).toEqual({ ok: false, reason: 'invalid_transition', from: 'submitted' });
    expect(store.changeStatus('LA-20000101-0000', 'under_review', 'agent1')).toEqual({ ok: false, reason: 'not_found' });
    expect(store.get(reference)!.history).toHaveLength(1);
  });
});

describe('pre-application store', () => {
  it('rejects invalid input with the field named', () => {
    const store = createPreapplicationStore(new Database(':memory:'));
    expect(() => store.create({ ...sample, phone: '12345' })).toThrow(/phone/);
    expect(() => store.create({ ...sample, name: '' })).toThrow(/name/);
  });

  it('finds the newest pre-application of a conversation', () => {
    let t = Date.parse('2026-11-26T01:00:00Z');
    const store = createPreapplicationStore(new Database(':memory:'), { now: () => new Date((t += 1000)) });
    store.create(sample);
    const second = store.create(sample);
    store.create({ ...sample, conversationId: 'other' });
    expect(store.latestForConversation('test', 'conv')?.reference).toBe(second.reference);
    expect(store.latestForConversation('wechat', 'conv')).toBeNull();
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

  it('progress replies show the status in Chinese without the full name or phone', () => {
    const store = createPreapplicationStore(new Database(':memory:'));
    const { reference } = store.create(sample);
    store.changeStatus(reference, 'under_review', 'agent1');
    const text = progressReply(store.changeStatus(reference, 'rejected', 'agent1', '不属于援助范围').ok ? store.get(reference)! : null!);
    expect(text).toContain(reference);
    expect(text).toContain('未通过预审');
    expect(text).toContain('陈**');
    expect(text).not.toContain('陈大文');
    expect(text).not.toContain('13612345678');
  });
});
