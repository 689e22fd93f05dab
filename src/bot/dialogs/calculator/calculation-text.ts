/**
 * @module bot/dialogs/calculator/calculation-text
 * A calculation result as chat text: the figure first, then the working, the provisions, the assumptions and what
 * is missing, each under a 【section】 so WeChat can move long sections behind a number.
 */
import type { Basis, CalculationResult } from '../../../calculators/calculation-result.js';
import { chineseDate } from '../../../calculators/plain-date.js';
import { toFen, yuanText } from '../../../calculators/fen.js';
import { intToChinese } from '../../../text/chinese-numerals.js';

const TITLES: Record<string, string> = {
  severance: '经济补偿（N）', unlawful_termination: '违法解除劳动合同的赔偿金（2N）', notice_pay: '代通知金（额外一个月工资）',
  no_contract_double_wage: '未签书面劳动合同的二倍工资差额', overtime: '加班费', work_injury_disability: '一次性伤残补助金',
  court_fee: '案件受理费', deadline: '期限的最后一日',
};

/** 《劳动合同法》第四十七条第一款 */
export function basisText(b: Basis): string {
  return `《${b.law}》第${intToChinese(b.article)}条${b.paragraph ? `第${intToChinese(b.paragraph)}款` : ''}`;
}

function headline(r: CalculationResult): string {
  const x = r.result;
  const money = (v: unknown) => yuanText(toFen(v as number));
  if (r.kind === 'deadline') {
    const left = x.daysLeft as number;
    return `${TITLES.deadline}：${chineseDate(x.lastDay as string, true)}（${left >= 0 ? `还有${left}天` : `已过${-left}天`}）`;
  }
  if (x.amount === undefined) return `${TITLES[r.kind] ?? r.kind}：${money(x.minAmount)}至${money(x.maxAmount)}`;
  return `${TITLES[r.kind] ?? r.kind}：${money(x.amount)}`;
}

/** The whole result as one message. */
export function calculationText(r: CalculationResult, notes: string[] = []): string {
  const lines = [`【计算结果】`, headline(r), '', '【计算过程】', ...r.steps.map((s, i) => `${i + 1}. ${s}`)];
  lines.push('', '【法律依据】', r.basis.map(basisText).join('；'));
  const said = [...notes, ...r.assumptions];
  if (said.length) lines.push('', '【说明】', ...said.map((s) => `· ${s}`));
  // The API's field names (localAverageMonthlyWage) mean nothing to a citizen in a chat.
  if (r.missing.length) lines.push('', '【缺少的信息】', ...r.missing.map((s) => `· ${s.replace(/（[A-Za-z]+）/g, '')}`));
  return lines.join('\n');
}

/** The sum of several amounts (N + 代通知金), as a closing line. */
export function totalText(results: CalculationResult[]): string {
  const fen = results.reduce((sum, r) => sum + toFen((r.result.amount as number | undefined) ?? 0), 0);
  return `合计（${results.map((r) => TITLES[r.kind] ?? r.kind).join('＋')}）：${yuanText(fen)}。`;
}

export const CALCULATOR_DISCLAIMER = '以上是按法律规定所作的测算，仅供参考，实际以仲裁委、法院或主管部门的认定为准；标注“未经确认”的数字请拨打12348核实。';
