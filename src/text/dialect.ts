/**
 * @module text/dialect
 * Phrase-level rewrites (Cantonese and colloquial wording → standard Mandarin), applied after normalisation.
 */
import type { DialectRewrite } from './lexicon.js';

/** Compiles rewrites into one longest-first, single-pass replacer. */
export function createDialectRewriter(rewrites: DialectRewrite[]): (text: string) => string {
  if (rewrites.length === 0) return (text) => text;
  const map = new Map(rewrites.map((r) => [r.from, r.to]));
  const keys = [...map.keys()].sort((a, b) => b.length - a.length);
  const pattern = new RegExp(keys.map(escapeRegExp).join('|'), 'g');
  return (text) => text.replace(pattern, (m) => map.get(m) ?? m);
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
