import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Lawline } from '../../src/assistant/lawline.js';
import { PATHS } from '../../src/config/paths.js';
import { DISCLAIMER } from '../../src/knowledge/answer-composer.js';
import type { KnowledgeIndex } from '../../src/knowledge/knowledge-index.js';
import { createRetriever, topK } from '../../src/knowledge/retrieval.js';
import type { LawFile } from '../../src/knowledge/schemas/law.js';
import { loadManifest } from '../../src/knowledge/statutes.js';
import { loadTopicPriors } from '../../src/knowledge/topic-priors.js';
import { cleanUp, miniPipeline, openMiniIndex, tempDir } from '../fixtures/mini-knowledge/open-mini-index.js';
import { testLawline } from '../support/lawline.js';

const WAGE_QUESTION = '公司拖欠我三个月工资怎么办';
// Labour statutes and the wage rules under them.
const LABOUR_LAWS = ['劳动合同法', '劳动争议调解仲裁法', '劳动法', '工资支付暂行规定', '保障农民工工资支付条例'];

describe('retrieval on the real knowledge index', () => {
  let lawline: Lawline;
  beforeAll(() => {
    lawline = testLawline();
  });

  it('answers the unpaid-wages question with labour-law articles and the arbitration and legal-aid guides', async () => {
    const result = await lawline.ask(WAGE_QUESTION);
    expect(result.citations.length).toBeGreaterThan(0);
    expect(result.citations.some((c) => LABOUR_LAWS.includes(c.law))).toBe(true);
    // The best citation is labour law, not something merely sharing words.
    expect(LABOUR_LAWS).toContain(result.citations[0]!.law);
    const guideIds = result.guides.map((g) => g.id);
    expect(guideIds).toContain('labour-arbitration');
    expect(guideIds).toContain('legal-aid');
    expect(result.answer).toContain(DISCLAIMER);
    expect(result.domain).toBe('劳动纠纷');
  });

  it('quotes article text exactly as the statute says it (whole paragraphs, nothing composed or invented)', async () => {
    const result = await lawline.ask(WAGE_QUESTION);
    for (const c of result.citations) {
      const article = lawline.index.findArticle(c.law, c.article)!.text.split('\n');
      for (const line of c.text.split('\n').filter((l) => l !== '……')) expect(article, `${c.law} ${c.article}`).toContain(line);
    }
  });

  it.each(['离婚后孩子抚养权归谁', '被车撞了对方不赔钱怎么办', '借钱不还怎么起诉'])('every legal answer carries the disclaimer: %s', async (q) => {
    const result = await lawline.ask(q);
    expect(result.answer.endsWith(DISCLAIMER)).toBe(true);
  });

  it.each(['article', 'guide', 'case'] as const)('kind=%s returns only that kind, within the limit', (kind) => {
    const hits = lawline.search('拖欠工资 劳动仲裁', { kind, limit: 4 });
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.length).toBeLessThanOrEqual(4);
    for (const h of hits) expect(h.doc.kind).toBe(kind);
  });

  it('ranks best first', () => {
    const hits = lawline.search(WAGE_QUESTION, { limit: 10 });
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
  });

  it('finds the labour-arbitration guide for unpaid wages', () => {
    const hits = lawline.search(WAGE_QUESTION, { kind: 'guide', limit: 3 });
    expect(hits.map((h) => h.doc.ref)).toContain('labour-arbitration');
  });

  it('baseline returns only statute articles', () => {
    const hits = lawline.retriever.baseline(WAGE_QUESTION, 20);
    expect(hits.length).toBe(20);
    for (const h of hits) expect(h.doc.kind).toBe('article');
  });

  it('never serves the text of a superseded version', () => {
    // Read the built index file directly: serving code has no reason to search documents by their text.
    const db = new Database(join(lawline.config.LAWLINE_DATA_DIR, 'knowledge-index.sqlite'), { readonly: true });
    const sameText = db.prepare('SELECT count(*) AS n FROM docs WHERE law = ? AND text = ?');
    const manifest = loadManifest(PATHS.laws);
    const read = (file: string) => JSON.parse(readFileSync(join(PATHS.laws, file), 'utf8')) as LawFile;
    const superseded = manifest.filter((e) => e.status === 'superseded');
    expect(superseded.length).toBeGreaterThan(0);
    let checked = 0;
    for (const entry of superseded) {
      const currentTexts = new Set(
        manifest.filter((e) => e.title === entry.title && e.status === 'current').flatMap((e) => read(e.file).articles.map((a) => a.text)),
      );
      for (const a of read(entry.file).articles) {
        if (currentTexts.has(a.text)) continue;
        checked++;
        expect((sameText.get(entry.title, a.text) as { n: number }).n, `${entry.file} ${a.label}`).toBe(0);
      }
    }
    db.close();
    expect(checked).toBeGreaterThan(100);
  });

  it('a question quoting an old 公司法 article is answered from the current 公司法', () => {
    const old = JSON.parse(readFileSync(join(PATHS.laws, '民法商法', '公司法(2018-10-26).json'), 'utf8')) as LawFile;
    const current = JSON.parse(readFileSync(join(PATHS.laws, '民法商法', '公司法(2023-12-29).json'), 'utf8')) as LawFile;
    const currentTexts = new Set(current.articles.map((a) => a.text));
    const hits = lawline.search(old.articles.find((a) => a.number === 3)!.text, { kind: 'article', limit: 10 });
    const companyLaw = hits.filter((h) => h.doc.law === '公司法');
    expect(companyLaw.length).toBeGreaterThan(0);
    for (const h of companyLaw) expect(currentTexts.has(h.doc.text)).toBe(true);
  });
});

