/**
 * @module understanding/entities/age
 * Finds ages: 16岁, 七十多岁, 今年65, 未满十八周岁 (→ 18, below), 60岁以上 (→ 60, at least).
 */
import { NUMBER_SRC, parseNumber } from '../../text/chinese-numerals.js';
import { makeEntity, type AgeValue, type Entity } from './types.js';

const NOW = '(?:今年|现在|目前)(?:已经|都|才|刚|刚刚|也|就|还)?';
const BELOW_BEFORE = ['未满', '不满', '没满', '还没满', '没有满', '不到', '还不到', '没到'];
const AT_LEAST_BEFORE = ['已满', '年满', '满了', '满', '超过', '已经满'];
const BEFORE = [...BELOW_BEFORE, ...AT_LEAST_BEFORE].sort((a, b) => b.length - a.length).join('|');

// [今年] [未满|满] number [多] [周]岁 [多|半] [以下|以上]
const WITH_SUI = new RegExp(
  `(?<![\\d.])(${NOW})?(${BEFORE})?(${NUMBER_SRC})(多)?周?岁(多|半)?(以下|之下|以内|以上|之上)?`,
  'g',
);
// 今年65 / 今年六十五了: an age with no 岁, if nothing after it makes it a count or a date.
const NOW_BARE = new RegExp(
  `(${NOW})(${NUMBER_SRC})(多)?(?:了|啦)?(?![\\d零〇一二两三四五六七八九十多几年月日号元块万千百亿个天周岁%.\\-点分kw])`,
  'g',
);

function ageValue(numText: string, approx: boolean, bound?: AgeValue['bound']): AgeValue | null {
  if (/^[几多]+$/.test(numText)) return null;
  const parsed = parseNumber(numText);
  if (!parsed || parsed.value <= 0 || parsed.value > 120) return null;
  const value: AgeValue = { years: parsed.value };
  if (bound) value.bound = bound;
  if (approx || parsed.approximate) value.approximate = true;
  return value;
}

/** Finds age entities in normalised text. */
export function extractAges(text: string): Entity[] {
  const out: Entity[] = [];
  for (const m of text.matchAll(WITH_SUI)) {
    const [whole, now, before, numText = '', more, tail, after] = m;
    // 比我大十岁 / 小三岁 / 相差五岁 is an age gap, not an age.
    if (!now && !before && /[大小差]/.test(text[m.index - 1] ?? '')) continue;
    let bound: AgeValue['bound'];
    if ((before && BELOW_BEFORE.includes(before)) || (after && /下|内/.test(after))) bound = 'below';
    else if ((before && AT_LEAST_BEFORE.includes(before)) || after) bound = 'at_least';
    const value = ageValue(numText, !!more || tail === '多', bound);
    if (!value) continue;
    if (tail === '半') value.years += 0.5;
    out.push(makeEntity('age', text, m.index, m.index + whole.length, value, 'age.sui'));
  }
  for (const m of text.matchAll(NOW_BARE)) {
    const [whole, , numText = '', more] = m;
    const value = ageValue(numText, !!more);
    // A bare age is a whole number of years; 今年3000 or 今年2.5 are something else.
    if (!value || !Number.isInteger(value.years) || value.years < 3) continue;
    out.push(makeEntity('age', text, m.index, m.index + whole.length, value, 'age.now'));
  }
  return out;
}
