/**
 * @module knowledge/chinese-numerals
 * Converts Chinese article numerals (一千二百六十, 一百零五, 十, 二十一 …) to integers.
 */

const DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000, 万: 10000 };

/**
 * Parses a Chinese numeral (or plain ASCII digits) into an integer.
 * Whitespace is ignored, so the source glitch "一百二十八 " still parses.
 * @throws Error when the string contains anything that is not a numeral.
 */
export function chineseToInt(input: string): number {
  const s = input.replace(/\s+/g, '');
  if (s === '') throw new Error(`empty numeral: "${input}"`);
  if (/^[0-9０-９]+$/.test(s)) {
    return Number(s.replace(/[０-９]/g, (c) => String(c.charCodeAt(0) - 0xff10)));
  }
  let total = 0; // completed sections above 万
  let section = 0; // value below 万
  let digit: number | null = null;
  for (const ch of s) {
    if (ch in DIGITS) {
      digit = DIGITS[ch]!;
    } else if (ch in UNITS) {
      const unit = UNITS[ch]!;
      if (unit === 10000) {
        total += (section + (digit ?? 0)) * unit;
        section = 0;
      } else {
        // A bare 十 at the start means 一十 (十, 十五).
        section += (digit ?? 1) * unit;
      }
      digit = null;
    } else {
      throw new Error(`not a Chinese numeral: "${input}"`);
    }
  }
  return total + section + (digit ?? 0);
}

const SMALL = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/**
 * Formats 1…9999 as the Chinese numeral used in article labels (105 → 一百零五, 10 → 十, 1260 → 一千二百六十).
 */
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
