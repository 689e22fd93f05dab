/**
 * @module test/knowledge/guides
 * The real guides load and cite only existing articles; broken guide files fail with file + field in the error.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import {
  GuideLoadError, extractCitations, loadGuides, validateGuideReferences,
} from '../../src/knowledge/guides.js';
import { GUIDE_IDS, type Guide } from '../../src/knowledge/schemas/guide.js';

const ROOT = resolve(import.meta.dirname, '../..');
const GUIDES_DIR = join(ROOT, 'knowledge/guides');
const LAWS_JSON_MANIFEST = join(ROOT, 'knowledge/laws/_manifest.json');
const REGION_FILE = join(ROOT, 'knowledge/region/qingyuan.yaml');

function writeGuide(dir: string, file: string, guide: unknown): void {
  writeFileSync(join(dir, file), typeof guide === 'string' ? guide : stringify(guide));
}

/** A valid guide to mutate in the failure tests. */
function validGuide(id: string): Record<string, unknown> {
  return {
    id, title: '测试指南', service: 'arbitration', topics: ['劳动纠纷'], keywords: ['劳动仲裁'],
    summary: '总结', audience: '劳动者', steps: ['申请仲裁'], materials: [],
    timeLimits: ['一年（劳动争议调解仲裁法第二十七条）'], fees: [],
    whereToGo: [{ text: '仲裁委', office: null }],
    basis: [{ law: '劳动争议调解仲裁法', article: 27 }], unconfirmed: [],
    reviewed: { on: '2026-12-04', laws: { 劳动争议调解仲裁法: '2007-12-29' } },
  };
}

function loadError(dir: string): GuideLoadError {
  try {
    loadGuides(dir);
  } catch (err) {
    if (err instanceof GuideLoadError) return err;
    throw err;
  }
  throw new Error('expected loadGuides to throw');
}

describe('real guides', () => {
  const guides = loadGuides(GUIDES_DIR);

  it('load and cover every fixed guide id', () => {
    const ids = guides.map((g) => g.id);
    for (const id of GUIDE_IDS) expect(ids).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('load from the default folder as well', () => {
    expect(loadGuides().map((g) => g.id).sort()).toEqual(guides.map((g) => g.id).sort());
  });

  it('mention an old Qingyuan phone number only with its year and the advice to confirm via 12348', () => {
    const allowed = new Set(['12348', '12368', '12338', '0763-3380148', '0763-3364604']);
    for (const g of guides) {
      for (const s of JSON.stringify(g).split('","')) {
        for (const m of s.matchAll(/(?<![\d.])(0763-\d{7,8}|123\d{2})(?!\d)/g)) {
          expect(allowed, `${g.id}: ${m[1]}`).toContain(m[1]);
          if (m[1]!.startsWith('0763')) {
            expect(s, `${g.id}: ${m[1]} needs a date`).toMatch(/20\d\d年/);
            expect(s, `${g.id}: ${m[1]} needs the 12348 advice`).toContain('12348');
          }
        }
      }
    }
  });

  it('leave the Qingyuan hardship figure unset in the legal-aid formula', () => {
    const aid = guides.find((g) => g.id === 'legal-aid')!;
    const text = aid.steps.join('\n');
    expect(text).toContain('清远市上一年度城镇居民人均可支配收入 ÷ 12 × 50%');
    expect(aid.unconfirmed.some((u) => u.includes('城镇居民人均可支配收入'))).toBe(true);
  });

  describe.skipIf(!existsSync(LAWS_JSON_MANIFEST))('against knowledge/laws JSON', () => {
    it('every basis reference exists in the current version of the parsed statutes', () => {
      const manifest = JSON.parse(readFileSync(LAWS_JSON_MANIFEST, 'utf8')) as Array<{
        title: string; file: string; status: string;
      }>;
      const cache = new Map<string, Set<number>>();
      const hasArticle = (law: string, article: number): boolean => {
        if (!cache.has(law)) {
          const entry = manifest.find((e) => e.title === law && e.status === 'current');
          const file = entry ? join(ROOT, 'knowledge/laws', entry.file) : '';
          const parsed = file && existsSync(file)
            ? (JSON.parse(readFileSync(file, 'utf8')) as { articles: Array<{ number: number }> }).articles
            : [];
          cache.set(law, new Set(parsed.map((a) => a.number)));
        }
        return cache.get(law)!.has(article);
      };
      expect(validateGuideReferences(guides, hasArticle)).toEqual([]);
    });
  });

  it.skipIf(!existsSync(REGION_FILE))('reference only office ids that exist in the region config', () => {
    const region = parse(readFileSync(REGION_FILE, 'utf8')) as { offices?: Array<{ id: string }> };
    const ids = new Set((region.offices ?? []).map((o) => o.id));
    expect(ids.size).toBeGreaterThan(0);
    expect(validateGuideReferences(guides, () => true, (id) => ids.has(id))).toEqual([]);
  });
});

describe('loadGuides errors', () => {
  it('names the file and field for a missing field and a wrong type', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guides-'));
    const missing = validGuide('missing-summary');
    delete missing.summary;
    writeGuide(dir, 'missing-summary.yaml', missing);
    writeGuide(dir, 'wrong-type.yaml', { ...validGuide('wrong-type'), basis: [{ law: '劳动争议调解仲裁法', article: '二十七' }] });
    const err = loadError(dir);
    expect(err.problems).toContainEqual(expect.stringMatching(/^missing-summary\.yaml: summary: /));
    expect(err.problems).toContainEqual(expect.stringMatching(/^wrong-type\.yaml: basis\.0\.article: /));
    expect(err.message).toContain('wrong-type.yaml');
  });

  it('rejects a time limit without a cited basis, unknown fields and a 中华人民共和国 prefix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guides-'));
    writeGuide(dir, 'x.yaml', {
      ...validGuide('x'), timeLimits: ['一年内申请'], extra: 1, basis: [{ law: '中华人民共和国民法典', article: 188 }],
    });
    const { problems } = loadError(dir);
    expect(problems).toContainEqual(expect.stringMatching(/^x\.yaml: timeLimits\.0: must cite/));
    expect(problems).toContainEqual(expect.stringMatching(/^x\.yaml: \(root\): .*extra/));
    expect(problems).toContainEqual(expect.stringMatching(/^x\.yaml: basis\.0\.law: drop the/));
  });

  it('checks id = file name, unique ids and YAML syntax', () => {
    const dir = mkdtempSync(join(tmpdir(), 'guides-'));
    writeGuide(dir, 'a.yaml', validGuide('b'));
    writeGuide(dir, 'c.yaml', validGuide('c'));
    writeGuide(dir, 'c.yml', validGuide('c'));
    writeGuide(dir, 'broken.yaml', 'id: broken\nsteps: [unclosed\n');
    const { problems } = loadError(dir);
    expect(problems).toContainEqual(expect.stringMatching(/^a\.yaml: id: "b" must equal the file name "a"/));
    expect(problems).toContainEqual(expect.stringMatching(/^c\.yml: id: "c" already used by c\.yaml/));
    expect(problems).toContainEqual(expect.stringMatching(/^broken\.yaml: YAML parse error/));
  });
});

