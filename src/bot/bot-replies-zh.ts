/**
 * @module bot/bot-replies-zh
 * Fixed Chinese wording of the dialog bot (the legal-aid conversation and its interruptions).
 */
export const BOT_REPLIES = {
  empty: '请用文字描述您的问题。',
  intro: '好的，我来帮您初步判断能不能申请法律援助（免费律师），只问还需要的几个问题。过程中回复“取消”可以退出，回复“转人工”可以找值班律师。',
  cancelled: '好的，已取消这次法律援助自查。如有其他法律问题，可以直接问我，也可以拨打12348公共法律服务热线。',
  handoff: '好的，正在为您转接值班律师，请稍候。请简单描述您的问题，方便律师提前了解；也可以拨打12348公共法律服务热线。',
  resumeOffer: '继续刚才的法律援助自查吗？回复1继续；直接问其他问题也可以。',
  eligibilityOffer: '想知道自己能不能申请法律援助（免费律师）？回复1或“我想申请”，我帮您一步步自查。',
  done: '好的。如果还有其他法律问题，随时可以问我，也可以拨打12348公共法律服务热线。',
  feedbackHelpful: '谢谢您的反馈！还有其他问题可以继续问我。',
  feedbackNotHelpful: '谢谢您的反馈，我们会请工作人员改进这个回答。您也可以回复“转人工”找值班律师，或拨打12348公共法律服务热线。',
} as const;

/** A vote on the answer just given: 有用 (true) or 没用 (false); anything else is a message of its own. */
export function feedbackVote(text: string): boolean | undefined {
  const t = cleanReply(text);
  if (/^(有用|很有用|有帮助|有用谢谢|👍)$/.test(t)) return true;
  if (/^(没用|没有用|冇用|无用|没帮助|没有帮助|不管用|👎)$/.test(t)) return false;
  return undefined;
}

/** Replies that stop the conversation at any step. */
export const CANCEL_PATTERN = /^(取消|不用了|不要了|算了|退出|结束|停止)$/;
export const HANDOFF_PATTERN = /转人工|人工客服|人工服务|找人工|真人/;
/** Replies that resume after an interruption, or accept the eligibility offer. */
export const RESUME_PATTERN = /^(1|继续|好|好的|是|是的|可以|嗯|继续自查)$/;
export const ACCEPT_OFFER_PATTERN = /^(1|我想申请|想申请|申请|我要申请|要申请|好|好的|可以|是|是的|开始|我想申请法律援助)$/;

/** Trims a reply and drops trailing punctuation, so "取消。" and "１" match the patterns above. */
export function cleanReply(text: string): string {
  return text.normalize('NFKC').trim().replace(/[。.！!～~]+$/, '');
}
