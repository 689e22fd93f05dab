import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOW_CONFIDENCE, answerQuestion } from '../../src/assistant/ask.js';
import { CITATION_COUNT } from '../../src/assistant/cite.js';
import type { Lawline } from '../../src/assistant/lawline.js';
import { REPLIES } from '../../src/assistant/replies-zh.js';
import { PATHS } from '../../src/config/paths.js';
import { DISCLAIMER, DUTY_LAWYER_OFFER, NOTHING_FOUND } from '../../src/knowledge/answer-composer.js';
import { testLawline } from '../support/lawline.js';

let lawline: Lawline;
beforeAll(() => {
  lawline = testLawline();
});

describe('ask routing', () => {
  it.each([
    ['你好', REPLIES.greeting],
    ['谢谢你', REPLIES.thanks],
    ['今天天气怎么样', REPLIES.outOfScope],
  ])('answers %s with the fixed short reply and no legal content', async (text, reply) => {
    const r = await lawline.ask(text);
    expect(r.answer).toBe(reply);
    expect(r.citations).toEqual([]);
    expect(r.guides).toEqual([]);
  });

  it('a request for a person gets the hand-off reply', async () => {
    const r = await lawline.ask('转人工');
    expect(r.intent).toBe('human');
    expect(r.answer).toContain(REPLIES.human);
  });

  it('danger now: the safety steps come first, then the legal answer', async () => {
    const r = await lawline.ask('我老公正在打我，我好害怕');
    expect(r.risk).toBe('emergency');
    expect(r.answer.startsWith(REPLIES.safety)).toBe(true);
    expect(r.answer).toContain('110');
    expect(r.answer.endsWith(DISCLAIMER)).toBe(true);
  });

  it('a legal question cites at most CITATION_COUNT articles with a confidence in [0, 1]', async () => {
    const r = await lawline.ask('公司拖欠我三个月工资怎么办');
    expect(r.intent).toBe('consult');
    expect(r.citations.length).toBeGreaterThan(0);
    expect(r.citations.length).toBeLessThanOrEqual(CITATION_COUNT);
    expect(r.confidence).toBeGreaterThanOrEqual(LOW_CONFIDENCE);
    expect(r.confidence).toBeLessThanOrEqual(1);
    expect(r.answer).not.toContain(DUTY_LAWYER_OFFER);
  });

  it('when nothing matches, says so and offers a duty lawyer instead of guessing', async () => {
    const r = lawline.recognise('有人欠我钱');
    const nothing = { ...r, analysed: lawline.recognise('qqqzzz').analysed, intentConfidence: 0.2, domainConfidence: 0.2 };
    const result = await answerQuestion(lawline, nothing);
    expect(result.citations).toEqual([]);
    expect(result.confidence).toBeLessThan(LOW_CONFIDENCE);
    // Said once, first: nothing found, a duty lawyer or 12348 instead of a guess.
    expect(result.direct).toBe(NOTHING_FOUND);
    expect(result.answer).toContain(NOTHING_FOUND);
    expect(result.faq).toBeNull();
    expect(result.answer.endsWith(DISCLAIMER)).toBe(true);
  });

  it.each(['对方一直拖着', '邻居家的狗', '有人欠我钱', '公司拖欠我三个月工资怎么办'])(
    'offers the duty lawyer exactly when the confidence is low: %s',
    async (q) => {
      const r = await lawline.ask(q);
      expect(r.answer.includes(DUTY_LAWYER_OFFER) || r.direct === NOTHING_FOUND).toBe(r.confidence < LOW_CONFIDENCE);
    },
  );

  it('a service question is answered from that service guide', async () => {
    const r = await lawline.ask('我想申请法律援助');
    expect(r.intent).toBe('legal_aid');
    expect(r.guides[0]?.id).toBe('legal-aid');
    expect(r.citations.every((c) => c.law === '法律援助法')).toBe(true);
    // It opens with what the service is, not with a bank entry about something nearby or an "I'm not sure".
    expect(r.direct).toContain('法律援助');
    expect(r.direct).not.toMatch(/没有找到完全对应|如果您问的是/);
    expect(r.answer.startsWith(r.direct)).toBe(true);
  });
});

describe('service network answers', () => {
  it('names the county office and never states an unconfirmed phone or address without the 12348 advice', async () => {
    const r = await lawline.ask('清城区法律援助中心在哪里，电话多少');
    expect(r.intent).toBe('institution_lookup');
    expect(r.answer).toContain('清城区');
    expect(r.answer).toContain('12348');
    const region = readFileSync(PATHS.region, 'utf8');
    for (const line of r.answer.split('\n')) {
      // Every phone number shown comes from the region file, and if unconfirmed says so on the same line.
      for (const phone of line.match(/\d{3,4}-\d{7,8}/g) ?? []) {
        expect(region, phone).toContain(phone);
        expect(line).toMatch(/未经核实|12348/);
      }
    }
  });
});
