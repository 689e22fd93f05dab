/**
 * @module calculators/service-length
 * The N of 劳动合同法 Art. 47 ¶1: one month's wage per full year of work; a remainder of six months or more
 * counts as a year, less than six months as half a month. Held as halves so N stays an integer.
 */
import { chineseDate, wholeMonths, type PlainDate } from './plain-date.js';

export interface ServiceLength {
  /** Whole months worked and the days left over (first and last day both counted). */
  months: number;
  days: number;
  /** N × 2 (N may end in ½). */
  halves: number;
}

/** Service from `first` to `last`, both days worked. */
export function serviceLength(first: PlainDate, last: PlainDate): ServiceLength {
  if (last < first) return { months: 0, days: 0, halves: 0 };
  const { months, days } = wholeMonths(first, last);
  const years = Math.floor(months / 12);
  const rest = months % 12;
  const halves = years * 2 + (rest >= 6 ? 2 : rest > 0 || days > 0 ? 1 : 0);
  return { months, days, halves };
}

/** "8年5个月又3天" */
export function lengthText(s: Pick<ServiceLength, 'months' | 'days'>): string {
  const y = Math.floor(s.months / 12);
  const m = s.months % 12;
  const parts = [y ? `${y}年` : '', m ? `${m}个月` : '', s.days ? `${y || m ? '又' : ''}${s.days}天` : ''].join('');
  return parts || '0天';
}

/** N as text: 8, 8.5 */
export function nText(halves: number): string {
  return halves % 2 ? `${(halves - 1) / 2}.5` : String(halves / 2);
}

/** The working of N in one sentence. */
export function serviceStep(first: PlainDate, last: PlainDate, s: ServiceLength): string {
  const rest = s.months % 12;
  const years = Math.floor(s.months / 12);
  const remainder = rest >= 6
    ? `不足一年的部分${rest}个月${s.days ? `又${s.days}天` : ''}，满六个月，按一年计`
    : rest > 0 || s.days > 0
      ? `不足一年的部分${lengthText({ months: rest, days: s.days })}，不满六个月，按半个月计`
      : '没有不足一年的部分';
  return `工作年限：${chineseDate(first)}至${chineseDate(last)}，共${lengthText(s)}；满${years}年计${years}个月，${remainder}；N＝${nText(s.halves)}。`;
}
