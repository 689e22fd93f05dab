/**
 * @module knowledge/article-structure
 * An article's paragraphs (款) and items (项). The statute text keeps each paragraph and each item
 * "（一）…" on its own line; an item belongs to the paragraph before it. Citations name 款/项 by these numbers,
 * so the answer can quote the paragraph that carries the rule rather than the article's opening.
 */
import { chineseToInt, NUMERAL_CHARS } from '../text/chinese-numerals.js';

export interface ArticleItem { number: number; text: string }
export interface ArticleParagraph { number: number; text: string; items: ArticleItem[] }

const ITEM_RE = new RegExp(`^[（(]([${NUMERAL_CHARS}]+)[）)]\\s*`);

/** Splits an article's text into numbered paragraphs, each with its items. */
export function articleParagraphs(text: string): ArticleParagraph[] {
  const out: ArticleParagraph[] = [];
  for (const line of text.split('\n').map((l) => l.trim()).filter(Boolean)) {
    const item = ITEM_RE.exec(line);
    const last = out.at(-1);
    if (item && last) {
      last.items.push({ number: chineseToInt(item[1]!), text: line });
    } else {
      out.push({ number: out.length + 1, text: line, items: [] });
    }
  }
  return out;
}

/** A paragraph with its items as one block of text (items on their own lines). */
export function paragraphText(p: ArticleParagraph, items?: number[]): string {
  const chosen = items?.length ? p.items.filter((i) => items.includes(i.number)) : p.items;
  return [p.text, ...chosen.map((i) => i.text)].join('\n');
}

/**
 * The text of the chosen paragraphs (and, within them, items) of an article; the whole text when none are
 * chosen. Unknown numbers are ignored (validation reports them).
 */
export function quoteParagraphs(text: string, paragraphs?: number[], items?: number[]): string {
  if (!paragraphs?.length) return text;
  const all = articleParagraphs(text);
  const chosen = all.filter((p) => paragraphs.includes(p.number));
  if (!chosen.length) return text;
  return chosen.map((p) => paragraphText(p, chosen.length === 1 ? items : undefined)).join('\n');
}
