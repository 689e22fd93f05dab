/**
 * @module text/chinese-numerals
 * The one definition of Chinese numerals: the characters (for regexes), the parser for spoken-style numbers
 * (一万五, 3.5万, 十几万, 两千多, 二〇二三, 壹佰) the entity extractors use, the strict reading of article and item
 * numbers (第一百零五条, （三）) built on it, and the formatting of article numbers (1260 → 一千二百六十).
 */

/** Arabic number, with optional thousands separators (',' and '，', since the normaliser maps ',' → '，'). */
const ARABIC = String.raw`(?:\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.\d+)?`;
const CN_DIGITS = '零〇一二两三四五六七八九壹贰叁肆伍陆柒捌玖几';
const CN_UNITS = '十百千万亿拾佰仟';

/**
 * Regex class body (no brackets) of the characters statute, item and case numbers are written with:
 * `new RegExp(`第([${NUMERAL_CHARS}]+)条`)`. Formal digits (壹贰) and 几/多 are speech, not labels.
 */
export const NUMERAL_CHARS = '零〇一二两三四五六七八九十百千';

/**
 * Regex source (no groups) for one number token: arabic with optional magnitude tail (3万, 3.5万, 3万5, 1.2亿),
 * or a run of Chinese numerals that starts with a digit or 十 (so 千万/万一 are never numbers).
 */
export const NUMBER_SRC =
  `(?:${ARABIC}(?:[${CN_UNITS}](?:\\d|[${CN_DIGITS}])?)*` +
  `|[${CN_DIGITS}十拾][${CN_DIGITS}${CN_UNITS}多]*)`;

/** Result of {@link parseNumber}. */
export interface ParsedNumber {
  /** The value; for approximate numbers the lower bound (几 counts as 1, 多 adds nothing). */
  value: number;
  /** True when the text contains 几 or 多 (十几万, 两千多). */
  approximate: boolean;
  /** True when a magnitude character (十百千万亿) occurs; bare digit strings have none. */
  hasMagnitude: boolean;
}

const DIGIT: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
  壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9, 几: 1,
};
const SMALL_UNIT: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const TOKEN = /\d+(?:\.\d+)?|[^\d]/g;

/**
 * Parses a number token such as those matched by {@link NUMBER_SRC}. Returns null when nothing numeric is
 * left (e.g. a lone 多). A trailing digit right after a unit is read as the next lower unit, the way people
 * speak: 一万五 = 15000, 三千五 = 3500, 3万5 = 35000; after 零 it is literal (一百零五 = 105).
 * @example parseNumber('十几万') // { value: 110000, approximate: true, hasMagnitude: true }
 */
export function parseNumber(token: string): ParsedNumber | null {
  const parts = token.replace(/[,，]/g, '').match(TOKEN);
  if (!parts) return null;
  let total = 0; // sum of parts at 万/亿 scale
  let section = 0; // below 万
  let current: number | null = null;
  let lastUnit = 0;
  let afterZero = false;
  let approximate = false;
  let hasMagnitude = false;
  let sawDigit = false;
  for (const part of parts) {
    if (/^\d/.test(part)) {
      current = Number(part);
      sawDigit = true;
      continue;
    }
    if (part === '多') {
      approximate = true;
      continue;
    }
    const digit = DIGIT[part];
    if (digit !== undefined) {
      if (part === '几') approximate = true;
      if (digit === 0) {
        // 二〇二三 is positional; 一百零五 marks a gap before a literal digit.
        if (lastUnit === 0 && current !== null) current *= 10;
        else afterZero = true;
        continue;
      }
      // Consecutive digits without units (二〇二三) read positionally.
      current = current !== null && lastUnit === 0 ? current * 10 + digit : digit;
      sawDigit = true;
      continue;
    }
    const small = SMALL_UNIT[part];
    if (small !== undefined) {
      hasMagnitude = true;
      section += (current ?? 1) * small;
      current = null;
      lastUnit = small;
      afterZero = false;
      sawDigit = true;
      continue;
    }
    if (part === '万' || part === '亿') {
      hasMagnitude = true;
      const big = part === '万' ? 1e4 : 1e8;
      const chunk = section + (current ?? 0);
      if (big === 1e8) total = (total + (chunk || 1)) * big;
      else total += (chunk || 1) * big;
      section = 0;
      current = null;
      lastUnit = big;
      afterZero = false;
      continue;
    }
    return null; // not a numeral at all
  }
  if (!sawDigit && !hasMagnitude) return null;
  if (current !== null) {
    // Spoken abbreviation: a bare digit right after a unit means "of the next lower unit".
    const implied = lastUnit >= 10 && !afterZero && current < 10 && Number.isInteger(current);
    section += implied ? current * (lastUnit / 10) : current;
  }
  const value = Math.round((total + section) * 100) / 100;
  return { value, approximate, hasMagnitude };
}

/**
 * Reads an article, paragraph or item number written in Chinese numerals or digits (一千二百六十, 一百零五, 十,
 * 二十一, 128, full-width １２８). Whitespace is ignored (the source glitch "一百二十八 " still parses).
 * @throws Error when the string holds anything that is not such a number.
 */
export function chineseToInt(input: string): number {
  const s = input.replace(/\s+/g, '').replace(/[０-９]/g, (c) => String(c.charCodeAt(0) - 0xff10));
  if (!LABEL_NUMBER.test(s)) throw new Error(`not a Chinese numeral: "${input}"`);
  if (/^[零〇]+$/.test(s)) return 0;
  const parsed = parseNumber(s);
  if (!parsed || !Number.isInteger(parsed.value)) throw new Error(`not a Chinese numeral: "${input}"`);
  return parsed.value;
}

const LABEL_NUMBER = new RegExp(`^(?:\\d+|[${NUMERAL_CHARS}万]+)$`);

const SMALL = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Formats 1…9999 as the Chinese numeral used in article labels (105 → 一百零五, 10 → 十, 1260 → 一千二百六十). */
export function intToChinese(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new Error(`out of range: ${n}`);
  if (n === 0) return '零';
  const parts: string[] = [];
  const units = ['千', '百', '十', ''];
  const digits = String(n).padStart(4, '0').split('').map(Number);
  let pendingZero = false;
  digits.forEach((d, i) => {
    if (d === 0) {
      if (parts.length > 0) pendingZero = true;
      return;
    }
    if (pendingZero) parts.push('零');
    pendingZero = false;
    parts.push(SMALL[d]! + units[i]!);
  });
  const out = parts.join('');
  // 一十X is written 十X when it leads the number.
  return out.startsWith('一十') ? out.slice(1) : out;
}
