/**
 * @module eligibility/laws
 * Statute references used by the eligibility rules and their Chinese citation form ("法律援助法第三十一条").
 */
import { intToChinese } from '../text/chinese-numerals.js';
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

/** Chinese numeral as used in article numbers (十, 二十一, 一百零五). */
export const chineseNumber = intToChinese;

/** Citation string for a reference, e.g. `{law: '法律援助法', article: 31}` → "法律援助法第三十一条". */
export function citation(ref: LawRef): string {
  return `${ref.law}第${chineseNumber(ref.article)}条`;
}
