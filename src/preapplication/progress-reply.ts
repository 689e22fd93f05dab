/**
 * @module preapplication/progress-reply
 * The citizen's answer to "how is my pre-application doing?": status in Chinese, name and phone masked.
 */
import { maskName, maskPhone } from './mask-applicant.js';
import type { Preapplication } from './preapplication-schema.js';
import { STATUS_ZH } from './status.js';

function day(iso: string): string {
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(iso));
}

/** Asks for the number when none is known. */
export const ASK_FOR_REFERENCE = '请发送您的预申请编号（格式如 LA-20261126-4821），我帮您查询办理进度。';

/** Reply for a reference that matches no pre-application. */
export function notFoundReply(reference: string): string {
  return `没有查到编号为 ${reference} 的预申请，请核对编号后再发一次；也可以拨打12348公共法律服务热线咨询。`;
}

/**
 * The progress message for one pre-application.
 * @example progressReply(record) // "预申请编号：LA-…\n申请人：张**（138****1234）\n当前状态：工作人员正在审核…"
 */
export function progressReply(p: Preapplication): string {
  const lines = [
    `预申请编号：${p.reference}`,
    `申请人：${maskName(p.name)}（${maskPhone(p.phone)}）`,
    `提交时间：${day(p.createdAt)}`,
    `当前状态：${STATUS_ZH[p.status]}（更新于${day(p.updatedAt)}）`,
  ];
  if (p.status === 'submitted' || p.status === 'under_review') {
    lines.push('预申请只是帮您提前准备，不等于正式申请；正式申请以法律援助机构受理为准。如有疑问可拨打12348公共法律服务热线。');
  } else if (p.status === 'rejected') {
    lines.push('如对结果有疑问，可以拨打12348公共法律服务热线咨询，或直接到法律援助机构当面申请。');
  }
  return lines.join('\n');
}