describe('reference checks', () => {
  const guide = (overrides: Partial<Guide>): Guide => ({ ...(validGuide('g') as Guide), ...overrides });
  const known = new Set(['劳动争议调解仲裁法#27', '劳动争议调解仲裁法#48', '民法典#188']);
  const hasArticle = (law: string, article: number): boolean => known.has(`${law}#${article}`);

  it('reports a missing basis article, a bad text citation, a citation missing from basis and an unknown office', () => {
    const problems = validateGuideReferences([guide({
      basis: [{ law: '劳动争议调解仲裁法', article: 27 }, { law: '劳动争议调解仲裁法', article: 999 }],
      steps: ['起诉（劳动争议调解仲裁法第四十八条、第一百条）', '时效（民法典第一百八十八条）'],
      whereToGo: [{ text: '某处', office: 'nowhere' }],
    })], hasArticle, (id) => id === 'city-legal-aid');
    expect(problems).toEqual([
      'g: whereToGo.0.office: unknown region office "nowhere"',
      'g: basis.1: 劳动争议调解仲裁法 article 999 not found in the statutes',
      'g: steps.0: cites 劳动争议调解仲裁法 article 48, missing from basis',
      'g: steps.0: cites 劳动争议调解仲裁法 article 100, not found in the statutes',
      'g: steps.1: cites 民法典 article 188, missing from basis',
    ]);
  });

  it('extracts bracketed citations, carrying the law name across 、', () => {
    expect(extractCitations('裁决（劳动争议调解仲裁法第四十七条、第四十八条）；另见（《民法典》第一百八十八条）')).toEqual([
      { law: '劳动争议调解仲裁法', article: 47 },
      { law: '劳动争议调解仲裁法', article: 48 },
      { law: '民法典', article: 188 },
    ]);
    expect(extractCitations('（粤府令第268号，2020年1月1日起施行）')).toEqual([]);
    expect(extractCitations('民法典第一百八十八条')).toEqual([]);
  });

});