describe('retrieval priors on the mini fixture', () => {
  let index: KnowledgeIndex;
  beforeAll(() => {
    index = openMiniIndex(tempDir('retrieval-'));
  });
  afterAll(() => {
    index.close();
    cleanUp();
  });

  function priorsFile(yaml: string) {
    const file = join(tempDir('topics-'), 'topics.yaml');
    writeFileSync(file, yaml);
    return loadTopicPriors(file, new Map(index.docs.laws.map((l, i) => [l.title, i])));
  }

  it('a topic distribution lifts the laws that topic leans on', () => {
    const priors = priorsFile('topics:\n  - {label: 劳动纠纷, slug: labour, laws: [{title: 劳动争议调解仲裁法, weight: 1}]}\n');
    const retriever = createRetriever(index, miniPipeline(), priors);
    // 调解 occurs in 民法典 1079 (divorce) and 劳动争议调解仲裁法 5.
    const plain = retriever.search('调解', { kind: 'article', limit: 5 });
    const labour = retriever.search('调解', { kind: 'article', limit: 5, topics: { 劳动纠纷: 1 } });
    const scoreOf = (hits: typeof plain, ref: string) => hits.find((h) => h.doc.ref === ref)?.score ?? 0;
    expect(scoreOf(labour, '劳动争议调解仲裁法#第五条')).toBeGreaterThan(scoreOf(plain, '劳动争议调解仲裁法#第五条'));
    expect(scoreOf(labour, '民法典#第一千零七十九条')).toBeCloseTo(scoreOf(plain, '民法典#第一千零七十九条'), 10);
    expect(labour[0]!.doc.law).toBe('劳动争议调解仲裁法');
  });

  it('boostLaws favours a named law without any topic', () => {
    const retriever = createRetriever(index, miniPipeline(), priorsFile('topics: []\n'));
    const hits = retriever.search('调解', { kind: 'article', limit: 5, boostLaws: ['民法典'] });
    expect(hits[0]!.doc.law).toBe('民法典');
  });

  it('reports topics.yaml laws missing from the index instead of failing', () => {
    const file = join(tempDir('topics-'), 'topics.yaml');
    writeFileSync(file, 'topics:\n  - {label: 劳动纠纷, slug: labour, laws: [{title: 不存在的法, weight: 1}]}\n');
    const unknown: string[] = [];
    loadTopicPriors(file, new Map(), (t) => unknown.push(t));
    expect(unknown).toEqual(['不存在的法']);
  });

  it('a query with no known word finds nothing', () => {
    const retriever = createRetriever(index, miniPipeline(), priorsFile('topics: []\n'));
    expect(retriever.search('qqqzzz')).toEqual([]);
  });
});

describe('topK', () => {
  it('returns the largest positive scores best first, ties by id', () => {
    const scores = Float64Array.from([0, 3, 1, 3, -1, 2, 0.5]);
    expect(topK(scores, 3)).toEqual([1, 3, 5]);
    expect(topK(scores, 10)).toEqual([1, 3, 5, 2, 6]);
  });

  it('is exact for long score arrays (pruning keeps the true top k)', () => {
    const n = 5000;
    const scores = Float64Array.from({ length: n }, (_, i) => ((i * 7919) % n) + 1);
    const expected = [...scores.keys()].sort((a, b) => scores[b]! - scores[a]!).slice(0, 10);
    expect(topK(scores, 10)).toEqual(expected);
  });
});
