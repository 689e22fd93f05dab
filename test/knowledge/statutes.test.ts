import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LawFile } from '../../src/knowledge/schemas/law.js';
import {
  currentLawsByTitle,
  findArticle,
  lawKey,
  loadManifest,
  loadStatutes,
  numberingIssues,
  serialiseLaw,
} from '../../src/knowledge/statutes.js';

const GOOD: LawFile = {
  title: '示例法',
  fullTitle: '中华人民共和国示例法',
  category: '社会法',
  kind: 'law',
  versionDate: '2020-01-01',
  effectiveFrom: '2020-01-01',
  effectiveBasis: 'version-date',
  status: 'current',
  history: [],
  source: '社会法/示例法(2020-01-01).md',
  articles: [
    { number: 1, label: '第一条', chapter: '第一章 总则', section: null, text: '为了示例，制定本法。' },
    { number: 2, label: '第二条', chapter: '第一章 总则', section: null, text: '第一款。\n第二款。' },
  ],
};

const temps: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'laws-'));
  temps.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('loadStatutes validation', () => {
  it('loads a valid file and round-trips the serialiser', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, '社会法'));
    fs.writeFileSync(path.join(dir, '社会法', 'good.json'), serialiseLaw(GOOD));
    expect(loadStatutes(dir)).toEqual([GOOD]);
  });

  it('names the file and the field path of a bad article', () => {
    const dir = tempDir();
    const bad = { ...GOOD, articles: [GOOD.articles[0], { ...GOOD.articles[1], number: '二' }] };
    fs.writeFileSync(path.join(dir, 'bad.json'), JSON.stringify(bad));
    expect(() => loadStatutes(dir)).toThrow(/bad\.json: articles\.1\.number: Expected number/);
  });

  it('names the file and field for a wrong status and for broken JSON', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'status.json'), JSON.stringify({ ...GOOD, status: 'abolished' }));
    expect(() => loadStatutes(dir)).toThrow(/status\.json: status:/);
    fs.rmSync(path.join(dir, 'status.json'));
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"title": ');
    expect(() => loadStatutes(dir)).toThrow(/broken\.json: \(root\): invalid JSON/);
  });
});

describe('numberingIssues and helpers', () => {
  it('reports gaps, duplicate labels and backward steps', () => {
    const a = (number: number, label: string) => ({ number, label, chapter: null, section: null, text: 'x' });
    const r = numberingIssues([a(1, '第一条'), a(3, '第三条'), a(3, '第三条'), a(2, '第二条'), a(5, '第五条')]);
    expect(r).toEqual({ gaps: [4], duplicates: ['第三条'], outOfOrder: 1, firstNumber: 1 });
    expect(lawKey('劳动合同法', 38)).toBe('劳动合同法#38');
  });
});

describe('committed knowledge/laws', () => {
  let laws: LawFile[];
  beforeAll(() => {
    laws = loadStatutes();
  });

  it('has 民法典 as one current law with articles 1–1260 and no gaps', () => {
    const civil = laws.filter((l) => l.title === '民法典');
    expect(civil).toHaveLength(1);
    const numbers = civil[0]!.articles.map((a) => a.number);
    expect(numbers).toEqual(Array.from({ length: 1260 }, (_, i) => i + 1));
    expect(civil[0]!.status).toBe('current');
    expect(findArticle(civil[0]!, 1217)?.chapter).toMatch(/^侵权责任编/);
  });

  it('marks only the newest version of a title current', () => {
    const byTitle = new Map<string, LawFile[]>();
    for (const l of laws) byTitle.set(l.title, [...(byTitle.get(l.title) ?? []), l]);
    for (const [title, versions] of byTitle) {
      const current = versions.filter((v) => v.status === 'current' || v.status === 'repealed');
      expect(current.length, title).toBeGreaterThan(0);
      const newest = current[0]!.versionDate ?? '';
      for (const v of versions.filter((x) => x.status === 'superseded')) {
        expect((v.versionDate ?? '') < newest, `${title} ${v.source}`).toBe(true);
      }
    }
    const patent = byTitle.get('专利法实施细则')!;
    expect(patent.find((v) => v.versionDate === '2010-01-09')?.status).toBe('superseded');
    expect(patent.find((v) => v.versionDate === '2023-12-11')?.status).toBe('current');
  });

  it('marks instruments a clause in force repeals (民法典 Art. 1260 and others) as repealed, never current', () => {
    const repealed = laws.filter((l) => l.status === 'repealed');
    expect(repealed.map((l) => l.title)).toContain('最高人民法院关于适用《中华人民共和国婚姻法》若干问题的解释（一）');
    expect(repealed.map((l) => l.title)).toContain('最高人民法院关于适用《中华人民共和国合同法》若干问题的解释（二）');
    for (const l of repealed.filter((x) => /关于适用《中华人民共和国(婚姻法|合同法|担保法|物权法)》/.test(x.title))) {
      expect(l.repealedBy).toBe('民法典第一千二百六十条');
    }
    // Other repeal clauses are honoured the same way (居民身份证法 Art. 20 style "…同时废止").
    expect(repealed.find((l) => l.title === '人民检察院刑事诉讼规则（试行）')?.repealedBy).toBe('人民检察院刑事诉讼规则第六百八十四条');
    expect(currentLawsByTitle(laws).has('最高人民法院关于适用《中华人民共和国婚姻法》若干问题的解释（一）')).toBe(false);
    // Interpretations of the 民法典 itself stay current.
    expect(currentLawsByTitle(laws).has('最高人民法院关于适用《中华人民共和国民法典》婚姻家庭编的解释（一）')).toBe(true);
  });

  it('resolves current laws by short title and keeps the 刑事诉讼法 glitch article', () => {
    const current = currentLawsByTitle(laws);
    const cpl = current.get('刑事诉讼法')!;
    expect(cpl.fullTitle).toBe('中华人民共和国刑事诉讼法');
    expect(findArticle(cpl, 128)?.text).toMatch(/^侦查人员对于与犯罪有关的场所/);
    expect(findArticle(current.get('劳动合同法')!, 38)?.label).toBe('第三十八条');
  });

  it('has a manifest that matches the files', () => {
    const manifest = loadManifest();
    expect(manifest).toHaveLength(laws.length);
    const counts = new Map(laws.map((l) => [`${l.title}|${l.versionDate}|${l.source}`, l.articles.length]));
    const total = manifest.reduce((n, m) => n + m.articleCount, 0);
    expect(total).toBe([...counts.values()].reduce((n, c) => n + c, 0));
    const sorted = [...manifest].sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
    expect(manifest.map((m) => m.title)).toEqual(sorted.map((m) => m.title));
  });
});
