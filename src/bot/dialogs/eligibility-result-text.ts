/**
 * @module bot/dialogs/eligibility-result-text
 * The end of the eligibility check as plain text for any channel: decision and reasons, materials, where to
 * apply (from the check's whereToApply, unconfirmed details marked 待核实), and the two offers.
 */
import type { ContactField } from '../../config/region.js';
import type { EligibilityResult, OfficeContact, WhereToApply } from '../../eligibility/schema.js';

/** The offers after the result; the reply is the number. */
export const RESULT_OFFERS = [
  '提交预申请（留下姓名和电话，由工作人员审核后联系您）',
  '转接值班律师',
  '暂时不需要',
] as const;

function field(label: string, f: ContactField | undefined): string | null {
  if (!f?.value) return null;
  return `${label}：${f.value}${f.confirmed ? '' : '（待核实）'}`;
}

function office(o: OfficeContact): string {
  const name = `${o.name}${o.nameConfirmed ? '' : '（名称待核实）'}`;
  const details = [field('地址', o.address), field('电话', o.phone), field('时间', o.hours)].filter(Boolean);
  return details.length ? `· ${name}\n  ${details.join('\n  ')}` : `· ${name}`;
}

/** Decision and the reasons behind it (first message). */
export function decisionText(result: EligibilityResult): string {
  const [headline, ...reasons] = result.reasons;
  const lines = [`【法律援助自查结果】${headline ?? ''}`];
  if (reasons.length) lines.push('【理由】', ...reasons.map((r, i) => `${i + 1}. ${r}`));
  return lines.join('\n');
}

/** Where to apply, most local office first. */
export function whereText(where: WhereToApply): string {
  const lines = ['【到哪里申请】'];
  if (where.county) lines.push(`您在${where.county}，可以先联系当地的法律援助机构：`);
  lines.push(...where.offices.map(office));
  const hotline = where.hotline.number.value;
  if (hotline) lines.push(`· ${where.hotline.name}：${hotline}${where.hotline.number.confirmed ? '' : '（待核实）'}`);
  const online = where.online.filter((o) => o.url.value).map((o) => `${o.name}（${o.url.value}）`);
  if (online.length) lines.push(`· 网上申请：${online.join('、')}`);
  lines.push(where.rule);
  if (where.confirmAdvice) lines.push(where.confirmAdvice);
  return lines.join('\n');
}

/** Materials and where to apply (second message). */
export function materialsText(result: EligibilityResult): string {
  const parts: string[] = [];
  if (result.materials.length) parts.push(['【需要准备的材料】', ...result.materials.map((m) => `· ${m}`)].join('\n'));
  parts.push(whereText(result.whereToApply));
  return parts.join('\n\n');
}

/** The closing question. */
export function offersText(): string {
  return ['接下来您可以：', ...RESULT_OFFERS.map((o, i) => `${i + 1}. ${o}`), '请回复数字。'].join('\n');
}
