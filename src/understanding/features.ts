/**
 * @module understanding/features
 * Sparse features of an analysed message for the linear classifiers: words, synonym expansions, character
 * unigrams and bigrams (robust to segmentation errors and typos), and a length bucket.
 */
import { charBigrams } from '../text/segment.js';
import type { AnalysedText } from '../text/text-pipeline.js';

/** Feature strings of one message (duplicates removed). */
export function messageFeatures(a: AnalysedText): string[] {
  const out = new Set<string>();
  for (const t of a.tokens) out.add(`w:${t}`);
  for (const t of a.expansions) out.add(`x:${t}`);
  for (const t of a.matchedTerms) out.add(`s:${t}`);
  for (const b of charBigrams(a.normalised)) out.add(`b:${b}`);
  for (const ch of a.normalised.replace(/[^\p{L}\p{N}]/gu, '')) out.add(`c:${ch}`);
  const len = [...a.normalised].length;
  out.add(len <= 4 ? 'len:xs' : len <= 12 ? 'len:s' : len <= 40 ? 'len:m' : 'len:l');
  return [...out];
}
