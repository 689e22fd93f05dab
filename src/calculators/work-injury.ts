/**
 * @module calculators/work-injury
 * 一次性伤残补助金 (工伤保险条例 Arts. 35–37): months of the worker's own wage by disability grade; the wage is
 * held within 60%–300% of the pool's average monthly wage (Art. 64 ¶2) when that average is known.
 */
import { intToChinese } from '../text/chinese-numerals.js';
import { Working, type CalculationResult } from './calculation-result.js';
import { share, toFen, toYuan, yuanText } from './fen.js';
import type { LabourFigures } from './labour-figures.js';

export interface WorkInjuryInput { grade: number; monthlyWage: number; regionalAverageMonthlyWage?: number }

const REGULATION = '工伤保险条例';
/** Months by grade, and the article and item that say so. */
export const DISABILITY_MONTHS: Record<number, { months: number; article: number }> = {
  1: { months: 27, article: 35 }, 2: { months: 25, article: 35 }, 3: { months: 23, article: 35 }, 4: { months: 21, article: 35 },
  5: { months: 18, article: 36 }, 6: { months: 16, article: 36 },
  7: { months: 13, article: 37 }, 8: { months: 11, article: 37 }, 9: { months: 9, article: 37 }, 10: { months: 7, article: 37 },
};

export function workInjuryDisability(input: WorkInjuryInput, figures: LabourFigures): CalculationResult<'work_injury_disability'> {
  const rule = DISABILITY_MONTHS[input.grade]!;
  const w = new Working().cite(REGULATION, rule.article, 1).cite(REGULATION, 64, 2);
  let wageFen = toFen(input.monthlyWage);
  w.assume('本人工资是受伤或患职业病前12个月的平均月缴费工资（工伤保险条例第六十四条第二款）。');
  w.assume('一次性伤残补助金由工伤保险基金支付；用人单位未参加工伤保险的，由用人单位按同样标准支付（第六十二条第二款）。');
  w.step(`${intToChinese(input.grade)}级伤残：${rule.months}个月的本人工资（第${intToChinese(rule.article)}条第一款第一项）。`);
  w.step(`本人工资${yuanText(wageFen)}。`);
  const average = input.regionalAverageMonthlyWage ?? figures.injuryInsuranceAverageMonthlyWage.value;
  if (average === null) {
    w.lack('统筹地区职工月平均工资（regionalAverageMonthlyWage）：未提供也未配置，未能按第六十四条第二款核对本人工资的上下限（60%—300%）');
    w.assume('未适用本人工资的上下限：本人工资高于统筹地区职工平均工资300%的按300%计，低于60%的按60%计，结果可能因此不同。');
  } else {
    const avgFen = toFen(average);
    const low = share(avgFen, 60, 100);
    const high = avgFen * 3;
    if (input.regionalAverageMonthlyWage !== undefined) w.assume(`统筹地区职工月平均工资按您提供的${average}元计算。`);
    else if (!figures.injuryInsuranceAverageMonthlyWage.confirmed) w.assume(`统筹地区职工月平均工资按${average}元计算（未经确认，请向12348或社保部门核实）。`);
    if (wageFen > high) {
      wageFen = high;
      w.step(`高于统筹地区职工月平均工资的300%，按${yuanText(high)}计算。`);
    } else if (wageFen < low) {
      wageFen = low;
      w.step(`低于统筹地区职工月平均工资的60%，按${yuanText(low)}计算。`);
    } else {
      w.step(`在统筹地区职工月平均工资的60%（${yuanText(low)}）至300%（${yuanText(high)}）之间，不调整。`);
    }
  }
  const amountFen = wageFen * rule.months;
  w.step(`一次性伤残补助金＝${yuanText(wageFen)}×${rule.months}＝${yuanText(amountFen)}。`);
  return w.done('work_injury_disability', { amount: toYuan(amountFen), months: rule.months, monthlyWage: toYuan(wageFen) });
}
