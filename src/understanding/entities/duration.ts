/**
 * @module understanding/entities/duration
 * Finds spans of time: 三个月, 半年, 两年多, 10天, 一年半, 3周, 八个小时, 三个多月, 一个半月.
 */
import { NUMBER_SRC, NUMERAL_CHARS, parseNumber } from '../../text/chinese-numerals.js';
import { makeEntity, type DurationUnit, type DurationValue, type Entity } from './types.js';

const UNIT: Record<string, DurationUnit> = {
  小时: 'hour', 钟头: 'hour', 天: 'day', 星期: 'week', 礼拜: 'week', 周: 'week', 月: 'month', 年: 'year',
};
const DAYS: Record<DurationUnit, number> = { hour: 1 / 24, day: 1, week: 7, month: 30, year: 365 };

// (number | 半) [多/来/余] [个] [多/半] unit [多/半]
const DURATION = new RegExp(
  `(?<![\\d.第${NUMERAL_CHARS}万亿])(${NUMBER_SRC}|半)(多|来|余)?(个)?(多|半)?` +
    `(小时|钟头|天|星期|礼拜|周(?!年|岁)|月|年(?![级纪代底初中末]))(多|半)?`,
  'g',
);

/** Finds duration entities in normalised text. */
export function extractDurations(text: string): Entity[] {
  const out: Entity[] = [];
  for (const m of text.matchAll(DURATION)) {
    const [whole, num = '', approx1, ge, mid, unitText = '', tail] = m;
    const unit = UNIT[unitText];
    if (!unit) continue;
    // 三月 is March, not three months: month needs 个 (三个月, 半个月).
    if (unit === 'month' && !ge) continue;
    const start = m.index;
    // 前几天 / 这几天 point at a date, not a length of time.
    const before = text[start - 1] ?? '';
    if (/^几/.test(num) && /[前这那过]/.test(before)) continue;
    // 每一天 / 某一年 / 有一天 (one day, once) are not lengths of time.
    if (num === '一' && !ge && !tail && /[每某有]/.test(before)) continue;
    let amount: number;
    let approximate = !!approx1 || mid === '多' || tail === '多';
    if (num === '半') {
      if (mid || tail) continue;
      amount = 0.5;
    } else {
      const parsed = parseNumber(num);
      if (!parsed || parsed.value <= 0) continue;
      if (parsed.approximate) approximate = true;
      amount = parsed.value;
      // A four-digit year (2023年, 二〇二三年) is a date.
      if (unit === 'year' && amount >= 1000) continue;
      // 23年5月 is colloquial for May 2023.
      if (unit === 'year' && /^(?:\d{1,2}|[一二三四五六七八九十]{1,2})月/.test(text.slice(start + whole.length))) continue;
      if (mid === '半' || tail === '半') amount += 0.5;
    }
    const value: DurationValue = { amount, unit, days: amount * DAYS[unit] };
    if (approximate) value.approximate = true;
    out.push(makeEntity('duration', text, start, start + whole.length, value, 'duration'));
  }
  return out;
}
