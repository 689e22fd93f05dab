/**
 * @module calculators/court-fee
 * 案件受理费 (诉讼费用交纳办法 Art. 13): the sliding scale for property claims, divorce (50–300 元, plus 0.5% of
 * property over 200,000 元), labour disputes (10 元); halved under the simple procedure (Art. 16); relief for
 * hardship (缓交、减交、免交, Arts. 44–48). Shares are summed exactly and rounded to the fen once.
 */
import { InputError } from '../errors.js';
import { Working, type CalculationResult } from './calculation-result.js';
import { share, toFen, toYuan, yuanText } from './fen.js';

export type CaseType = 'property' | 'divorce' | 'labour';
export interface CourtFeeInput { caseType: CaseType; claimAmount?: number; procedure?: 'ordinary' | 'simple' }

const LAW = '诉讼费用交纳办法';
const YUAN = 100;
/** Art. 13 (一): upper bound of each band in fen (null: no bound) and its rate in hundredths of a percent. */
export const PROPERTY_BANDS: Array<{ upTo: number | null; basisPoints: number }> = [
  { upTo: 100_000 * YUAN, basisPoints: 250 },
  { upTo: 200_000 * YUAN, basisPoints: 200 },
  { upTo: 500_000 * YUAN, basisPoints: 150 },
  { upTo: 1_000_000 * YUAN, basisPoints: 100 },
  { upTo: 2_000_000 * YUAN, basisPoints: 90 },
  { upTo: 5_000_000 * YUAN, basisPoints: 80 },
  { upTo: 10_000_000 * YUAN, basisPoints: 70 },
  { upTo: 20_000_000 * YUAN, basisPoints: 60 },
  { upTo: null, basisPoints: 50 },
];
const FLAT_UP_TO = 10_000 * YUAN;
const FLAT_FEE = 50 * YUAN;

const percent = (bp: number) => `${bp / 100}%`;
const wan = (fen: number) => `${fen / YUAN / 10_000}万元`;

/** The property fee in fen, its working added to `w`. */
function propertyFee(claimFen: number, w: Working): number {
  w.step(`不超过1万元的部分：每件50元。`);
  let lower = FLAT_UP_TO;
  let numerator = 0;
  for (const band of PROPERTY_BANDS) {
    if (claimFen <= lower) break;
    const upper = band.upTo === null ? claimFen : Math.min(claimFen, band.upTo);
    const portion = upper - lower;
    numerator += portion * band.basisPoints;
    const label = band.upTo === null ? `超过${wan(lower)}的部分` : `超过${wan(lower)}至${wan(band.upTo)}的部分`;
    w.step(`${label}${yuanText(portion)}×${percent(band.basisPoints)}＝${yuanText(share(portion, band.basisPoints, 10_000))}。`);
    lower = band.upTo ?? claimFen;
  }
  return FLAT_FEE + share(numerator, 1, 10_000);
}

export function courtFee(input: CourtFeeInput): CalculationResult<'court_fee'> {
  const w = new Working();
  const simple = input.procedure === 'simple';
  let min: number;
  let max: number;
  if (input.caseType === 'property') {
    if (input.claimAmount === undefined) throw new InputError('claimAmount: required for a property case');
    w.cite(LAW, 13, 1);
    const claimFen = toFen(input.claimAmount);
    w.step(`财产案件，诉讼请求金额${yuanText(claimFen)}，按比例分段累计（第十三条第一项）：`);
    min = max = propertyFee(claimFen, w);
    w.step(`合计${yuanText(min)}。`);
  } else if (input.caseType === 'divorce') {
    w.cite(LAW, 13, 1);
    min = 50 * YUAN;
    max = 300 * YUAN;
    w.cite(LAW, 13, 2);
    w.step('离婚案件每件交纳50元至300元（第十三条第二项第1目）。');
    w.lack('广东省在50元至300元幅度内制定的具体标准（未配置；第十三条最后一款允许省级政府制定），所以只能给出范围');
    const propertyFen = input.claimAmount === undefined ? 0 : toFen(input.claimAmount);
    if (input.claimAmount === undefined) w.assume('未提供财产分割的财产总额：按不涉及财产或财产不超过20万元计算。');
    if (propertyFen > 200_000 * YUAN) {
      const extra = share(propertyFen - 200_000 * YUAN, 50, 10_000);
      w.step(`涉及财产分割，财产总额${yuanText(propertyFen)}，超过20万元的部分${yuanText(propertyFen - 200_000 * YUAN)}×0.5%＝${yuanText(extra)}。`);
      min += extra;
      max += extra;
    } else if (input.claimAmount !== undefined) {
      w.step('财产总额不超过20万元，不另行交纳。');
    }
    w.step(`合计${yuanText(min)}至${yuanText(max)}。`);
  } else {
    w.cite(LAW, 13, 1);
    min = max = 10 * YUAN;
    w.step('劳动争议案件每件交纳10元（第十三条第四项）。');
  }
  if (simple) {
    w.cite(LAW, 16);
    min = share(min, 1, 2);
    max = share(max, 1, 2);
    w.step(`适用简易程序审理的，减半交纳（第十六条）：${min === max ? yuanText(min) : `${yuanText(min)}至${yuanText(max)}`}。`);
  } else {
    w.assume('按普通程序计算；法院适用简易程序审理的，案件受理费减半交纳（第十六条）。');
  }
  w.cite(LAW, 15).cite(LAW, 29, 1);
  w.assume('以调解方式结案或者申请撤诉的，案件受理费减半交纳（第十五条）；诉讼费用由败诉方负担，胜诉方自愿承担的除外（第二十九条第一款），起诉时由原告预交。');
  w.cite(LAW, 44, 1).cite(LAW, 45).cite(LAW, 46).cite(LAW, 47).cite(LAW, 48);
  w.step('交纳确有困难的，可以在起诉或上诉时书面申请缓交、减交或者免交（第四十四条至第四十八条；免交只适用于自然人；追索经济补偿金、工伤等人身伤害赔偿、正在接受法律援助的可以申请缓交，减交比例不低于30%）。');
  w.assume('这里只算案件受理费，不含申请费及证人、鉴定等实际支出；分段金额相加后四舍五入到分。');
  const result: Record<string, unknown> = min === max ? { amount: toYuan(min) } : { minAmount: toYuan(min), maxAmount: toYuan(max) };
  return w.done('court_fee', { ...result, procedure: simple ? 'simple' : 'ordinary' });
}
