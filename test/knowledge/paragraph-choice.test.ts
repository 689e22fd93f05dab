import { describe, expect, it } from 'vitest';
import { articleParagraphs, quoteParagraphs } from '../../src/knowledge/article-structure.js';
import { chooseParagraphs } from '../../src/knowledge/paragraph-choice.js';

// 民法典 Art. 1084: the rule a parent asks about (under two) is in the third paragraph.
const ART_1084 = [
  '父母与子女间的关系，不因父母离婚而消除。离婚后，子女无论由父或者母直接抚养，仍是父母双方的子女。',
  '离婚后，父母对于子女仍有抚养、教育、保护的权利和义务。',
  '离婚后，不满两周岁的子女，以由母亲直接抚养为原则。已满两周岁的子女，父母双方对抚养问题协议不成的，由人民法院根据双方的具体情况，按照最有利于未成年子女的原则判决。子女已满八周岁的，应当尊重其真实意愿。',
].join('\n');
const segment = (t: string) => t.match(/两周岁|抚养|母亲|子女|离婚|孩子|权利|义务|[\u4e00-\u9fff]/g) ?? [];
const idf = (t: string) => (t.length > 1 ? 2 : 0.1);

describe('article structure', () => {
  it('numbers paragraphs and puts items under the paragraph before them', () => {
    const paras = articleParagraphs('有下列情形之一的，可以解除：\n（一）甲；\n（二）乙。\n前款规定的情形，应当通知。');
    expect(paras.map((p) => [p.number, p.items.map((i) => i.number)])).toEqual([[1, [1, 2]], [2, []]]);
    expect(quoteParagraphs('有下列情形之一的，可以解除：\n（一）甲；\n（二）乙。\n前款规定的情形，应当通知。', [1], [2])).toBe('有下列情形之一的，可以解除：\n（二）乙。');
  });
});

describe('chooseParagraphs', () => {
  it('quotes the paragraph that answers the question, not the article opening', () => {
    const c = chooseParagraphs(ART_1084, '离婚的话孩子两岁，抚养权一般判给谁', segment, idf);
    expect(c.paragraphs).toEqual([3]);
    expect(c.text).toMatch(/^离婚后，不满两周岁的子女/);
  });

  it('keeps the paragraphs a bank entry names', () => {
    expect(chooseParagraphs(ART_1084, '随便问问', segment, idf, { paragraphs: [2] }).text).toBe('离婚后，父母对于子女仍有抚养、教育、保护的权利和义务。');
  });

  it('quotes a one-paragraph article whole, and the first paragraph when nothing matches', () => {
    expect(chooseParagraphs('一段话。', 'x', segment, idf)).toEqual({ paragraphs: [], text: '一段话。' });
    expect(chooseParagraphs(ART_1084, 'qqq', segment, idf).paragraphs).toEqual([1]);
  });
});
