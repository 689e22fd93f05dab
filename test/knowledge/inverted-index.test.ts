import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FieldScorer } from '../../src/knowledge/inverted-index.js';
import { createPostingsTables, postingsSource, writePostings } from '../../src/storage/knowledge-index-store.js';

let db: Database.Database;
beforeEach(() => {
  db = new Database(':memory:');
  createPostingsTables(db);
});
afterEach(() => db.close());

function scores(scorer: FieldScorer, terms: Array<[string, number]>, allow?: Uint8Array): number[] {
  const out = new Float64Array(scorer.docCount);
  scorer.accumulate(terms.map(([term, weight]) => ({ term, weight })), 1, out, allow);
  return [...out];
}

describe('BM25 field', () => {
  it('scores only documents that contain the term', () => {
    writePostings(db, 'w', [['工资', '拖欠'], ['离婚', '抚养'], ['工资']]);
    const s = scores(new FieldScorer(postingsSource(db, 'w')), [['拖欠', 1]]);
    expect(s[0]).toBeGreaterThan(0);
    expect(s[1]).toBe(0);
    expect(s[2]).toBe(0);
  });

  it('prefers the shorter document when the term occurs once in each', () => {
    writePostings(db, 'w', [['工资', 'a', 'b', 'c', 'd', 'e'], ['工资'], ['x']]);
    const s = scores(new FieldScorer(postingsSource(db, 'w')), [['工资', 1]]);
    expect(s[1]).toBeGreaterThan(s[0]!);
  });

  it('prefers more occurrences, with diminishing returns', () => {
    writePostings(db, 'w', [['工资', 'x', 'x', 'x'], ['工资', '工资', 'x', 'x'], ['工资', '工资', '工资', '工资'], ['y', 'y', 'y', 'y']]);
    const s = scores(new FieldScorer(postingsSource(db, 'w')), [['工资', 1]]);
    expect(s[1]).toBeGreaterThan(s[0]!);
    expect(s[2]).toBeGreaterThan(s[1]!);
    expect(s[2]! - s[1]!).toBeLessThan(s[1]! - s[0]!);
  });

  it('gives a rare term more weight than a common one (idf)', () => {
    writePostings(db, 'w', [['common', 'rare'], ['common', 'x'], ['common', 'y'], ['z', 'w']]);
    const scorer = new FieldScorer(postingsSource(db, 'w'));
    expect(scores(scorer, [['rare', 1]])[0]).toBeGreaterThan(scores(scorer, [['common', 1]])[0]!);
    expect(scorer.df('common')).toBe(3);
    expect(scorer.df('unseen')).toBe(0);
  });

  it('scales with the term weight and the field weight', () => {
    writePostings(db, 'w', [['工资'], ['x']]);
    const scorer = new FieldScorer(postingsSource(db, 'w'));
    const full = scores(scorer, [['工资', 1]])[0]!;
    expect(scores(scorer, [['工资', 0.5]])[0]).toBeCloseTo(full / 2, 10);
    const out = new Float64Array(2);
    scorer.accumulate([{ term: '工资', weight: 1 }], 0.35, out);
    expect(out[0]).toBeCloseTo(full * 0.35, 10);
  });

  it('skips documents outside the allow mask', () => {
    writePostings(db, 'w', [['工资'], ['工资'], ['x']]);
    const s = scores(new FieldScorer(postingsSource(db, 'w')), [['工资', 1]], Uint8Array.from([0, 1, 0]));
    expect(s[0]).toBe(0);
    expect(s[1]).toBeGreaterThan(0);
  });

  it('adds scores across terms and ignores unknown terms', () => {
    writePostings(db, 'w', [['工资', '拖欠'], ['工资', 'x'], ['y', 'z']]);
    const scorer = new FieldScorer(postingsSource(db, 'w'));
    const both = scores(scorer, [['工资', 1], ['拖欠', 1], ['没有这个词', 1]]);
    expect(both[0]).toBeGreaterThan(both[1]!);
    expect(both[2]).toBe(0);
  });

  it('keeps fields apart and refuses an unknown field', () => {
    writePostings(db, 'w', [['工资'], ['x']]);
    writePostings(db, 'h', [['x'], ['工资']]);
    expect(scores(new FieldScorer(postingsSource(db, 'w')), [['工资', 1]])[0]).toBeGreaterThan(0);
    expect(scores(new FieldScorer(postingsSource(db, 'h')), [['工资', 1]])[0]).toBe(0);
    expect(() => new FieldScorer(postingsSource(db, 'nope'))).toThrow(/no field nope/);
  });
});
