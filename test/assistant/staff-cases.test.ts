/**
 * Which cases an answer names once staff have added or edited cases: staff cases matched by their keywords (more
 * keywords needed when the topic differs), file cases from the index as staff edited them.
 */
import { describe, expect, it } from 'vitest';
import { mergeStaffCases, STAFF_CASE_KEYWORDS } from '../../src/assistant/staff-cases.js';
import { caseDocs } from '../../src/knowledge/search-documents.js';
import type { Case, Topic } from '../../src/knowledge/schemas/case.js';

const base = {
  yearBasis: 'published', caseName: null, publisher: null, publishedOn: null, outcome: null, reasoning: null,
  significance: null, citedArticles: [] as Case['citedArticles'], source: '测试', reviewed: null,
} satisfies Partial<Case>;
const dog: Case = { ...base, id: '2026-staff-01', year: 2026, title: '狗咬人', topic: '侵权', keywords: ['宠物狗', '咬伤', '狂犬疫苗', '饲养人', '动物'], facts: '虚构' };
const fileCase: Case = { ...base, id: '2021-civil-code-01', year: 2021, title: '打印遗嘱', topic: '婚姻家庭', keywords: ['遗嘱', '打印', '见证人', '继承', '遗产'], facts: '虚构' };
const other: Case = { ...base, id: '2020-x-01', year: 2020, title: '工资', topic: '劳动纠纷', keywords: ['工资', '拖欠', '加班', '仲裁', '劳动合同'], facts: '虚构' };
const ask = (text: string, domain: Topic) => ({ text, alteredText: text, domain });

describe('mergeStaffCases', () => {
  it('leaves the index hits alone when staff keep no case', () => {
    const hits = caseDocs([fileCase]);
    expect(mergeStaffCases(hits, [], ask('打印遗嘱有效吗', '婚姻家庭'))).toBe(hits);
  });

  it.each([
    ['two keywords and the same topic', '宠物狗把我咬伤了', '侵权', true],
    ['two keywords, another topic', '宠物狗把我咬伤了', '人身损害', false],
    [`${STAFF_CASE_KEYWORDS.anyTopic} keywords, another topic`, '宠物狗咬伤了孩子，要打狂犬疫苗', '人身损害', true],
    ['one keyword', '宠物狗很可爱', '侵权', false],
  ] as Array<[string, string, Topic, boolean]>)('a staff case, %s: "%s" (%s) → shown %s', (_what, text, domain, shown) => {
    expect(mergeStaffCases([], [dog], ask(text, domain)).map((d) => d.ref)).toEqual(shown ? [dog.id] : []);
  });

  it('puts staff matches first, shows an edited file case as edited, drops one moved to another topic, keeps two', () => {
    const hits = caseDocs([fileCase, other]);
    const edited = { ...fileCase, title: '打印遗嘱（已更正）' };
    const merged = mergeStaffCases(hits, [edited], ask('打印遗嘱', '婚姻家庭'));
    expect(merged.map((d) => [d.ref, d.title])).toEqual([['2021-civil-code-01', '打印遗嘱（已更正）'], ['2020-x-01', '工资']]);
    expect(mergeStaffCases(hits, [{ ...fileCase, topic: '侵权' }], ask('打印遗嘱', '婚姻家庭')).map((d) => d.ref)).toEqual(['2020-x-01']);
    const three = mergeStaffCases(hits, [dog], ask('宠物狗咬伤', '侵权'));
    expect(three.map((d) => d.ref)).toEqual([dog.id, fileCase.id]);
  });
});
