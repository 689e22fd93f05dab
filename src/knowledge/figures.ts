/**
 * @module knowledge/figures
 * The figures a citizen acts on — periods, ages, multiples, percentages, fractions, amounts — found in a text and
 * compared with the provisions it cites. One check for guides and question-bank answers alike: every figure in
 * what we write must be a figure of the law we cite (allowing numeral forms: 七日 = 7天, 三个月 = 3个月), or a
 * declared sourced figure. Bare numbers of three or more digits are contact numbers and must be known ones.
 */
import { chineseToInt, NUMERAL_CHARS } from '../text/chinese-numerals.js';

export type FigureUnit = 'day' | 'workday' | 'hour' | 'week' | 'month' | 'year' | 'age' | 'multiple' | 'percent' | 'fraction' | 'yuan' | 'number';

/** One figure: its value in the unit's base (万元 → 元), the unit, and the text it was read from. */
export interface Figure { value: number; unit: FigureUnit; raw: string }

const CN = `${NUMERAL_CHARS}万`;
const NUM = `(?:\\d+(?:\\.\\d+)?万?|[${CN}]+)`;
/** Units, longest first; a unit's text decides its kind. */
const UNIT_SRC = '个工作日|工作日|个小时|小时|个星期|星期|个月|周岁|日|天|周|月|年|岁|倍|元';
const RANGE_SEP = '(?:至|到|-|－|~|～|—)';
// "NUM (sep NUM)? UNIT" — a range shares its unit ("500到1000元", "五日以上十日以下" is two single figures).
const FIGURE_RE = new RegExp(`(第)?(${NUM})(?:${RANGE_SEP}(${NUM}))?(万元|${UNIT_SRC})`, 'g');
const PERCENT_RE = new RegExp(`(\\d+(?:\\.\\d+)?)\\s*[%％]|百分之([${CN}]+|\\d+(?:\\.\\d+)?)`, 'g');
const FRACTION_RE = new RegExp(`([${CN}]+|\\d+)分之([${CN}]+|\\d+)`, 'g');
const MULTIPLE_WORD_RE = /(双倍|翻倍)/g;
const BARE_NUMBER_RE = /(?<![\d.])\d{3,}(?![\d.]|\s*[%％号个名家所人件项余多])/g;
/** Numbers shaped like a phone number: a service line (110, 12348), an area code, a local or mobile number. */
const PHONE_LIKE = /^(?:1\d{2}|12\d{3}|0\d{2,3}|\d{7,8}|1\d{10}|400\d{7})$/;

const UNIT_OF: Record<string, FigureUnit> = {
  个工作日: 'workday', 工作日: 'workday', 个小时: 'hour', 小时: 'hour', 个星期: 'week', 星期: 'week', 周: 'week',
  个月: 'month', 月: 'month', 周岁: 'age', 岁: 'age', 日: 'day', 天: 'day', 年: 'year', 倍: 'multiple', 元: 'yuan', 万元: 'yuan',
};

function toNumber(s: string): number | null {
  try {
    if (/^\d/.test(s)) return s.endsWith('万') ? Number(s.slice(0, -1)) * 10000 : Number(s);
    return chineseToInt(s);
  } catch {
    return null;
  }
}

/**
 * Figures in a text. Dates (2026年3月1日, 3月1日), ordinals (第三条, 第2款) and statute years are left out.
 */
export function extractFigures(text: string): Figure[] {
  const out: Figure[] = [];
  const flat = text.replace(/(?<=\d)[,，](?=\d{3})/g, '');
  // Characters already read as part of a figure (or a date or ordinal), so bare-number reading skips them.
  const used = new Uint8Array(flat.length);
  for (const m of flat.matchAll(FIGURE_RE)) {
    const [raw, ordinal, a, b, unitText] = m;
    used.fill(1, m.index!, m.index! + raw.length);
    if (ordinal) continue;
    const after = flat.slice(m.index! + raw.length, m.index! + raw.length + 3);
    const unit = UNIT_OF[unitText!]!;
    // 2026年 / 3月1日 / 1日起 are dates, not periods.
    if (unit === 'year' && (/^\d{4}$/.test(a!) || after.startsWith('度'))) continue; // 2026年; 上一年度
    if (unit === 'month' && (/^[\d一二三四五六七八九十]+[日号]/.test(after) || /年$/.test(flat.slice(0, m.index!)))) continue;
    if (unit === 'day' && /月$/.test(flat.slice(Math.max(0, m.index! - 3), m.index!).replace(/[\d一二三四五六七八九十]+$/, '')) ) continue;
    const scale = unitText === '万元' ? 10000 : 1;
    for (const n of [a, b]) {
      if (n === undefined) continue;
      const v = toNumber(n);
      if (v !== null) out.push({ value: v * scale, unit, raw });
    }
  }
  for (const m of flat.matchAll(PERCENT_RE)) {
    const v = m[1] !== undefined ? Number(m[1]) : toNumber(m[2]!);
    if (v !== null) out.push({ value: v, unit: 'percent', raw: m[0] });
  }
  for (const m of flat.matchAll(FRACTION_RE)) {
    const den = toNumber(m[1]!);
    const num = toNumber(m[2]!);
    if (den && num !== null) out.push({ value: num / den, unit: 'fraction', raw: m[0] });
  }
  for (const m of flat.matchAll(MULTIPLE_WORD_RE)) out.push({ value: 2, unit: 'multiple', raw: m[0] });
  for (const m of flat.matchAll(BARE_NUMBER_RE)) {
    if (used[m.index!]) continue;
    // Counts and years are not contact numbers; a phone-shaped number is.
    if (!PHONE_LIKE.test(m[0])) continue;
    out.push({ value: Number(m[0]), unit: 'number', raw: m[0] });
  }
  return out;
}

/** A key for comparing figures: percent 50 and fraction ½ are the same share. */
function keyOf(f: Figure): string {
  if (f.unit === 'percent') return `share:${round(f.value / 100)}`;
  if (f.unit === 'fraction') return `share:${round(f.value)}`;
  return `${f.unit}:${round(f.value)}`;
}

const round = (x: number) => Math.round(x * 10000) / 10000;

/**
 * Figures of `text` that appear neither in `sources` (the cited provisions' text) nor among `allowed`
 * (declared figures with a source, e.g. a hotline number from the region file, written as they appear).
 */
export function unsupportedFigures(text: string, sources: string[], allowed: string[] = []): Figure[] {
  const known = new Set<string>();
  for (const s of [...sources, ...allowed]) for (const f of extractFigures(s)) known.add(keyOf(f));
  for (const a of allowed) if (/^\d+$/.test(a)) known.add(`number:${Number(a)}`);
  const seen = new Set<string>();
  return extractFigures(text).filter((f) => {
    const k = keyOf(f);
    if (known.has(k) || seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** "7天, 六个月" — for problem messages. */
export function describeFigures(figures: Figure[]): string {
  return figures.map((f) => f.raw).join('、');
}
