/**
 * @module calculators/overtime
 * 加班费 (劳动法 Art. 44): at least 150% of the hourly wage for extended hours on a working day, 200% on a rest day
 * without time off in lieu, 300% on a statutory holiday. The hourly wage is the monthly wage ÷ (21.75 × 8), the
 * divisor of 劳社部发〔2008〕3号.
 */
import { Working, type CalculationResult } from './calculation-result.js';
import { share, toFen, toYuan, yuanText } from './fen.js';

export interface OvertimeInput { monthlyWage: number; weekdayHours?: number; restDayHours?: number; holidayHours?: number }

/** 21.75 days × 8 hours, as hundredths of an hour (17400), so the divisor stays an integer. */
const CENTI_HOURS_PER_MONTH = 17_400;

const KINDS = [
  { key: 'weekdayHours', label: '工作日延长工作时间', percent: 150, item: '（一）' },
  { key: 'restDayHours', label: '休息日工作且不能安排补休', percent: 200, item: '（二）' },
  { key: 'holidayHours', label: '法定休假日工作', percent: 300, item: '（三）' },
] as const;

export function overtime(input: OvertimeInput): CalculationResult<'overtime'> {
  const w = new Working().cite('劳动法', 44);
  const wageFen = toFen(input.monthlyWage);
  w.assume('小时工资＝月工资÷（21.75天×8小时），依据劳社部发〔2008〕3号《关于职工全年月平均工作时间和工资折算问题的通知》第二部分；月工资按劳动合同约定的正常工作时间工资计算。');
  w.assume('劳动法第四十四条规定的是最低标准（“不低于”），约定更高的按约定。');
  w.step(`小时工资＝${yuanText(wageFen)}÷174小时＝${yuanText(share(wageFen, 1, 174))}（仅供参考，下面各项直接按月工资计算后四舍五入到分）。`);
  let totalFen = 0;
  const parts: Record<string, number> = {};
  for (const k of KINDS) {
    const hours = input[k.key];
    if (!hours) continue;
    const centi = Math.round(hours * 100);
    const fen = share(wageFen, k.percent * centi, CENTI_HOURS_PER_MONTH * 100);
    totalFen += fen;
    parts[k.key.replace('Hours', 'Pay')] = toYuan(fen);
    w.step(`${k.label}${hours}小时，按${k.percent}%（第四十四条${k.item}）：${yuanText(wageFen)}÷174×${k.percent}%×${hours}＝${yuanText(fen)}。`);
  }
  w.step(`加班费合计${yuanText(totalFen)}。`);
  return w.done('overtime', { amount: toYuan(totalFen), ...parts, hourlyWage: toYuan(share(wageFen, 1, 174)) });
}
