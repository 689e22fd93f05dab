import { describe, expect, it } from 'vitest';
import { buildSmsSummary, compressLists, SMS_MAX, SMS_SAFETY, SMS_SIGN_OFF, SMS_TARGET, smsLength } from '../../src/agent-assist/sms-summary.js';
import { REPLIES } from '../../src/assistant/replies-zh.js';
import { PATHS } from '../../src/config/paths.js';
import { loadGuides } from '../../src/knowledge/guides.js';
import type { Guide } from '../../src/knowledge/schemas/guide.js';

const guides = new Map(loadGuides(PATHS.guides).map((g) => [g.id, g]));
const guide = (id: string) => guides.get(id)!;
const art30 = { law: '劳动合同法', article: 30, text: '用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。\n用人单位拖欠或者未足额支付劳动报酬的，劳动者可以依法向当地人民法院申请支付令。' };
const longTitle = { law: '最高人民法院关于审理劳动争议案件适用法律问题的解释（一）', article: 15, text: '劳动者以用人单位的工资欠条为证据直接提起诉讼的，人民法院按照普通民事纠纷受理。' };

describe('buildSmsSummary', () => {
  it('gives the guide advice, the key article and 12348 in one segment', () => {
    const sms = buildSmsSummary({ risk: null, confident: true, citations: [art30], guides: [guide('labour-arbitration')] });
    expect(sms).toBe('和单位发生工资等争议，协商或调解不成的，要先向劳动人事争议仲裁委员会申请仲裁，一般不能直接起诉。参见《劳动合同法》第30条。详询12348。');
    expect(smsLength(sms)).toBeLessThanOrEqual(SMS_TARGET);
  });

  it('takes every word of advice from the guide summary (no invented facts)', () => {
    for (const g of guides.values()) {
      const sms = buildSmsSummary({ risk: null, confident: true, citations: [art30], guides: [g] });
      const advice = sms.slice(0, sms.indexOf('。参见'));
      const summary = g.summary.replace(/\s+/g, '');
      // Every piece between list shortenings ("X等") occurs verbatim in the summary.
      for (const piece of advice.replace(/……$/, '').split('等')) expect(summary, g.id).toContain(piece);
      expect(smsLength(sms), g.id).toBeLessThanOrEqual(SMS_MAX);
      expect(sms.endsWith(SMS_SIGN_OFF)).toBe(true);
    }
  });

  it('prefers a printed article with a short title when the best one would need a second segment', () => {
    const sms = buildSmsSummary({ risk: null, confident: true, citations: [longTitle, art30], guides: [guide('labour-arbitration')] });
    expect(sms).toContain('《劳动合同法》第30条');
    expect(smsLength(sms)).toBeLessThanOrEqual(SMS_TARGET);
    // …but never an article the answer does not print (only the first three are shown).
    const fourth = buildSmsSummary({ risk: null, confident: true, citations: [longTitle, longTitle, longTitle, art30], guides: [guide('labour-arbitration')] });
    expect(fourth).toContain(longTitle.law);
    expect(smsLength(fourth)).toBeLessThanOrEqual(SMS_MAX);
  });

  it('names no article when the answer is unsure of its citations', () => {
    const sms = buildSmsSummary({ risk: null, confident: false, citations: [art30], guides: [guide('labour-arbitration')] });
    expect(sms).not.toMatch(/《|第\d+条/);
    expect(sms.endsWith(SMS_SIGN_OFF)).toBe(true);
  });

  it('quotes the key article itself when there is no guide', () => {
    const sms = buildSmsSummary({ risk: null, confident: true, citations: [art30], guides: [] });
    expect(sms).toBe('《劳动合同法》第30条：用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。详询12348。');
  });

  it('leads an emergency with the safety step the answer itself gives', () => {
    expect(REPLIES.safety).toContain('立即拨打110');
    const sms = buildSmsSummary({ risk: 'emergency', confident: true, citations: [], guides: [guide('protection-order')] });
    expect(sms.startsWith(SMS_SAFETY)).toBe(true);
    expect(sms).toContain('人身安全保护令');
    expect(smsLength(sms)).toBeLessThanOrEqual(SMS_MAX);
  });

  it('cuts at a clause, marked, and never passes 140 characters', () => {
    const huge: Guide = { ...guide('mediation'), summary: `${'很长的条件'.repeat(12)}，${'可以申请调解'.repeat(12)}，${'另外还有说明'.repeat(12)}。` };
    const sms = buildSmsSummary({ risk: 'emergency', confident: true, citations: [longTitle], guides: [huge] });
    expect(smsLength(sms)).toBeLessThanOrEqual(SMS_MAX);
    expect(sms).toContain('……');
    expect(sms.endsWith(SMS_SIGN_OFF)).toBe(true);
  });

  it('answers a greeting with the hotline only', () => {
    expect(buildSmsSummary({ risk: null, confident: true, citations: [], guides: [] })).toBe(SMS_SIGN_OFF);
  });
});

describe('compressLists', () => {
  it('keeps the first item of a 、…等 list and leaves conditions alone', () => {
    expect(compressLists('和单位发生工资、辞退、经济补偿等争议')).toBe('和单位发生工资等争议');
    expect(compressLists('经济困难、请不起律师的群众，可以申请')).toBe('经济困难、请不起律师的群众，可以申请');
  });
});
