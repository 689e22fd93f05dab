/**
 * @module text/normalise
 * Turns whatever a citizen typed into one canonical form shared by classification and retrieval:
 * NFKC (full-width → half-width), traditional → simplified, unified punctuation, collapsed repeats.
 */
import { Converter } from 'opencc-js';

// Hong Kong and Taiwan variants both occur on the widget; 'hk' covers 粤 wording best, 't' the rest.
const fromHk = Converter({ from: 'hk', to: 'cn' });
const fromTw = Converter({ from: 'tw', to: 'cn' });

const PUNCT_MAP: Record<string, string> = {
  ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）',
  '、': '，', '～': '~', '〜': '~', '…': '。', '．': '.',
};

/** Options for {@link normalise}; defaults suit both classification and retrieval. */
export interface NormaliseOptions {
  /** Convert traditional characters to simplified. */
  simplify?: boolean;
  /** Collapse runs of three or more identical characters to one ("啊啊啊" → "啊"). */
  collapseRepeats?: boolean;
}

/**
 * Normalises citizen text.
 * @example normalise('離婚後小孩撫養費怎麼算？？？') // '离婚后小孩抚养费怎么算？'
 */
export function normalise(input: string, options: NormaliseOptions = {}): string {
  const { simplify = true, collapseRepeats = true } = options;
  let text = input.normalize('NFKC');
  if (simplify) text = fromTw(fromHk(text));
  text = text.toLowerCase();
  text = text.replace(/[,;:?!()、～〜…．]/g, (c) => PUNCT_MAP[c] ?? c);
  text = text.replace(/[\u200b-\u200f\ufeff]/g, '');
  text = text.replace(/\s+/g, ' ').trim();
  // Chinese never needs spaces between characters; keep spaces only between Latin/digit tokens.
  text = text.replace(/(?<=[\u4e00-\u9fff，。？！：；（）])\s+|\s+(?=[\u4e00-\u9fff，。？！：；（）])/g, '');
  if (collapseRepeats) text = text.replace(/([^\d])\1{2,}/gu, "$1");
  return text;
}
