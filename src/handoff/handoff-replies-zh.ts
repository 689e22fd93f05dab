/**
 * @module handoff/handoff-replies-zh
 * Chinese wording the citizen sees during a hand-off. The only phone number is the national 12348 line; office
 * hours come from the region file and are marked unconfirmed when they are.
 */
import type { Region } from '../config/region.js';

const HOTLINE = '12348公共法律服务热线';
const DAY_ZH = ['一', '二', '三', '四', '五', '六', '日'];

/** Minutes rounded up, never "0 分钟". */
function minutes(ms: number): number {
  return Math.max(1, Math.ceil(ms / 60_000));
}

/** Office hours for a human, from config; unknown or unconfirmed → ask to confirm through 12348. */
export function officeHoursText(region: Region): string {
  const hours = region.officeHours;
  if (!hours.value) return `人工服务时间目前没有公开的准确信息，请拨打${HOTLINE}核实。`;
  const ranges = hours.value.map((r) => `周${r.days.map((d) => DAY_ZH[d - 1]).join('、')} ${r.open}–${r.close}`).join('；');
  return hours.confirmed ? `人工服务时间：${ranges}。` : `人工服务时间：${ranges}（该时间未经核实，请拨打${HOTLINE}确认）。`;
}

export const HANDOFF_TEXT = {
  queued: (position: number, waitMs: number | null) =>
    `已为您排队转接值班律师，您目前排在第${position}位，${waitMs === null ? '预计等待时间：暂无法估计' : `预计等待约${minutes(waitMs)}分钟（根据最近的接入情况估算）`}。\n`
    + '等待期间可以继续留言，律师接入后都能看到；回复“回电”可以留下电话由律师回电；回复“取消”退出排队。',
  emergencyQueued: '已为您优先排队转接值班律师。',
  alreadyQueued: '您已在排队中。',
  noLawyer: (region: Region) =>
    '现在没有值班律师在线，暂时无法转接。\n'
    + `您可以：① 回复“回电”留下电话，由律师在值班时间回电；② 拨打${HOTLINE}咨询。\n${officeHoursText(region)}\n`
    + '您的请求已保留，如有律师上线会按顺序接入；回复“取消”可退出。',
  kept: (position: number, waitMs: number | null) =>
    `已记下您的留言，律师接入后可以看到。您目前排在第${position}位，${waitMs === null ? '预计等待时间：暂无法估计' : `预计还需约${minutes(waitMs)}分钟`}。`,
  cancelled: `已取消转接。如有其他法律问题可以直接问我，也可以拨打${HOTLINE}。`,
  askPhone: '请回复您的手机号码（11位）或带区号的固定电话，律师会回电给您。回复“取消”可放弃留电话。',
  badPhone: '号码格式好像不对，请回复11位手机号码，或带区号的固定电话（如0763-1234567）。',
  askTime: '您方便接听电话的时间？例如“明天上午”“工作日下午”；回复“随时”也可以。',
  callbackSaved: '已登记回电请求，律师会在值班时间按您方便的时间回电。号码只用于这次回电。',
  phoneCancelled: '好的，不留电话了，您仍在排队中。',
  accepted: (name: string, firm: string) => `值班律师${name}（${firm}）已接入，请直接向律师说明您的情况。`,
  closed: '值班律师已结束本次咨询。',
  returned: '值班律师已结束本次咨询，接下来由智能助手继续为您服务，您可以继续提问。',
  askRating: '请为本次服务打分：回复1到5的数字（5为非常满意），也可以在分数后面写上意见。',
  thanksRating: '感谢您的评价！如还有其他法律问题，可以直接问我。',
  expired: `抱歉，等待时间较长，暂时没有律师接入，本次排队已结束。您可以稍后再回复“转人工”，或拨打${HOTLINE}。`,
  lowConfidenceOffer: '我可能没能准确回答您的问题。回复“转人工”可以由值班律师为您解答。',
} as const;

/** Commands while waiting. */
export const CANCEL_WORDS = /^(取消|不用了|不要了|算了|退出|取消转人工|不转了)$/;
export const CALLBACK_WORDS = /回电|回拨|打电话给我|给我打电话|电话联系|留电话|留个电话/;
export const ANY_TIME_WORDS = /^(随时|都可以|都行|任何时间)$/;
/** A rating: a digit 1–5 (optionally 分/星), then an optional comment. */
export const RATING_PATTERN = /^\s*([1-5])\s*(?:分|星)?[\s,，。.:：;；!！]*([\s\S]*)$/;
