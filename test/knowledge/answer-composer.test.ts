import { describe, expect, it } from 'vitest';
import { citationLabel, composeAnswer, DISCLAIMER, DUTY_LAWYER_OFFER, excerpt, NOT_YOUR_QUESTION, NOTHING_FOUND, orientation, revisionNote, tentative, type Citation } from '../../src/knowledge/answer-composer.js';
import { loadGuides } from '../../src/knowledge/guides.js';
import type { Guide } from '../../src/knowledge/schemas/guide.js';
import type { SearchDoc } from '../../src/knowledge/search-documents.js';
import { join } from 'node:path';
import { MINI_KNOWLEDGE } from '../fixtures/mini-knowledge/open-mini-index.js';

const [GUIDE] = loadGuides(join(MINI_KNOWLEDGE, 'guides')) as [Guide];

const WAGES: Citation = {
  law: '劳动合同法',
  article: 30,
  label: '第三十条',
  paragraphs: [],
  text: '用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。\n用人单位拖欠或者未足额支付劳动报酬的，劳动者可以依法向当地人民法院申请支付令，人民法院应当依法发出支付令。',
  version: '2012-12-28',
  effectiveFrom: '2012-12-28',
};
const cite = (n: number): Citation => ({ ...WAGES, article: n, label: `第${n}条`, text: `条文${n}。` });

const CASE: SearchDoc = {
  kind: 'case', ref: '2022-consumer-01', law: null, article: null, label: null, lawKind: null,
  title: '婚礼影像资料丢失精神损害抚慰金的赔偿', heading: '', text: '', topic: '消费权益', year: 2022,
  version: null, effectiveFrom: null,
};
const DIRECT = '可以要。单位应当及时足额支付工资，拖欠的可以申请支付令或劳动仲裁。';

describe('excerpt', () => {
  it('returns short text whole, with line breaks removed', () => {
    expect(excerpt('第一款。\n第二款。')).toBe('第一款。第二款。');
  });

  it('cuts long text at the last sentence mark within the limit', () => {
    const text = `${'甲'.repeat(50)}。${'乙'.repeat(60)}。`;
    expect(excerpt(text, 90)).toBe(`${'甲'.repeat(50)}。`);
  });

  it('cuts with an ellipsis when no sentence mark comes late enough', () => {
    expect(excerpt('丙'.repeat(200), 90)).toBe(`${'丙'.repeat(90)}……`);
  });
});

describe('composeAnswer', () => {
  const base = { direct: DIRECT, citations: [WAGES], guides: [GUIDE], cases: [CASE], lowConfidence: false };

  it('answers first, then the law, what to do, where to go and similar cases, and ends with the disclaimer', () => {
    const answer = composeAnswer(base);
    expect(answer.startsWith(DIRECT)).toBe(true);
    const order = [DIRECT, '【法律依据】', '《劳动合同法》第三十条：', '【您可以这样做】', '【在清远到哪里办】', '【类似案例】', '婚礼影像资料丢失'];
    let at = -1;
    for (const part of order) {
      const next = answer.indexOf(part);
      expect(next, part).toBeGreaterThan(at);
      at = next;
    }
    expect(answer.endsWith(DISCLAIMER)).toBe(true);
    expect(answer).not.toContain(DUTY_LAWYER_OFFER);
  });

  it('uses only the given sources: the guide summary without its bracketed basis, the quoted text verbatim', () => {
    const answer = composeAnswer(base);
    expect(answer).toContain('可以向劳动争议仲裁委员会申请仲裁');
    expect(answer).not.toContain('（劳动争议调解仲裁法第五条）');
    expect(answer).toContain('用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。');
  });

  it('names the paragraph quoted, so the reader finds the rule in the article', () => {
    const second: Citation = { ...WAGES, paragraphs: [2], text: '用人单位拖欠或者未足额支付劳动报酬的，劳动者可以依法向当地人民法院申请支付令。' };
    const answer = composeAnswer({ ...base, citations: [second] });
    expect(answer).toContain('《劳动合同法》第三十条第二款：用人单位拖欠');
    expect(citationLabel({ ...WAGES, paragraphs: [1, 3] })).toBe('《劳动合同法》第三十条第一款、第三款');
  });

  it('quotes at most three articles', () => {
    const answer = composeAnswer({ ...base, citations: [1, 2, 3, 4, 5].map(cite) });
    expect(answer).toContain('第3条');
    expect(answer).not.toContain('第4条');
  });

  it('names the version of a provision a recent revision changed, and says older events may follow the old rule', () => {
    const revised: Citation = {
      law: '仲裁法', article: 72, label: '第七十二条', paragraphs: [], text: '当事人申请撤销裁决的，应当自收到裁决书之日起三个月内提出。',
      version: '2025-09-12', effectiveFrom: '2026-03-01', revisedOn: '2026-03-01',
    };
    const answer = composeAnswer({ ...base, citations: [revised] });
    expect(answer).toContain('《仲裁法》（2025年修订，2026年3月1日起施行）第七十二条：');
    expect(answer).toContain(revisionNote(revised)!);
    expect(revisionNote(revised)).toMatch(/2026年3月1日以前发生的事项可能适用修订前的规定，请向律师或12348确认/);
    expect(revisionNote(WAGES)).toBeNull();
  });

  it('announces a revision adopted but not yet in force, citing today\'s text', () => {
    const answer = composeAnswer({ ...base, citations: [{ ...WAGES, changesOn: '2027-01-01' }] });
    expect(answer).toContain('《劳动合同法》第三十条：');
    expect(answer).toContain('注意：《劳动合同法》已经修订，修订后的规定将于2027年1月1日施行');
  });

  it('offers a duty lawyer instead of standing alone when confidence is low', () => {
    const answer = composeAnswer({ ...base, lowConfidence: true });
    expect(answer).toContain(DUTY_LAWYER_OFFER);
    expect(answer.endsWith(DISCLAIMER)).toBe(true);
  });

  it('when nothing bears on the question, says so once and quotes no law', () => {
    const answer = composeAnswer({ direct: orientation(null), citations: [], guides: [], cases: [], lowConfidence: true });
    expect(answer.startsWith(NOTHING_FOUND)).toBe(true);
    expect(answer).not.toContain('【法律依据】');
    expect(answer).not.toContain(DUTY_LAWYER_OFFER);
    expect(answer.endsWith(DISCLAIMER)).toBe(true);
  });

  it('an orientation says it is not sure and points to the closest provision', () => {
    expect(orientation({ law: '民法典', label: '第一百八十八条', heading: '' })).toMatch(/没有找到完全对应的解答.*《民法典》第一百八十八条/);
  });

  it('a tentative reading answers in its first sentence, for the question it names, and says what to do if it is not theirs', () => {
    const text = tentative('借钱多久不要就要不回来了', '一般是3年。过了时效对方可以拒绝还款');
    const first = text.split('。')[0]!;
    expect(first).toContain('如果您问的是“借钱多久不要就要不回来了”');
    expect(first).toContain('一般是3年');
    // An answer without a closing full stop still reads as its own sentence before the way out.
    expect(text).toContain('拒绝还款。' + NOT_YOUR_QUESTION);
    expect(text.endsWith(NOT_YOUR_QUESTION)).toBe(true);
  });
});
