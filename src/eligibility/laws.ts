/**
 * @module eligibility/laws
 * Statute references used by the eligibility rules and their Chinese citation form ("法律援助法第三十一条").
 */
import { intToChinese } from '../text/chinese-numerals.js';
import type { LawRef } from './schema.js';

/** 中华人民共和国法律援助法 (2021). */
export const LEGAL_AID_LAW = '法律援助法';
/** 广东省申请法律援助经济困难公民认定办法 (粤府令第268号) — the Guangdong means test. */
export const GUANGDONG_HARDSHIP_MEASURES = '广东省申请法律援助经济困难公民认定办法';
export const MINORS_PROTECTION_LAW = '未成年人保护法';
export const ELDERLY_RIGHTS_LAW = '老年人权益保障法';

/** Shorthand for a 法律援助法 article. */
export function legalAidLaw(article: number): LawRef {
  return { law: LEGAL_AID_LAW, article };
}

/** Chinese numeral as used in article numbers (十, 二十一, 一百零五). */
export const chineseNumber = intToChinese;

/** Citation string for a reference, e.g. `{law: '法律援助法', article: 31}` → "法律援助法第三十一条". */
export function citation(ref: LawRef): string {
  return `${ref.law}第${chineseNumber(ref.article)}条`;
}
