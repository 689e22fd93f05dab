/**
 * @module calculators/severance
 * 经济补偿 (劳动合同法 Arts. 46–47, 97; 实施条例 Art. 27), 赔偿金 for unlawful termination (Art. 87; 实施条例
 * Art. 25) and 代通知金 (Art. 40; 实施条例 Art. 20). The wage is raised to the minimum wage in force at the end of
 * employment and capped at three times the local average monthly wage (then N ≤ 12) when that average is known.
 */
import { InputError } from '../errors.js';
import { Working, type CalculationResult } from './calculation-result.js';
import { share, toFen, toYuan, yuanText } from './fen.js';
import { minimumWageOn, type LabourFigures } from './labour-figures.js';
import { chineseDate, type PlainDate } from './plain-date.js';
import { nText, serviceLength, serviceStep } from './service-length.js';

const LAW = '劳动合同法';
const REGULATION = '劳动合同法实施条例';
/** The day 劳动合同法 took effect: service before it follows Art. 97 ¶3. */
export const LABOUR_CONTRACT_LAW_START = '2008-01-01';

export interface WageInput { startDate: PlainDate; endDate: PlainDate; monthlyWage: number; localAverageMonthlyWage?: number }

const UNCONFIRMED = '（该数字未经确认，请拨打12348或向当地人社部门核实）';

/** The monthly wage the compensation is paid on, with N capped when the wage is; adds its working to `w`. */
function compensationBase(input: WageInput, halves: number, figures: LabourFigures, w: Working): { wageFen: number; halves: number } {
  let wageFen = toFen(input.monthlyWage);
  w.cite(LAW, 47, 3).cite(REGULATION, 27);
  w.assume('月工资按劳动合同解除或终止前12个月的平均应得工资计算（含计时或计件工资、奖金、津贴和补贴）；工作不满12个月的，按实际工作月数平均。');
  w.step(`月工资：离职前12个月平均工资${yuanText(wageFen)}。`);

  const minimum = minimumWageOn(figures, input.endDate);
  if (!minimum) {
    w.lack(`${chineseDate(input.endDate)}当地最低工资标准（未配置），无法核对月工资是否低于最低工资标准`);
  } else if (wageFen < toFen(minimum.monthly)) {
    wageFen = toFen(minimum.monthly);
    w.step(`平均工资低于当地最低工资标准${yuanText(wageFen)}（${minimum.area}，${chineseDate(minimum.effectiveFrom)}起），按最低工资标准计算。`);
    if (!minimum.confirmed) w.assume(`当地最低工资标准按${minimum.monthly}元/月计算${UNCONFIRMED}`);
  }

  const averageFromInput = input.localAverageMonthlyWage !== undefined;
  const average = input.localAverageMonthlyWage ?? figures.localAverageMonthlyWage.value;
  if (average === null) {
    w.lack('本地区上年度职工月平均工资（localAverageMonthlyWage）：未提供也未配置，未能核对“三倍封顶”（只有月工资高于它的三倍时才影响结果）');
    w.assume('未适用劳动合同法第四十七条第二款的封顶：如果月工资高于清远市上年度职工月平均工资的三倍，应按三倍数额计算且年限最多12年，金额会低于本结果。');
    return { wageFen, halves };
  }
  w.cite(LAW, 47, 2);
  if (averageFromInput) w.assume(`本地区上年度职工月平均工资按您提供的${average}元计算。`);
  else {
    const year = figures.localAverageMonthlyWage.year;
    // Art. 47 ¶2 means the year before the employment ended; a figure of another year is named as such.
    w.assume(`本地区上年度职工月平均工资按${year}年度的${average}元计算${figures.localAverageMonthlyWage.confirmed ? '' : UNCONFIRMED}${year !== Number(input.endDate.slice(0, 4)) - 1 ? `；离职在${input.endDate.slice(0, 4)}年，应适用${Number(input.endDate.slice(0, 4)) - 1}年度的数字` : ''}。`);
  }
  const capFen = toFen(average) * 3;
  if (wageFen <= capFen) {
    w.step(`月工资不高于本地区上年度职工月平均工资的三倍（${yuanText(capFen)}），不封顶。`);
    return { wageFen, halves };
  }
  const capped = Math.min(halves, 24);
  w.step(`月工资高于本地区上年度职工月平均工资的三倍，按三倍即${yuanText(capFen)}计算，年限最多12年：N＝${nText(capped)}。`);
  return { wageFen: capFen, halves: capped };
}

