/**
 * @module bot/dialogs/eligibility-questions
 * The eligibility questions in Chinese, as numbered plain-text choices that work on WeChat ("回复数字"), and the
 * parser for each answer (number, or the words themselves). A parser returns undefined when it cannot read
 * the answer, so the prompt asks again.
 */
import type { Region } from '../../config/region.js';
import type { Group, Matter } from '../../eligibility/schema.js';
import { parseNumber } from '../../understanding/entities.js';
import type { Recognizer } from '../../understanding/recognizer.js';
import { inferMatter, type Field } from './eligibility-facts.js';
import { NUMERAL_CHARS } from '../../text/chinese-numerals.js';

/** What a parser may use besides the text. */
export interface ParseContext { region: Region; recognise: Recognizer }

export type Answer = Matter | Group[] | number | boolean | string | null;

interface Question {
  ask(region: Region): string;
  retry: string;
  parse(text: string, ctx: ParseContext): Answer | undefined;
}

/** Matter choices, in the order of 法律援助法 Art. 31, then crime, then the rest. */
export const MATTER_CHOICES: Array<[Matter, string]> = [
  ['labour_remuneration', '讨要工资、确认劳动关系'],
  ['injury_compensation', '工伤、交通事故、医疗事故等人身损害赔偿'],
  ['support_payment', '要求给付赡养费、抚养费、扶养费'],
  ['social_insurance', '社会保险待遇或社会救助'],
  ['pension_for_bereaved', '请求发给抚恤金'],
  ['state_compensation', '请求国家赔偿'],
  ['environmental_damage', '环境污染、生态破坏损害赔偿'],
  ['civil_capacity', '认定无民事行为能力或限制民事行为能力'],
  ['criminal_defence', '本人或家人涉嫌犯罪，需要辩护律师'],
  ['criminal_victim', '本人或家人是刑事案件的受害人'],
  ['other_civil', '其他（离婚、借款、房屋、合同等）'],
];

/** Groups worth asking about, with the words a citizen recognises. */
export const GROUP_CHOICES: Array<[Group, string]> = [
  ['social_assistance', '领取低保或特困供养'],
  ['migrant_worker', '农民工（讨薪或工伤）'],
  ['minor', '未成年人（不满18岁）'],
  ['elderly', '60岁以上老年人'],
  ['disabled', '残疾人'],
  ['no_stable_income', '没有固定生活来源'],
  ['abuse_victim', '遭受家庭暴力、虐待或遗弃'],
  ['bravery', '因见义勇为受到损害'],
  ['martyr_relative', '英雄烈士的近亲属'],
  ['military', '军人军属或退役军人'],
];

const numbered = (items: string[]) => items.map((label, i) => `${i + 1}. ${label}`).join('\n');
/** A reply that is only a count or an amount (3, 三, 3人, 3000元, 两万左右). */
const COUNT_ANSWER = new RegExp(`^(?:大概|大约|约|差不多)?([\\d,]+(?:\\.\\d+)?|[${NUMERAL_CHARS}万]+)\\s*(?:个人|口人|个|人|口|块钱|块|元|万元|万)?(?:左右|多)?$`);
const clean = (text: string) => text.normalize('NFKC').trim().replace(/[。.！!]+$/, '');

/** A whole-message number (3, 三, 3人, 3000元); undefined when the text is not just a number. */
export function wholeNumber(text: string): number | undefined {
  const m = COUNT_ANSWER.exec(clean(text));
  if (!m) return undefined;
  const n = parseNumber(m[1]!);
  if (!n) return undefined;
  return /万元?(?:左右|多)?$/.test(clean(text)) && !/[万]/.test(m[1]!) ? n.value * 10_000 : n.value;
}

/** Numbers listed in a reply like "1 3"、"1、3"、"1和3". */
function numberList(text: string): number[] | undefined {
  const parts = clean(text).split(/[\s,，、和及;；/]+/).filter(Boolean);
  const numbers = parts.map((p) => (/^\d{1,2}$/.test(p) ? Number(p) : NaN));
  return parts.length && numbers.every((n) => Number.isInteger(n)) ? numbers : undefined;
}

