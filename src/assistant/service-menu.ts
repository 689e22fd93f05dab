/**
 * @module assistant/service-menu
 * What each number of the greeting's service menu (SERVICE_MENU in replies-zh) does, for every channel: either a
 * prompt shown to the citizen, or a message handled as if the citizen had typed it. WeChat's custom-menu buttons
 * and the bot's numbered replies both read this one list.
 */
export type MenuAction = { show: string } | { say: string };

/** The service guides offered under menu item 4, with what asking about each one sounds like. */
export const GUIDE_CHOICES: ReadonlyArray<{ label: string; say: string }> = [
  { label: '公证', say: '怎么办理公证' },
  { label: '司法鉴定', say: '怎么申请司法鉴定' },
  { label: '劳动人事争议仲裁', say: '怎么申请劳动仲裁' },
  { label: '商事仲裁', say: '怎么申请商事仲裁' },
];

export const CONSULT_PROMPT = '好的，请直接用文字描述您遇到的法律问题，例如“老板拖欠工资三个月怎么办”“离婚后孩子归谁抚养”。说得越具体，解答越准确。';

/** Actions in SERVICE_MENU order: number n picks entry n-1. */
export const SERVICE_MENU_ACTIONS: MenuAction[] = [
  { show: CONSULT_PROMPT },
  { say: '我想申请法律援助' },
  { say: '我想申请人民调解' },
  { show: `请直接告诉我要了解哪一项，例如：${GUIDE_CHOICES.map((g) => `“${g.say}”`).join('')}。` },
  { say: '清远的公共法律服务机构在哪里，怎么联系' },
  { say: '转人工' },
];

/** The action for a reply to the menu, or null when the reply is not one of its numbers. */
export function menuAction(reply: string): MenuAction | null {
  const n = /^([1-9])$/.exec(reply)?.[1];
  return n ? SERVICE_MENU_ACTIONS[Number(n) - 1] ?? null : null;
}
