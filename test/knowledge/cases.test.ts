import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import {
  chooseTopic,
  extractCitations,
  keepExisting,
  normaliseLawTitle,
  parseCase,
} from '../../src/knowledge/case-parser.js';
import { loadCases } from '../../src/knowledge/cases.js';
import type { Case } from '../../src/knowledge/schemas/case.js';
import { currentLawsByTitle, findArticle, loadStatutes } from '../../src/knowledge/statutes.js';

const CASE: Case = {
  id: '2030-sample-01',
  year: 2030,
  yearBasis: 'published',
  title: '示例案例',
  caseName: null,
  publisher: null,
  publishedOn: '2030-03-15',
  topic: '劳动纠纷',
  keywords: ['加班费', '劳动者', '用人单位', '仲裁', '工资'],
  facts: '基本案情。',
  outcome: '裁判结果。',
  reasoning: null,
  significance: '典型意义。',
  citedArticles: [{ law: '劳动法', article: 44 }],
  source: '案例/示例/示例.md',
  reviewed: { on: '2030-03-20', laws: { 劳动法: '2018-12-29' } },
};

const temps: string[] = [];
function library(files: Record<string, unknown>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cases-'));
  temps.push(dir);
  for (const [rel, doc] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), typeof doc === 'string' ? doc : stringify(doc));
  }
  return dir;
}
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('loadCases', () => {
  it('reports count, target and shortfall per year; a new year is a new folder', () => {
    const dir = library({
      '2030/2030-sample-01.yaml': CASE,
      '2030/2030-sample-02.yaml': { ...CASE, id: '2030-sample-02' },
      '2031/2031-sample-01.yaml': { ...CASE, id: '2031-sample-01', year: 2031 },
    });
    const { cases, perYear } = loadCases(dir);
    expect(cases.map((c) => c.id)).toEqual(['2030-sample-01', '2030-sample-02', '2031-sample-01']);
    expect(perYear).toEqual([
      { year: 2030, count: 2, target: 30, shortfall: 28 },
      { year: 2031, count: 1, target: 30, shortfall: 29 },
    ]);
  });

  it('names the file and the field of a bad case', () => {
    const dir = library({ '2030/2030-sample-01.yaml': { ...CASE, topic: '宠物纠纷' } });
    expect(() => loadCases(dir)).toThrow(/2030-sample-01\.yaml: topic: Invalid enum value/);
    const dir2 = library({ '2030/2030-sample-01.yaml': { ...CASE, citedArticles: [{ law: '劳动法', article: '四十四' }] } });
    expect(() => loadCases(dir2)).toThrow(/2030-sample-01\.yaml: citedArticles\.0\.article/);
  });

  it('rejects a file whose name or folder disagrees with its id or year', () => {
    expect(() => loadCases(library({ '2030/other.yaml': CASE }))).toThrow(/other\.yaml: id:/);
    expect(() => loadCases(library({ '2031/2030-sample-01.yaml': CASE }))).toThrow(/2030-sample-01\.yaml: year:/);
    expect(() => loadCases(library({ '2030/2030-sample-01.yaml': 'id: [' }))).toThrow(/invalid YAML/);
  });

  it('loads the committed library: 52 cases whose citations all exist in the current statutes', () => {
    const { cases, perYear } = loadCases();
    expect(cases).toHaveLength(52);
    expect(perYear.reduce((n, y) => n + y.count, 0)).toBe(52);
    for (const y of perYear) expect(y.shortfall).toBe(Math.max(0, 30 - y.count));
    const current = currentLawsByTitle(loadStatutes());
    for (const c of cases) {
      for (const ref of c.citedArticles) {
        const law = current.get(ref.law);
        expect(law && findArticle(law, ref.article), `${c.id} ${ref.law} ${ref.article}`).toBeTruthy();
      }
    }
    const overtime = cases.filter((c) => c.source.startsWith('案例/劳动人事/'));
    expect(overtime).toHaveLength(10);
    expect(new Set(overtime.map((c) => c.topic))).toEqual(new Set(['劳动纠纷']));
    expect(cases.find((c) => c.id === '2021-labour-overtime-01')?.citedArticles).toContainEqual({ law: '劳动法', article: 44 });
  });
});

