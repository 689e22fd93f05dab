/**
 * @module text/segment
 * Word segmentation with jieba plus the legal/local user dictionary, and character n-grams.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

const WORDLIKE = /[\p{L}\p{N}]/u;

/** A jieba instance with the user dictionary loaded. Loading costs ~250 ms, so build one per process. */
export function createSegmenter(userDict: string): (text: string) => string[] {
  const jieba = Jieba.withDict(dict);
  if (userDict) jieba.loadDict(Buffer.from(userDict.replace(/\r/g, '')));
  return (text) => jieba.cut(text, true).filter((t) => WORDLIKE.test(t));
}

/** Overlapping character bigrams of the CJK/alphanumeric runs in `text` ("拖欠工资" → 拖欠, 欠工, 工资). */
export function charBigrams(text: string): string[] {
  const out: string[] = [];
  for (const run of text.match(/[\p{L}\p{N}]+/gu) ?? []) {
    const chars = [...run];
    if (chars.length === 1) out.push(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  }
  return out;
}
