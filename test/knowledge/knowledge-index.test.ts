import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { KnowledgeIndex } from '../../src/knowledge/knowledge-index.js';
import { createRetriever } from '../../src/knowledge/retrieval.js';
import { loadTopicPriors } from '../../src/knowledge/topic-priors.js';
import { cleanUp, copyFixture, miniPipeline, openMiniIndex, tempDir } from '../fixtures/mini-knowledge/open-mini-index.js';

const open: KnowledgeIndex[] = [];
function openIndex(dataDir: string, root?: string): KnowledgeIndex {
  const index = openMiniIndex(dataDir, root);
  open.push(index);
  return index;
}
afterEach(() => {
  for (const i of open.splice(0)) i.close();
  cleanUp();
});

const CONTRACT_LAW = join('laws', '社会法', '劳动合同法(2012-12-28).json');
/** Current articles in the fixture: 劳动合同法 30/38/85, 劳动争议调解仲裁法 2/5/27, 民法典 1079/1084. */
const ARTICLES = 8;

function editLaw(root: string, edit: (law: { articles: Array<Record<string, unknown>> }) => void): void {
  const file = join(root, CONTRACT_LAW);
  const law = JSON.parse(readFileSync(file, 'utf8'));
  edit(law);
  writeFileSync(file, JSON.stringify(law, null, 2));
}

describe('knowledge index build and reuse', () => {
  it('builds on first open with every current article, the guide and the case', () => {
    const index = openIndex(tempDir('index-'));
    expect(index.rebuilt).toBe(true);
    expect(index.docs.count).toBe(ARTICLES + 2);
    expect(index.docs.kind.filter((k) => k === 'article')).toHaveLength(ARTICLES);
    expect(index.docs.kind.filter((k) => k === 'guide')).toHaveLength(1);
    expect(index.docs.kind.filter((k) => k === 'case')).toHaveLength(1);
    expect(index.docs.laws.map((l) => l.title).sort()).toEqual(['劳动争议调解仲裁法', '劳动合同法', '民法典'].sort());
    const art = index.findArticle('劳动合同法', 30);
    expect(art?.label).toBe('第三十条');
    expect(art?.text).toContain('支付令');
    expect(art?.ref).toBe('劳动合同法#第三十条');
  });

  it('reuses the index on a second open when nothing changed', () => {
    const dataDir = tempDir('index-');
    const first = openIndex(dataDir);
    first.close();
    open.pop();
    const second = openIndex(dataDir);
    expect(second.rebuilt).toBe(false);
    expect(second.docs.count).toBe(ARTICLES + 2);
    expect(second.findArticle('劳动争议调解仲裁法', 27)?.text).toContain('仲裁时效');
  });

  it('rebuilds when a law file changes, and the new text is what gets served', () => {
    const root = copyFixture();
    const dataDir = tempDir('index-');
    openIndex(dataDir, root).close();
    expect(openIndex(dataDir, root).rebuilt).toBe(false);
    editLaw(root, (law) => {
      law.articles[0]!.text = '用人单位应当按月向劳动者支付劳动报酬。（测试修改）';
    });
    const after = openIndex(dataDir, root);
    expect(after.rebuilt).toBe(true);
    expect(after.findArticle('劳动合同法', 30)?.text).toContain('测试修改');
  });

  it('rebuilds when a guide changes', () => {
    const root = copyFixture();
    const dataDir = tempDir('index-');
    openIndex(dataDir, root).close();
    const file = join(root, 'guides', 'labour-arbitration.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('劳动争议仲裁办事指南（测试）', '劳动仲裁指南（改）'));
    const after = openIndex(dataDir, root);
    expect(after.rebuilt).toBe(true);
    const guideId = after.docs.kind.indexOf('guide');
    expect(after.getDoc(guideId).title).toBe('劳动仲裁指南（改）');
  });

  it('never indexes superseded versions', () => {
    const index = openIndex(tempDir('index-'));
    expect(index.findArticle('行政复议法', 2)).toBeUndefined();
    expect(index.docs.laws.some((l) => l.title === '行政复议法')).toBe(false);
    const texts = Array.from({ length: index.docs.count }, (_, i) => index.getDoc(i).text);
    expect(texts.some((t) => t.includes('行政复议申请'))).toBe(false);
  });

  it('getDoc refuses an id that does not exist', () => {
    const index = openIndex(tempDir('index-'));
    expect(() => index.getDoc(index.docs.count)).toThrow(/no document/);
  });
});

describe('knowledge index with bad data', () => {
  it('names the file and the field, and leaves the previous index in place and usable', () => {
    const root = copyFixture();
    const dataDir = tempDir('index-');
    const before = openIndex(dataDir, root);
    editLaw(root, (law) => {
      law.articles[1]!.number = 'thirty-eight';
    });
    let message = '';
    try {
      openIndex(dataDir, root);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('劳动合同法(2012-12-28).json');
    expect(message).toContain('articles.1.number');
    // The open index still answers, the file on disk is the complete old index, and no partial build is left.
    expect(before.findArticle('劳动合同法', 38)?.label).toBe('第三十八条');
    const db = new Database(join(dataDir, 'knowledge-index.sqlite'), { readonly: true });
    try {
      expect((db.prepare('SELECT count(*) AS n FROM docs').get() as { n: number }).n).toBe(ARTICLES + 2);
    } finally {
      db.close();
    }
    expect(readdirSync(dataDir).filter((f) => f.includes('building'))).toEqual([]);
  });

  it('a build interrupted earlier (stale .building file) does not block the next build', () => {
    const dataDir = tempDir('index-');
    // What a process killed in the middle of build() leaves behind.
    const stale = new Database(join(dataDir, 'knowledge-index.building.sqlite'));
    stale.exec('CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL); CREATE TABLE docs(id INTEGER PRIMARY KEY);');
    stale.close();
    const index = openIndex(dataDir);
    expect(index.rebuilt).toBe(true);
    expect(index.docs.count).toBe(ARTICLES + 2);
    expect(existsSync(join(dataDir, 'knowledge-index.building.sqlite'))).toBe(false);
  });
});

describe('BM25 over the fixture index', () => {
  it('ranks the article containing the query term first', () => {
    const index = openIndex(tempDir('index-'));
    const retriever = createRetriever(index, miniPipeline(), loadTopicPriors('/nonexistent/topics.yaml', new Map()));
    const [top] = retriever.search('拖欠工资可以申请支付令吗', { kind: 'article' });
    expect(top?.doc.ref).toBe('劳动合同法#第三十条');
    const [custody] = retriever.search('离婚后孩子由谁直接抚养', { kind: 'article' });
    expect(custody?.doc.ref).toBe('民法典#第一千零八十四条');
  });
});