describe('parseCase', () => {
  it('maps heading variants and treats the first unknown heading as the case name', () => {
    const md = [
      '# 标题', '', '消费者权益保护典型案例', '', '最高人民法院发布', '', '2022-03-15', '', '<!-- INFO END -->', '',
      '## 张某诉某公司买卖合同纠纷案', '', '## 关键词　', '', '民事、买卖合同、食品安全。', '', '## 简要案情', '', '事实一。',
      '', '<!-- FORCE BREAK -->', '', '事实二。', '', '## 申请人请求', '', '支付加班费。', '', '## 处理结果', '', '支持。',
      '', '## 裁判理由', '', '理由。', '', '## 裁判要点', '', '要点。', '', '## 司法解释相关法条', '', '《某解释》。',
    ].join('\n');
    const p = parseCase(md);
    expect(p).toMatchObject({
      title: '标题', caseName: '张某诉某公司买卖合同纠纷案', publisher: '最高人民法院', publishedOn: '2022-03-15',
      facts: '事实一。\n事实二。\n请求：支付加班费。', outcome: '支持。', reasoning: '理由。', significance: '要点。',
      keywords: ['民事', '买卖合同', '食品安全'], provisions: '《某解释》。', unknownHeadings: [],
    });
  });

  it('picks a topic from the content', () => {
    expect(chooseTopic({ title: '无偿搭乘亲友出事故', caseName: null, facts: '' })).toBe('交通事故');
    expect(chooseTopic({ title: '婚前隐瞒重大疾病 配偶可申请撤销婚姻', caseName: null, facts: '' })).toBe('婚姻家庭');
    expect(chooseTopic({ title: '无关标题', caseName: null, facts: '无关' })).toBe('综合咨询');
  });
});

describe('extractCitations', () => {
  const titles = new Map(
    ['劳动法', '劳动合同法', '民法典', '食品安全法', '最高人民法院关于审理行政协议案件若干问题的规定'].map((t) => [normaliseLawTitle(t), t]),
  );
  const cite = (text: string) => extractCitations(text, titles).map((c) => `${c.law ?? `?${c.cited}`}#${c.article}`);

  it('reads bracketed titles, the 中华人民共和国 prefix and article lists', () => {
    expect(cite('依据《中华人民共和国劳动合同法》第三十条、第八十五条和《劳动法》第四十四条第一款第（二）项规定')).toEqual([
      '劳动合同法#30', '劳动合同法#85', '劳动法#44',
    ]);
  });

  it('reads bare known titles with Arabic numbers, 该法, aliases and provision blocks', () => {
    expect(cite('依据民法典第1217条的规定')).toEqual(['民法典#1217']);
    expect(cite('《中华人民共和国食品安全法》（以下简称《食品安全法》）第三条规定。该法第二十八条第（八）项规定')).toEqual([
      '食品安全法#3', '食品安全法#28',
    ]);
    expect(cite('《最高人民法院关于审理行政协议案件若干问题的规定》（以下简称《行政协议司法解释》）第五条。另《行政协议司法解释》第十七条')).toEqual([
      '最高人民法院关于审理行政协议案件若干问题的规定#5', '最高人民法院关于审理行政协议案件若干问题的规定#17',
    ]);
    expect(cite('《食品安全法》。\n第十二条 进口的食品……')).toEqual(['食品安全法#12']);
  });

  it('ignores contract clauses and reports unknown titles as unresolved', () => {
    expect(cite('双方签有《汽车销售合同》。该合同第七条约定')).toEqual([]);
    const raw = extractCitations('《最低工资规定》第3条', titles);
    const { kept, dropped } = keepExisting(raw, () => true);
    expect(kept).toEqual([]);
    expect(dropped).toEqual([{ cited: '最低工资规定', law: null, article: 3 }]);
  });
});
