/**
 * Shaping replies for WeChat's text limit: what stays, what moves behind numbers, how numbers avoid the bot's own.
 */
import { describe, expect, it } from 'vitest';
import type { ReplyContent } from '../../../src/channels/wechat/handler.js';
import { firstFreeNumber, pageText, renderFollowUp, shapeReply, TEXT_LIMIT_BYTES } from '../../../src/channels/wechat/reply-shaper.js';

const bytes = (s: string) => Buffer.byteLength(s);
const content = (text: string, extra: Partial<ReplyContent> = {}): ReplyContent => ({ text, choices: [], citations: [], ...extra });

/** An answer shaped like the composer's: statutes, steps, places, cases, disclaimer, citations line. */
function longAnswer(): string {
  return [
    '【法律依据】',
    ...Array.from({ length: 3 }, (_, i) => `《劳动合同法》第${30 + i}条：${'用人单位应当按照劳动合同约定向劳动者及时足额支付劳动报酬。'.repeat(4)}`),
    '【您可以这样做】',
    '先协商，再调解，调解不成申请劳动仲裁。',
    '1. 先协商。',
    '【在清远到哪里办】',
    '· 劳动人事争议仲裁委员会（地址请拨打12348核实）。',
    '【类似案例】',
    ...Array.from({ length: 6 }, (_, i) => `· 劳动报酬纠纷案例${i + 1}：${'用人单位拖欠工资，劳动者申请仲裁获得支持'.repeat(2)}（2021年案例库）`),
    '温馨提示：以上是法律信息，不是律师意见。',
    '',
    '【引用法条】《劳动合同法》第30条；《劳动合同法》第31条；《劳动合同法》第32条',
  ].join('\n');
}

describe('shapeReply', () => {
  it('leaves a reply within the limit unchanged, with nothing to remember', () => {
    expect(shapeReply(content('您好，请描述您的问题。'))).toEqual({ text: '您好，请描述您的问题。', options: [] });
  });

  it('moves the statutes first, then sections from the end, and keeps the disclaimer and the citations line', () => {
    const text = longAnswer();
    expect(bytes(text)).toBeGreaterThan(TEXT_LIMIT_BYTES);
    const citations = [{ law: '劳动合同法', article: 30, text: '用人单位应当按照劳动合同约定和国家规定，向劳动者及时足额支付劳动报酬。' }];
    const shaped = shapeReply(content(text, { citations }));
    expect(bytes(shaped.text)).toBeLessThanOrEqual(TEXT_LIMIT_BYTES);
    expect(shaped.text).toContain('【法律依据】回复1查看法律依据原文');
    expect(shaped.text).toContain('【您可以这样做】\n先协商，再调解');
    expect(shaped.text).toContain('温馨提示：以上是法律信息');
    expect(shaped.text).toContain('【引用法条】《劳动合同法》第30条');
    // The full article text (from the answer's citations), not the excerpt, is behind the number.
    const statutes = shaped.options.find((o) => o.number === 1)!;
    expect(statutes.action).toEqual({ type: 'show', text: `《劳动合同法》第30条\n${citations[0]!.text}` });
  });

  it('moves more sections, last first, when the statutes alone are not enough', () => {
    const text = longAnswer().replace('【类似案例】', `【类似案例】\n${'· 很长的案例标题（2021年案例库）\n'.repeat(40)}`.trimEnd());
    const shaped = shapeReply(content(text));
    expect(bytes(shaped.text)).toBeLessThanOrEqual(TEXT_LIMIT_BYTES);
    expect(shaped.text).toMatch(/【类似案例】回复\d+查看类似案例/);
    expect(shaped.text).toContain('【您可以这样做】\n先协商'); // practical steps stay
    const cases = shaped.options.filter((o) => o.label.startsWith('类似案例'));
    expect(cases.map((o) => o.action.type === 'show' && o.action.text).join('\n')).toContain('很长的案例标题');
  });

  it('starts numbering above the numbers the bot asks for', () => {
    const shaped = shapeReply(content(`${longAnswer()}\n\n想申请法律援助？回复1或“我想申请”。`));
    expect(shaped.options.map((o) => o.number)).not.toContain(1);
    expect(shaped.text).toContain('【法律依据】回复2查看法律依据原文');
    expect(firstFreeNumber('请回复1到10之间的数字')).toBe(11);
    expect(firstFreeNumber('请回复数字告诉我：\n1. 公证\n2. 仲裁')).toBe(3);
    expect(firstFreeNumber('没有编号')).toBe(1);
  });

  it('pages long text without sections, keeping every character', () => {
    const text = '这是一段没有分节的很长的说明。'.repeat(400);
    const shaped = shapeReply(content(text));
    expect(bytes(shaped.text)).toBeLessThanOrEqual(TEXT_LIMIT_BYTES);
    expect(shaped.text).toMatch(/（回复1查看后续内容）$/);
    const rest = shaped.options.map((o) => (o.action.type === 'show' ? o.action.text : '')).join('');
    expect(shaped.text.replace(/\n（回复1查看后续内容）$/, '') + rest.replaceAll('\n', '')).toBe(text);
  });

  it('renders a follow-up with a footer naming the other parts', () => {
    const shaped = shapeReply(content(longAnswer()));
    const first = shaped.options[0]!;
    const reply = renderFollowUp(first, shaped.options);
    expect(bytes(reply)).toBeLessThanOrEqual(TEXT_LIMIT_BYTES);
    for (const other of shaped.options.slice(1)) expect(reply).toContain(`回复${other.number}查看${other.label}`);
  });
});

describe('pageText', () => {
  it('keeps paragraphs (articles) whole when they fit', () => {
    const a = `《甲法》第1条\n${'甲'.repeat(200)}`;
    const b = `《乙法》第2条\n${'乙'.repeat(200)}`;
    expect(pageText(`${a}\n\n${b}`, 700)).toEqual([a, b]);
  });
});
