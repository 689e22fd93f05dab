/**
 * @module calculators/double-wage
 * 未签书面劳动合同的二倍工资 (劳动合同法 Art. 82 ¶1; 实施条例 Arts. 6–7): the extra wage for each month from the day
 * after the first month of work until the day before the contract was signed (or the last day of work), at most
 * up to the day before the first full year, which the law's own window makes 11 months.
 */
import { InputError } from '../errors.js';
import { Working, type CalculationResult } from './calculation-result.js';
import { share, toFen, toYuan, yuanText } from './fen.js';
import { addDays, addMonths, chineseDate, daysBetween, wholeMonths, type PlainDate } from './plain-date.js';

export interface DoubleWageInput { startDate: PlainDate; endDate: PlainDate; monthlyWage: number; contractSigned?: boolean }

const MAX_MONTHS = 11;

export function noContractDoubleWage(input: DoubleWageInput): CalculationResult<'no_contract_double_wage'> {
  if (input.endDate < input.startDate) throw new InputError('endDate: must not be before startDate');
  const w = new Working().cite('劳动合同法', 82, 1).cite('劳动合同法实施条例', 6, 2).cite('劳动合同法实施条例', 7);
  const wageFen = toFen(input.monthlyWage);
  w.assume('用工之日当天计入用工期间：满一个月的次日，是次月与用工之日对应的那一天。');
  w.assume('二倍工资中的一倍是正常工资（假定已经发放），可以主张的是另外一倍，即本结果的“差额”。');
  // The first day of work counts, so the first month is complete the day before the corresponding day.
  const doubleFrom = addMonths(input.startDate, 1);
  const lastWithout = input.contractSigned ? addDays(input.endDate, -1) : input.endDate;
  const yearLastDay = addDays(addMonths(input.startDate, 12), -2);
  w.step(`用工之日${chineseDate(input.startDate)}；二倍工资自满一个月的次日${chineseDate(doubleFrom)}起算。`);
  w.step(input.contractSigned
    ? `${chineseDate(input.endDate)}补订了书面合同，截止到前一日${chineseDate(lastWithout)}。`
    : `到${chineseDate(lastWithout)}（离职或至今）仍未订立书面合同。`);
  w.assume('一年仲裁时效（劳动争议调解仲裁法第二十七条第一款）：二倍工资差额超过一年的部分可能得不到支持，各地对起算点的做法不同，请尽快申请劳动仲裁。');
  w.cite('劳动争议调解仲裁法', 27, 1);

  if (lastWithout < doubleFrom) {
    w.step('未订立书面合同的时间没有超过一个月，不产生二倍工资（劳动合同法第八十二条第一款：“超过一个月不满一年”）。');
    return w.done('no_contract_double_wage', { amount: 0, months: 0, days: 0, monthlyWage: toYuan(wageFen) });
  }
  if (lastWithout >= yearLastDay) {
    const amountFen = wageFen * MAX_MONTHS;
    w.step(`满一年仍未订立：二倍工资只计到满一年的前一日${chineseDate(yearLastDay)}，共${MAX_MONTHS}个月（实施条例第七条）；满一年的当日视为已订立无固定期限劳动合同，应立即补订书面合同。`);
    w.step(`差额＝月工资${yuanText(wageFen)}×${MAX_MONTHS}个月＝${yuanText(amountFen)}。`);
    return w.done('no_contract_double_wage', { amount: toYuan(amountFen), months: MAX_MONTHS, days: 0, monthlyWage: toYuan(wageFen), from: doubleFrom, to: yearLastDay });
  }
  const { months, days } = wholeMonths(doubleFrom, lastWithout);
  const monthFen = wageFen * months;
  // The broken month is shared by its calendar days (the month from the corresponding day to the next one).
  const partStart = addMonths(doubleFrom, months);
  const monthLength = daysBetween(partStart, addMonths(doubleFrom, months + 1));
  const partFen = days ? share(wageFen, days, monthLength) : 0;
  w.step(`${chineseDate(doubleFrom)}至${chineseDate(lastWithout)}：${months}个月${days ? `又${days}天` : ''}。`);
  if (days) {
    w.assume('不足一个月的天数按该月的日历天数折算（各地仲裁口径可能不同）。');
    w.step(`不足一个月的${days}天：${yuanText(wageFen)}×${days}÷${monthLength}＝${yuanText(partFen)}（四舍五入到分）。`);
  }
  const amountFen = monthFen + partFen;
  w.step(`差额＝${yuanText(wageFen)}×${months}${days ? `＋${yuanText(partFen)}` : ''}＝${yuanText(amountFen)}。`);
  return w.done('no_contract_double_wage', { amount: toYuan(amountFen), months, days, monthlyWage: toYuan(wageFen), from: doubleFrom, to: lastWithout });
}
