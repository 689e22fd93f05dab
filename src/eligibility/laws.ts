/**
 * @module eligibility/laws
 * Statute references used by the eligibility rules and their Chinese citation form ("法律援助法第三十一条").
 */
import type { LawRef } from './schema.js';

/** 中华人民共和国法律援助法 (2021). */
export const LAA = '法律援助法';
/** 法律援助条例 (State Council, 2003) — materials list. */
export const REG2003 = '法律援助条例';
/** 广东省申请法律援助经济困难公民认定办法 (粤府令第268号) — the Guangdong means test. */
export const GD268 = '广东省申请法律援助经济困难公民认定办法';
export const MINORS = '未成年人保护法';
export const ELDERLY = '老年人权益保障法';

/** Shorthand for a 法律援助法 article. */
export function laa(article: number): LawRef {
  return { law: LAA, article };
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** Chinese numeral for 1–999 as used in article numbers (十, 二十一, 一百零五). */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999) throw new RangeError(`article number out of range: ${n}`);
  const hundreds = Math.floor(n / 100);
  const tens = Math.floor((n % 100) / 10);
  const ones = n % 10;
  let out = hundreds ? `${DIGITS[hundreds]}百` : '';
  if (tens) out += tens === 1 && !hundreds ? '十' : `${DIGITS[tens]}十`;
  else if (hundreds && ones) out += '零';
  if (ones) out += DIGITS[ones];
  return out;
}

/** Citation string for a reference, e.g. `{law: '法律援助法', article: 31}` → "法律援助法第三十一条". */
export function citation(ref: LawRef): string {
  return `${ref.law}第${chineseNumber(ref.article)}条`;
}
