/**
 * The question bank as data: one file per entry, checked against the schema, the statutes in force (down to
 * paragraph and item), the figures of the law it cites, and the rest of the bank (no phrasing twice).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLawBook } from '../../src/knowledge/law-book.js';
import { checkQaEntries, loadQaBank, phrasingKey } from '../../src/knowledge/qa-bank.js';
import { loadStatutes } from '../../src/knowledge/statutes.js';
import { MINI_KNOWLEDGE } from '../fixtures/mini-knowledge/open-mini-index.js';

const book = createLawBook(loadStatutes(join(MINI_KNOWLEDGE, 'laws'), '2026-12-04'));
const ctx = { book, guideIds: new Set(['labour-arbitration']), caseIds: new Set<string>(), knownNumbers: ['12348'] };
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function bank(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'qa-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

const QUESTIONS = ['公司欠工资不给怎么办', '老板拖了三个月人工，我在英德一个厂做普工，现在厂里说没钱', '老细唔出粮点算', '公司拖欠薪水怎麼辦', '单位欠工资我能直接告吗'];
function entry(id: string, over: Partial<Record<'answer' | 'basis' | 'questions', string>> = {}): string {
  return [
    `id: ${id}`, 'topic: 劳动纠纷', 'questions:',
    over.questions ?? QUESTIONS.map((q) => `  - ${q}`).join('\n'),
    `answer: ${over.answer ?? '可以要。单位要按时足额发工资；拖欠的，可以申请劳动仲裁，也可以拨打12348。'}`,
    'basis:', over.basis ?? '  - { law: 劳动合同法, article: 30, paragraphs: [1] }',
    'guides: [labour-arbitration]',
    'reviewed: { on: "2026-12-04", laws: { 劳动合同法: "2012-12-28" } }',
  ].join('\n');
}

describe('loading', () => {
  it('loads one entry per file, from any folder, and a good entry has no problems', () => {
    const { entries, problems } = loadQaBank(bank({ 'labour/labour-unpaid-wages.yaml': entry('labour-unpaid-wages') }));
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.id, e.file])).toEqual([['labour-unpaid-wages', 'labour/labour-unpaid-wages.yaml']]);
    expect(checkQaEntries(entries, ctx)).toEqual([]);
  });

  it('names the file and the field of a schema error, and still loads the good files', () => {
    const { entries, problems } = loadQaBank(bank({
      'a/short.yaml': entry('short', { questions: '  - 只有一种问法' }),
      'a/long.yaml': entry('long', { answer: '长'.repeat(301) }),
      'a/ok.yaml': entry('ok'),
    }));
    expect(problems).toContainEqual(expect.stringMatching(/^a\/short\.yaml: questions: at least 5 phrasings/));
    expect(problems).toContainEqual(expect.stringMatching(/^a\/long\.yaml: answer: at most 300 characters/));
    expect(entries.map((e) => e.id)).toEqual(['ok']);
  });

  it('refuses an id that is not the file name, and a phrasing that another entry already has', () => {
    const { problems } = loadQaBank(bank({ 'a/x.yaml': entry('y'), 'b/z.yaml': entry('z') }));
    expect(problems).toContainEqual('a/x.yaml: id: "y" must equal the file name "x"');
    expect(problems).toContainEqual(expect.stringMatching(/^b\/z\.yaml: questions\.0: "公司欠工资不给怎么办" already appears in a\/x\.yaml/));
  });

  it('treats phrasings that differ only in spaces and punctuation as the same', () => {
    expect(phrasingKey('公司 欠工资，不给怎么办？')).toBe(phrasingKey('公司欠工资不给怎么办'));
  });
});

describe('checks against the law', () => {
  const check = (over: Parameters<typeof entry>[1]) => checkQaEntries(loadQaBank(bank({ 'a/e.yaml': entry('e', over) })).entries, ctx);

  it('every basis provision exists in the law in force, down to paragraph and item', () => {
    expect(check({ basis: '  - { law: 劳动合同法, article: 9999 }' })).toEqual(['a/e.yaml: basis.0: 劳动合同法 (2012-12-28) has no article 9999']);
    expect(check({ basis: '  - { law: 劳动合同法, article: 30, paragraphs: [5] }' })[0]).toMatch(/article 30 has 2 paragraph\(s\), not 5/);
    expect(check({ basis: '  - { law: 合同法, article: 1 }' })[0]).toMatch(/合同法 is not a statute in knowledge\/laws/);
  });

  it('every figure of the answer is one the cited law gives (or a known number such as 12348)', () => {
    expect(check({ answer: '可以要，拖欠的要在30日内付清。' })).toEqual([
      'a/e.yaml: answer: 30日 not found in the cited provisions; cite the provision that gives it, or declare it under figures with its source',
    ]);
  });
});