function pick<T>(choices: Array<[T, string]>, text: string): T | undefined {
  const n = numberList(text);
  return n?.length === 1 ? choices[n[0]! - 1]?.[0] : undefined;
}

const YES = /^(是|是的|有|有的|对|对的|已经有了?|请了|已经请了|已委托)$/;
const NO = /^(否|不是|没有|没|还没有|还没|无|没请|没有请)$/;
const UNKNOWN = /^(0|不确定|不知道|不清楚|不记得)$/;

export const QUESTIONS: Record<Field, Question> = {
  matter: {
    ask: () => `您要申请法律援助的是哪类事情？请回复数字：\n${numbered(MATTER_CHOICES.map(([, l]) => l))}`,
    retry: `请回复1到${MATTER_CHOICES.length}之间的数字，选择最接近的一项。`,
    parse: (text, { recognise }) => pick(MATTER_CHOICES, text) ?? inferMatter(recognise(text)),
  },
  hasDefender: {
    ask: () => '当事人现在已经委托了辩护律师吗？\n1. 已经委托了\n2. 还没有',
    retry: '请回复1（已经委托了）或2（还没有）。',
    parse: (text) => {
      const t = clean(text);
      if (t === '1' || YES.test(t)) return true;
      if (t === '2' || NO.test(t)) return false;
      return undefined;
    },
  },
  groups: {
    ask: () => `申请人是否属于下面的情形？可以回复多个数字（如“1 3”），都不是请回复0：\n${numbered(GROUP_CHOICES.map(([, l]) => l))}`,
    retry: `请回复1到${GROUP_CHOICES.length}之间的数字（可多选，用空格隔开），都不是请回复0。`,
    parse: (text, { recognise }) => {
      const t = clean(text);
      if (/^(0|都不是|都没有|没有|不是|无)$/.test(t)) return [];
      const n = numberList(t);
      if (n) {
        const chosen = n.map((i) => GROUP_CHOICES[i - 1]?.[0]);
        return chosen.every((g) => g !== undefined) ? [...new Set(chosen as Group[])] : undefined;
      }
      const named = recognise(text).entities.flatMap((e) => (e.type === 'group' ? [e.value.code] : []));
      return named.length ? [...new Set(named)] : undefined;
    },
  },
  householdSize: {
    ask: () => '您家里一起生活的有几口人（包括您自己）？请回复数字，如：3',
    retry: '请回复一起生活的家庭人数，如：3',
    parse: (text, { recognise }) => {
      const n = wholeNumber(text) ?? recognise(text).entities.find((e) => e.type === 'household_size')?.value.persons;
      return n !== undefined && Number.isInteger(n) && n >= 1 && n <= 30 ? n : undefined;
    },
  },
  monthlyIncome: {
    ask: () => '全家一个月的总收入大约多少元？（一起生活的家庭成员收入加起来，没有收入回复0）',
    retry: '请回复全家每月总收入的金额（元），如：3000；没有收入回复0。',
    parse: (text, { recognise }) => {
      if (/^(没有收入|没收入|无收入|没有|无)$/.test(clean(text))) return 0;
      const n = wholeNumber(text);
      if (n !== undefined && n >= 0 && n < 10_000_000) return n;
      const e = recognise(text).entities.find((x) => x.type === 'monthly_income' || x.type === 'money');
      return e && (e.type === 'monthly_income' || e.type === 'money') ? e.value.yuan : undefined;
    },
  },
  county: {
    ask: (region) => `您在清远的哪个县（市、区）？请回复数字：\n${numbered(region.counties.map((c) => c.name))}\n0. 不确定`,
    retry: '请回复县（市、区）前面的数字，不确定请回复0。',
    parse: (text, { region, recognise }) => {
      const t = clean(text);
      if (UNKNOWN.test(t)) return null;
      const n = numberList(t);
      if (n?.length === 1) return region.counties[n[0]! - 1]?.name;
      const byName = region.counties.find((c) => t.includes(c.short));
      if (byName) return byName.name;
      const e = recognise(text).entities.find((x) => x.type === 'county');
      return e?.type === 'county' ? e.value.name : undefined;
    },
  },
};