/** N and the base wage for severance (from 2008-01-01) or for 赔偿金 (from the first day of work). */
function compensation(input: WageInput, figures: LabourFigures, w: Working, fromHire: boolean) {
  if (input.endDate < input.startDate) throw new InputError('endDate: must not be before startDate');
  let first = input.startDate;
  if (input.startDate < LABOUR_CONTRACT_LAW_START) {
    if (fromHire) {
      w.cite(REGULATION, 25);
      w.step('违法解除的赔偿金，计算年限自用工之日起计算（包括2008年1月1日以前的年限）。');
    } else {
      first = LABOUR_CONTRACT_LAW_START;
      w.cite(LAW, 97, 3);
      w.step('劳动合同法自2008年1月1日起施行，经济补偿年限自该日起计算；此前的年限按当时的有关规定处理，本计算不包括。');
      w.lack('2008年1月1日以前工作年限的经济补偿：应依照当时的有关规定执行（劳动合同法第九十七条第三款），本计算未计入，请咨询12348或律师');
    }
  }
  // Employment that ended before 2008 has no years under this law at all (serviceLength gives 0 for it).
  const s = serviceLength(first, input.endDate);
  w.cite(LAW, 47, 1);
  w.step(input.endDate < first ? '劳动关系在2008年1月1日以前已经结束，没有按劳动合同法计算的工作年限：N＝0。' : serviceStep(first, input.endDate, s));
  const base = compensationBase(input, s.halves, figures, w);
  const amountFen = share(base.wageFen, base.halves, 2);
  return { ...base, amountFen };
}

/** 经济补偿 N. */
export function severance(input: WageInput, figures: LabourFigures): CalculationResult<'severance'> {
  const w = new Working().cite(LAW, 46);
  w.assume('本结果假定离职属于劳动合同法第四十六条规定应当支付经济补偿的情形（如协商解除、第四十条解除、经济性裁员、合同到期公司不续签等）。');
  const c = compensation(input, figures, w, false);
  w.step(`经济补偿＝月工资${yuanText(c.wageFen)}×N ${nText(c.halves)}＝${yuanText(c.amountFen)}。`);
  return w.done('severance', { amount: toYuan(c.amountFen), months: c.halves / 2, monthlyWage: toYuan(c.wageFen) });
}

/** 赔偿金 2N. */
export function unlawfulTermination(input: WageInput, figures: LabourFigures): CalculationResult<'unlawful_termination'> {
  const w = new Working().cite(LAW, 87).cite(LAW, 48);
  w.assume('本结果假定公司违法解除或终止劳动合同，且您不要求继续履行劳动合同（劳动合同法第四十八条）；是否违法由仲裁委或法院认定。');
  const c = compensation(input, figures, w, true);
  const amountFen = c.amountFen * 2;
  w.step(`赔偿金＝经济补偿标准的二倍＝${yuanText(c.wageFen)}×${nText(c.halves)}×2＝${yuanText(amountFen)}。`);
  w.step('支付了赔偿金的，不再支付经济补偿（劳动合同法实施条例第二十五条）。');
  w.cite(REGULATION, 25);
  return w.done('unlawful_termination', { amount: toYuan(amountFen), months: c.halves, monthlyWage: toYuan(c.wageFen) });
}

/** 代通知金: one month's wage, at the previous month's wage. */
export function noticePay(input: { monthlyWage: number }): CalculationResult<'notice_pay'> {
  const w = new Working().cite(LAW, 40).cite(REGULATION, 20);
  const fen = toFen(input.monthlyWage);
  w.assume('只在公司依照劳动合同法第四十条（患病或非因工负伤医疗期满、不能胜任工作、客观情况重大变化）解除合同、且没有提前三十日书面通知时适用；这种情形同时应支付经济补偿（第四十六条第三项）。');
  w.step(`代通知金＝额外支付一个月工资，按上一个月的工资标准：${yuanText(fen)}。`);
  return w.done('notice_pay', { amount: toYuan(fen), months: 1, monthlyWage: toYuan(fen) });
}
