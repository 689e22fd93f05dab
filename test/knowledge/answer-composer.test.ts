import { describe, expect, it } from 'vitest';
import { composeAnswer, DISCLAIMER, DUTY_LAWYER_OFFER, excerpt, type Citation } from '../../src/knowledge/answer-composer.js';
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
  text: '用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。\n用人单位拖欠或者未足额支付劳动报酬的，劳动者可以依法向当地人民法院申请支付令，人民法院应当依法发出支付令。',
};
const cite = (n: number): Citation => ({ ...WAGES, article: n, label: `第${n}条`, text: `条文${n}。` });

const CASE: SearchDoc = {
  kind: 'case', ref: '2022-consumer-01', law: null, article: null, label: null, lawKind: null,
  title: '婚礼影像资料丢失精神损害抚慰金的赔偿', heading: '', text: '', topic: '消费权益', year: 2022,
};

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
  const base = { citations: [WAGES], guides: [GUIDE], cases: [CASE], confidence: 0.8, lowConfidence: false };

  it('states the law, what to do, where to go and similar cases, and ends with the disclaimer', () => {
    const answer = composeAnswer(base);
    const order = ['【法律规定】', '《劳动合同法》第三十条：', '【您可以这样做】', '【在清远到哪里办】', '【类似案例】', '婚礼影像资料丢失'];
    let at = -1;
    for (const part of order) {
      const next = answer.indexOf(part);
      expect(next, part).toBeGreaterThan(at);
      at = next;
    }
    expect(answer.endsWith(DISCLAIMER)).toBe(true);
    expect(answer).not.toContain(DUTY_LAWYER_OFFER);
  });

  it('uses only the given sources: the guide summary without its bracketed basis, the article text verbatim', () => {
    const answer = composeAnswer(base);
    expect(answer).toContain('可以向劳动争议仲裁委员会申请仲裁');
    expect(answer).not.toContain('（劳动争议调解仲裁法第五条）');
    expect(answer).toContain('用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。');
  });

  it('shows at most three articles', () => {
    const answer = composeAnswer({ ...base, citations: [1, 2, 3, 4, 5].map(cite) });
    expect(answer).toContain('第3条');
    expect(answer).not.toContain('第4条');
  });

  it('offers a duty lawyer instead of standing alone when confidence is low', () => {
    const answer = composeAnswer({ ...base, confidence: 0.1, lowConfidence: true });
    expect(answer).toContain(DUTY_LAWYER_OFFER);
    expect(answer.endsWith(DISCLAIMER)).toBe(true);
  });

  it('says so when nothing relevant was found, and still carries the disclaimer', () => {
    const answer = composeAnswer({ citations: [], guides: [], cases: [], confidence: 0, lowConfidence: true });
    expect(answer).toContain('没有找到与您的问题直接相关的法律条文');
    expect(answer).not.toContain('【法律规定】');
    expect(answer.endsWith(DISCLAIMER)).toBe(true);
  });
});
