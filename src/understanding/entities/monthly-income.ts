/**
 * @module understanding/entities/monthly-income
 * Finds monthly incomes: 月收入3000, 每个月挣两千多, 一个月工资四千五, 家庭月收入6000, 人均月收入1500.
 * The whole phrase is one entity; the amount inside it is not also reported as money (the overlap
 * resolver keeps the longer span).
 */
import { NUMBER_SRC } from '../../text/chinese-numerals.js';
import { CURRENCY_SRC, toYuan } from './money.js';
import { makeEntity, type Entity, type MonthlyIncomeValue } from './types.js';

const PER: Record<string, MonthlyIncomeValue['per']> = {
  家庭: 'household', 家里: 'household', 全家: 'household', 我家: 'household', 我们家: 'household',
  一家: 'household', 人均: 'person', 每人: 'person', 每个人: 'person', 个人: 'person',
};
const PER_SRC = Object.keys(PER).sort((a, b) => b.length - a.length).join('|');
const MONTH = '(?:每个月|每月|一个月|一月|月)';
const NOUN = '(?:工资收入|纯收入|总收入|平均收入|工资|收入|薪水|薪资|入息)';
const VERB = '(?:挣|赚|拿|领|到手|收入)';
const HEDGE = '(?:只有|只|才|就|大概|大约|差不多|也就|有|是|能|可以|不到|不超过|最多|了|得)';
const BELOW = /不到|不超过|最多/;
const APPROX = /大概|大约|差不多/;

// [per] [的] (月 noun | 月 verb | 月薪 | 月入 | noun 月) hedges amount [多/来/余] [k/w] [currency] [多/左右]
const INCOME = new RegExp(
  `(?:(${PER_SRC})的?)?` +
    `(?:${MONTH}的?${NOUN}|${MONTH}${HEDGE}*${VERB}|月薪|月入|${NOUN}${MONTH})` +
    `(${HEDGE}*)(${NUMBER_SRC})(多|来|余)?([kw](?![a-z]))?(?:${CURRENCY_SRC})?(多|左右)?`,
  'gd',
);

/** Finds monthly_income entities in normalised text. */
export function extractMonthlyIncomes(text: string): Entity[] {
  const out: Entity[] = [];
  for (const m of text.matchAll(INCOME)) {
    const [whole, perText, hedges = '', numText = '', more, kw, tail] = m;
    const money = toYuan(numText, kw);
    if (!money || money.yuan <= 0) continue;
    // 月收入3年 / 一个月工资5号 are not amounts.
    if (/^[年月日号天个岁]/.test(text.slice(m.index + whole.length))) continue;
    const value: MonthlyIncomeValue = { yuan: money.yuan, per: perText ? PER[perText] ?? 'unknown' : 'unknown' };
    const prefix = whole.slice(0, (m.indices?.[4]?.[0] ?? m.index) - m.index);
    if (BELOW.test(hedges) || BELOW.test(prefix)) value.bound = 'below';
    if (money.approximate || more || tail || APPROX.test(prefix)) value.approximate = true;
    out.push(makeEntity('monthly_income', text, m.index, m.index + whole.length, value, 'monthly_income'));
  }
  return out;
}
