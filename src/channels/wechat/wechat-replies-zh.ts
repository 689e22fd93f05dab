/**
 * @module channels/wechat/wechat-replies-zh
 * Fixed Chinese wording used only by the WeChat channel.
 */
export const WECHAT_REPLIES = {
  textOnly: '抱歉，我暂时只能看懂文字消息。请用文字描述您遇到的问题，或回复数字选择服务；也可以拨打12348公共法律服务热线。',
  guidesMenu: '请回复数字选择要了解的办事指南：',
  failure: '抱歉，系统出了点问题，请稍后再试，或拨打12348公共法律服务热线。',
  /** Heading of bot choices rendered as numbered text. */
  choose: '请回复数字选择：',
  /** "（回复7查看法条原文）" */
  pointer: (n: number, label: string) => `回复${n}查看${label}`,
  moreOptions: '还可以回复：',
  continued: '后续内容',
} as const;

/** Labels of answer sections when they move into a numbered follow-up. */
export const SECTION_LABELS: Record<string, string> = {
  法律依据: '法律依据原文',
  您可以这样做: '办理步骤',
  在清远到哪里办: '办理地点',
  类似案例: '类似案例',
};
