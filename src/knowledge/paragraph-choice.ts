/**
 * @module knowledge/paragraph-choice
 * Which paragraph (款) of an article to quote for a question. An article's first paragraph often states the
 * general rule while the one a citizen needs comes later (民法典 Art. 1084: the under-two rule is ¶3). The
 * paragraph sharing the most informative words with the question (and, when a bank entry answers it, with the
 * entry's answer) is quoted; items (项) of a long list are cut to those that match.
 */
import { articleParagraphs, type ArticleParagraph } from './article-structure.js';

export interface ParagraphChoice {
  /** 款 numbers quoted (1-based); empty when the whole article is quoted. */
  paragraphs: number[];
  text: string;
}

/** A list longer than this many items is cut to the matching ones (at least the first few). */
const MAX_ITEMS = 5;

function words(segment: (t: string) => string[], text: string): Set<string> {
  return new Set(segment(text).filter((w) => w.length > 1 || /[\u4e00-\u9fff]/.test(w)));
}

function overlap(query: Map<string, number>, tokens: Set<string>): number {
  let s = 0;
  for (const [t, w] of query) if (tokens.has(t)) s += w;
  return s;
}

/** Quotes one paragraph, with its items cut to those that match when the list is long. */
function quote(p: ArticleParagraph, query: Map<string, number>, segment: (t: string) => string[]): string {
  if (p.items.length <= MAX_ITEMS) return [p.text, ...p.items.map((i) => i.text)].join('\n');
  const scored = p.items.map((i) => ({ i, s: overlap(query, words(segment, i.text)) }));
  const hits = scored.filter((x) => x.s > 0).slice(0, MAX_ITEMS).map((x) => x.i);
  const shown = hits.length ? hits : p.items.slice(0, 3);
  return [p.text, ...shown.map((i) => i.text), shown.length < p.items.length ? '……' : ''].filter(Boolean).join('\n');
}

/**
 * The paragraph(s) to quote. `fixed` (from a bank entry's basis) wins; otherwise the best-matching paragraph by
 * `weightOf` (an idf), with paragraph 1 when nothing matches. A one-paragraph article is quoted whole.
 */
export function chooseParagraphs(
  articleText: string,
  queryText: string,
  segment: (t: string) => string[],
  weightOf: (term: string) => number,
  fixed?: { paragraphs?: number[]; items?: number[] },
): ParagraphChoice {
  const paras = articleParagraphs(articleText);
  const query = new Map<string, number>();
  for (const t of words(segment, queryText)) query.set(t, weightOf(t));
  if (fixed?.paragraphs?.length) {
    const chosen = paras.filter((p) => fixed.paragraphs!.includes(p.number));
    if (chosen.length) {
      const text = chosen.map((p) => {
        if (chosen.length === 1 && fixed.items?.length) return [p.text, ...p.items.filter((i) => fixed.items!.includes(i.number)).map((i) => i.text)].join('\n');
        return quote(p, query, segment);
      }).join('\n');
      return { paragraphs: chosen.map((p) => p.number), text };
    }
  }
  if (paras.length <= 1) return { paragraphs: [], text: paras[0] ? quote(paras[0], query, segment) : articleText };
  const scored = paras.map((p) => ({ p, s: overlap(query, words(segment, [p.text, ...p.items.map((i) => i.text)].join(''))) }));
  const best = scored.reduce((a, b) => (b.s > a.s ? b : a));
  const chosen = best.s > 0 ? best.p : paras[0]!;
  return { paragraphs: [chosen.number], text: quote(chosen, query, segment) };
}
