/**
 * @module understanding/entities/date
 * Finds calendar dates: 2023年5月1日, 去年3月, 5月10号, 2022.3.4, 2023年, 上个月10号, 昨天.
 * Relative words stay relative (no clock is read here).
 */
import { parseNumber } from '../../text/chinese-numerals.js';
import { makeEntity, type DateValue, type Entity, type RelativeDate } from './types.js';

const RELATIVE_YEAR: Record<string, RelativeDate> = {
  今年: 'this_year', 去年: 'last_year', 前年: 'year_before_last', 明年: 'next_year',
};
const RELATIVE_MONTH: Record<string, RelativeDate> = {
  这个月: 'this_month', 本月: 'this_month', 上个月: 'last_month', 上月: 'last_month',
  下个月: 'next_month', 下月: 'next_month',
};
const RELATIVE_DAY: Record<string, RelativeDate> = {
  今天: 'today', 昨天: 'yesterday', 前天: 'day_before_yesterday', 明天: 'tomorrow', 后天: 'day_after_tomorrow',
  这周: 'this_week', 本周: 'this_week', 这个星期: 'this_week', 这个礼拜: 'this_week',
  上周: 'last_week', 上个星期: 'last_week', 上星期: 'last_week', 上个礼拜: 'last_week', 上礼拜: 'last_week',
  下周: 'next_week', 下个星期: 'next_week', 下星期: 'next_week', 下个礼拜: 'next_week', 下礼拜: 'next_week',
};

const CN_DIGIT = '零〇一二三四五六七八九';
const YEAR = `(\\d{4}|[${CN_DIGIT}]{4})年`;
// 23年5月: a two-digit year only counts when a month follows (23年 alone is a duration).
const YEAR_OR_SHORT = `(\\d{4}|[${CN_DIGIT}]{4}|\\d{2})年`;
const MONTH = '(1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月份?';
const DAY = '(3[01]|[12]\\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])[日号]';
const NOT_AFTER_NUMBER = `(?<![\\d.第${CN_DIGIT}十百千万两])`;

// [year | relative year] month [day]; a number right before the month would make it a count (十三月).
const YMD = new RegExp(
  `${NOT_AFTER_NUMBER}(?:${YEAR_OR_SHORT}|(今年|去年|前年|明年))?${MONTH}(?:${DAY})?`,
  'g',
);
const YEAR_ONLY = new RegExp(`${NOT_AFTER_NUMBER}${YEAR}(?!代|级)`, 'g');
const NUMERIC = /(?<![\d.])(\d{4})([.\-/])(\d{1,2})\2(\d{1,2})(?![\d.])/g;
const YEAR_MONTH_NUMERIC = /(?<![\d.])(\d{4})[-/](\d{1,2})(?![\d\-/])/g;
const RELATIVE = new RegExp(
  `(${Object.keys(RELATIVE_MONTH).join('|')})(?:${DAY})?|(${Object.keys(RELATIVE_DAY).join('|')})|(今年|去年|前年|明年)`,
  'g',
);

function num(s: string | undefined): number | undefined {
  if (s === undefined) return undefined;
  return parseNumber(s)?.value;
}

/** Two-digit years read as 20xx up to 69 and 19xx from 70 (a fixed pivot: no clock is read). */
function year(s: string | undefined): number | undefined {
  const y = num(s);
  if (y === undefined || s === undefined || s.length !== 2) return y;
  return y < 70 ? 2000 + y : 1900 + y;
}

function valid(v: DateValue): boolean {
  if (v.year !== undefined && (v.year < 1900 || v.year > 2100)) return false;
  if (v.month !== undefined && (v.month < 1 || v.month > 12 || !Number.isInteger(v.month))) return false;
  if (v.day !== undefined && (v.day < 1 || v.day > 31 || !Number.isInteger(v.day))) return false;
  return true;
}

function clean(v: DateValue): DateValue {
  const out: DateValue = {};
  if (v.year !== undefined) out.year = v.year;
  if (v.month !== undefined) out.month = v.month;
  if (v.day !== undefined) out.day = v.day;
  if (v.relative !== undefined) out.relative = v.relative;
  return out;
}

/** Finds date entities in normalised text. */
export function extractDates(text: string): Entity[] {
  const out: Entity[] = [];
  const push = (start: number, length: number, v: DateValue, extractor: string): void => {
    if (valid(v)) out.push(makeEntity('date', text, start, start + length, clean(v), extractor));
  };
  for (const m of text.matchAll(YMD)) {
    const [whole, y, rel, mo, d] = m;
    push(m.index, whole.length, {
      year: year(y), month: num(mo), day: num(d), relative: rel ? RELATIVE_YEAR[rel] : undefined,
    }, 'date.ymd');
  }
  for (const m of text.matchAll(YEAR_ONLY)) push(m.index, m[0].length, { year: num(m[1]) }, 'date.year');
  for (const m of text.matchAll(NUMERIC)) {
    push(m.index, m[0].length, { year: num(m[1]), month: num(m[3]), day: num(m[4]) }, 'date.numeric');
  }
  for (const m of text.matchAll(YEAR_MONTH_NUMERIC)) {
    push(m.index, m[0].length, { year: num(m[1]), month: num(m[2]) }, 'date.numeric');
  }
  for (const m of text.matchAll(RELATIVE)) {
    const [whole, relMonth, d, relDay, relYear] = m;
    const relative = relMonth ? RELATIVE_MONTH[relMonth] : relDay ? RELATIVE_DAY[relDay] : RELATIVE_YEAR[relYear ?? ''];
    push(m.index, whole.length, { relative, day: num(d) }, 'date.relative');
  }
  return out;
}
