/**
 * The law as it stands today, end to end: importing a revised text beside the snapshot, the report of what
 * changed, the version in force moving on its effective date, and content citing the old text failing
 * validation until someone re-reads it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS, REPO_ROOT } from '../../src/config/paths.js';
import { createLawBook } from '../../src/knowledge/law-book.js';
import { markReviewed } from '../../src/knowledge/review-mark.js';
import { loadManifest, loadStatutes } from '../../src/knowledge/statutes.js';
import { validateData } from '../../src/tools/validate-data.js';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'statute-versions');
const BEFORE = '2026-02-01';
const AFTER = '2026-03-02';
const tsx = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');

let dir: string;
let report: string;

function entry(article: number, answer: string, reviewedAgainst: string): string {
  return [
    'id: example-set-aside-deadline',
    'topic: 综合咨询',
    'questions:',
    ...['撤销决定要多久内提出', '对决定不服想撤销，有没有期限', '撤銷決定幾耐之內要申請', '收到决定书半年了还能申请撤销吗', '撤销决定的期限从什么时候起算'].map((q) => `  - ${q}`),
    `answer: ${answer}`,
    'basis:',
    `  - { law: 示例法, article: ${article} }`,
    `reviewed: { on: "2025-01-01", laws: { 示例法: "${reviewedAgainst}" } }`,
  ].join('\n');
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'law-versions-'));
  report = execFileSync(process.execPath, ['--import', `file://${tsx}`, join(REPO_ROOT, 'src/tools/import-laws.ts'),
    join(FIXTURES, 'snapshot'), join(FIXTURES, 'updates'), '--out', join(dir, 'laws'), '--as-of', BEFORE], { encoding: 'utf8' });
  for (const d of ['qa', 'guides', 'cases']) mkdirSync(join(dir, d));
  writeFileSync(join(dir, 'qa', 'example-set-aside-deadline.yaml'), entry(5, '要在收到决定书之日起6个月内提出。', '2017-09-01'));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const paths = () => ({ ...PATHS, laws: join(dir, 'laws'), qa: join(dir, 'qa'), guides: join(dir, 'guides'), cases: join(dir, 'cases') });
const aboutEntry = (problems: string[]) => problems.filter((p) => p.includes('example-set-aside-deadline'));

describe('importing a revision', () => {
  it('holds a revision not yet in force as upcoming, with its effective date from the text', () => {
    const versions = loadManifest(join(dir, 'laws')).filter((m) => m.title === '示例法');
    expect(versions.map((v) => [v.versionDate, v.effectiveFrom, v.status])).toEqual([
      ['2017-09-01', '2017-09-01', 'current'],
      ['2025-09-12', '2026-03-01', 'upcoming'],
    ]);
  });

  it('reports what changed: articles added, renumbered and reworded', () => {
    expect(report).toContain('示例法: 2017-09-01 in force 2017-09-01, current; 2025-09-12 in force 2026-03-01, upcoming');
    expect(report).toMatch(/新增\s+第二条\(2\)/);
    expect(report).toMatch(/改号\s+第二条\(2\) → 第三条\(3\)/);
    expect(report).toMatch(/改号并修改 第四条\(4\) → 第五条\(5\)/);
    expect(report).toMatch(/改号并修改 第五条\(5\) → 第六条\(6\)/);
    expect(report).toContain('upcoming (adopted, not yet in force, never cited as current): 示例法 2025-09-12 from 2026-03-01');
  });

  it('serves the old text until the effective date and the new one from it, without a new import', () => {
    const current = (today: string) => createLawBook(loadStatutes(join(dir, 'laws'), today)).current('示例法')!;
    expect(current(BEFORE).versionDate).toBe('2017-09-01');
    expect(current(AFTER).versionDate).toBe('2025-09-12');
    expect(createLawBook(loadStatutes(join(dir, 'laws'), AFTER)).article('示例法', 6)!.text).toContain('三个月');
  });
});

describe('review that cannot go stale', () => {
  it('content read against the text in force passes', () => {
    expect(aboutEntry(validateData(paths(), BEFORE))).toEqual([]);
  });

  it('once the revision is in force, validate:data fails and says what became of the cited article', () => {
    const problems = aboutEntry(validateData(paths(), AFTER));
    expect(problems.join('\n')).toMatch(/stale review: cites 示例法 as reviewed against 2017-09-01, superseded by 2025-09-12 \(in force since 2026-03-01\): article 5 → 6: renumbered and reworded/);
    // Its old article number now points at another provision, which does not give its figure.
    expect(problems.join('\n')).toMatch(/answer: 6个月 not found in the cited provisions/);
  });

  it('passes again only after the content is corrected and marked re-read', () => {
    const file = join(dir, 'qa', 'example-set-aside-deadline.yaml');
    writeFileSync(file, entry(6, '要在收到决定书之日起3个月内提出。', '2017-09-01'));
    expect(aboutEntry(validateData(paths(), AFTER)).join('\n')).toMatch(/stale review/);
    markReviewed(file, createLawBook(loadStatutes(join(dir, 'laws'), AFTER)), AFTER);
    expect(readFileSync(file, 'utf8')).toMatch(/示例法: 2025-09-12/);
    expect(aboutEntry(validateData(paths(), AFTER))).toEqual([]);
  });
});

describe('lawline laws diff', () => {
  it('prints the 仲裁法 2017 → 2025 renumbering for staff', () => {
    const out = execFileSync(join(REPO_ROOT, 'bin', 'lawline'), ['laws', 'diff', '仲裁法'], { encoding: 'utf8' });
    expect(out).toContain('仲裁法: 2017-09-01 (in force 2017-09-01, superseded); 2025-09-12 (in force 2026-03-01, current)');
    for (const [from, to] of [['第五十九条(59)', '第七十二条(72)'], ['第五十八条(58)', '第七十一条(71)'], ['第五十七条(57)', '第七十条(70)'],
      ['第十六条(16)', '第二十七条(27)'], ['第七十六条(76)', '第九十二条(92)']]) {
      expect(out).toContain(`${from} → ${to}`);
    }
  }, 30_000);
});
