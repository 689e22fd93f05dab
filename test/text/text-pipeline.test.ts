import { mkdtempSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PATHS } from '../../src/config/paths.js';
import { loadLexicon } from '../../src/text/lexicon.js';
import { createTextPipeline, type TextPipeline } from '../../src/text/text-pipeline.js';

let pipeline: TextPipeline;
beforeAll(() => {
  pipeline = createTextPipeline(loadLexicon(PATHS.lexicon));
});

describe('text pipeline with the real lexicon', () => {
  it.each(['劳动仲裁', '法律援助', '抚养权', '清城区'])('keeps the dictionary word %s whole', (word) => {
    const { tokens } = pipeline.analyse(`我想问一下${word}的事`);
    expect(tokens).toContain(word);
  });

  it('removes stop words from content but keeps them in tokens', () => {
    const a = pipeline.analyse('我的工资怎么办呢');
    expect(a.tokens).toContain('我');
    expect(a.content).not.toContain('我');
    expect(a.content).not.toContain('呢');
    expect(a.content).toContain('工资');
    for (const t of a.content) expect(pipeline.isStopword(t)).toBe(false);
  });

  it('adds the legal term for an everyday word (老婆 → 配偶) without repeating content words', () => {
    const a = pipeline.analyse('老婆要跟我离婚');
    expect(a.matchedTerms).toContain('老婆');
    expect(a.expansions).toContain('配偶');
    for (const x of a.expansions) expect(a.content).not.toContain(x);
    expect(new Set(a.expansions).size).toBe(a.expansions.length);
  });

  it('maps wage complaints to the statute term 劳动报酬', () => {
    expect(pipeline.analyse('公司拖欠我三个月工资怎么办').expansions).toContain('劳动报酬');
  });

  it('normalises and rewrites dialect before segmenting (traditional Cantonese → Mandarin)', () => {
    const a = pipeline.analyse('老細唔俾人工');
    expect(a.normalised).toBe('老板不给工资');
    expect(a.tokens).toContain('工资');
  });

  it('segment() does not collapse repeats or rewrite dialect (statute text is already standard)', () => {
    expect(pipeline.segment('人工智能')).toContain('人工智能');
    expect(pipeline.segment('第三十条 劳动报酬')).toContain('劳动报酬');
  });
});

describe('text pipeline data comes from files', () => {
  it('a new synonym in a copied lexicon is used without code changes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lexicon-'));
    try {
      cpSync(PATHS.lexicon, dir, { recursive: true });
      writeFileSync(join(dir, 'synonyms.yaml'), 'synonyms:\n  - terms: [咕噜噜]\n    legal: [配偶]\n');
      const p = createTextPipeline(loadLexicon(dir));
      expect(p.analyse('咕噜噜不回家').expansions).toContain('配偶');
      expect(p.analyse('老婆不回家').expansions).not.toContain('配偶');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a malformed synonyms file is rejected with the file and field named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lexicon-'));
    try {
      cpSync(PATHS.lexicon, dir, { recursive: true });
      writeFileSync(join(dir, 'synonyms.yaml'), 'synonyms:\n  - terms: [老婆]\n');
      expect(() => loadLexicon(dir)).toThrow(/synonyms\.yaml.*synonyms\.0\.legal/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
