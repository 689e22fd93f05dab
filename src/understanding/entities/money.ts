/**
 * @module understanding/entities/money
 * Finds sums of money: 3万元, 30000块, 一万五, 两千块钱, 5k, 1,200元, 十几万, 1.2亿 — but not phone numbers,
 * article numbers (第三条) or years (2023年).
 */
import { NUMBER_SRC, NUMERAL_CHARS, parseNumber } from '../../text/chinese-numerals.js';
import { makeEntity, type Entity, type MoneyValue } from './types.js';

/** Currency words after a number; 块 is checked separately because 一块地/一块去 are not money. */
export const CURRENCY_SRC = '(?:元钱|元|块钱|块(?![儿地田砖石板牌肉布表木玻璃钢去走来玩吃住做干上回搬])|圆|人民币|rmb)';

// Number, then optional 多/来/余, then k/w (only after arabic, checked in code), then an optional currency word.
const MONEY = new RegExp(
  `(?<![\\d.\\-第a-z${NUMERAL_CHARS}万亿])(${NUMBER_SRC})(多|来|余)?([kw](?![a-z]))?(${CURRENCY_SRC})?(多)?`,
  'g',
);
// Measure words that make a bare number something other than money (三万人, 八百米, 第三条, 2023年 …).
const NOT_MONEY_AFTER = /^(?:[个人口名位户次件条款项章节号年月日天周岁米里斤亩平方层楼栋套辆台本页字分秒点%％公度倍]|小时|钟头|星期|礼拜)/;
// A bare arabic number counts as money only right after a money word (欠我3000, 赔了5000, 工资3000).
const MONEY_CUE_BEFORE = /(?:欠|借|赔|补偿|给|花|付|交|退|罚|扣|赚|挣|拿|值|价|钱|款|费|金|资|薪|礼|押|租)[了我他她你们的我给共总计约大概才只就有是]{0,3}$/;

/** Converts a number token plus its k/w suffix to yuan; null if it is no number. */
export function toYuan(numberText: string, kw?: string): (MoneyValue & { hasMagnitude: boolean }) | null {
  const parsed = parseNumber(numberText);
  if (!parsed || /^[几多]+$/.test(numberText)) return null;
  const isArabic = /^\d/.test(numberText);
  let yuan = parsed.value;
  if (kw) {
    if (!isArabic) return null;
    yuan *= kw === 'k' ? 1000 : 10000;
  }
  yuan = Math.round(yuan * 100) / 100;
  const out: MoneyValue & { hasMagnitude: boolean } = { yuan, hasMagnitude: parsed.hasMagnitude || !!kw };
  if (parsed.approximate) out.approximate = true;
  return out;
}

function looksLikePhone(digits: string): boolean {
  return /^1[3-9]\d{9}$/.test(digits) || /^0\d{9,11}$/.test(digits) || digits.length >= 9;
}

/** Finds money entities in normalised text. */
export function extractMoney(text: string): Entity[] {
  const out: Entity[] = [];
  for (const m of text.matchAll(MONEY)) {
    const [whole, num = '', approx, kw, currency, approxTail] = m;
    const start = m.index;
    const end = start + whole.length;
    const value = toYuan(num, kw);
    if (!value || value.yuan <= 0) continue;
    const rest = text.slice(end);
    const isArabic = /^\d/.test(num);
    if (!currency) {
      if (NOT_MONEY_AFTER.test(rest) || /^[-\d]/.test(rest)) continue;
      if (!value.hasMagnitude) {
        // Bare digits: only with a money cue before, never phone-like or followed by a date unit.
        const digits = num.replace(/[,，.]/g, '');
        if (!isArabic || looksLikePhone(digits)) continue;
        if (!MONEY_CUE_BEFORE.test(text.slice(Math.max(0, start - 6), start))) continue;
      } else if (value.yuan < 100) {
        continue; // 十五 / 二十 without a currency word are counts, not sums
      }
    }
    const result: { yuan: number; approximate?: true } = { yuan: value.yuan };
    if (value.approximate || approx || approxTail) result.approximate = true;
    out.push(makeEntity('money', text, start, end, result, currency ? 'money.currency' : 'money.bare'));
  }
  return out;
}
