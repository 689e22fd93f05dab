import { describe, expect, it } from 'vitest';
import { charBigrams, createSegmenter } from '../../src/text/segment.js';

describe('createSegmenter', () => {
  it('keeps user-dictionary words whole and drops punctuation', () => {
    const cut = createSegmenter('劳动仲裁 50000 n\n清城区 20000 ns');
    const tokens = cut('我想在清城区申请劳动仲裁。');
    expect(tokens).toContain('劳动仲裁');
    expect(tokens).toContain('清城区');
    expect(tokens).not.toContain('。');
  });

  it('tolerates Windows line endings in the dictionary', () => {
    const cut = createSegmenter('劳动仲裁 50000 n\r\n清城区 20000 ns\r\n');
    expect(cut('清城区劳动仲裁')).toEqual(['清城区', '劳动仲裁']);
  });
});

describe('charBigrams', () => {
  it('gives overlapping bigrams per run and single characters for one-character runs', () => {
    expect(charBigrams('拖欠工资')).toEqual(['拖欠', '欠工', '工资']);
    expect(charBigrams('钱，工资')).toEqual(['钱', '工资']);
    expect(charBigrams('')).toEqual([]);
  });
});
