/**
 * @module channels/wechat/service-menu
 * The numbered service menu (SERVICE_MENU in assistant/replies-zh) and the custom-menu EventKeys of the account,
 * each mapped to what the bot should hear. Create the account menu with these keys (menu API, done by staff).
 */
import { SERVICE_MENU } from '../../assistant/replies-zh.js';
import type { NumberedOption, OptionAction } from './follow-up-store.js';
import { WECHAT_REPLIES } from './wechat-replies-zh.js';

const GUIDES: Array<[string, string]> = [
  ['公证', '怎么办理公证'],
  ['司法鉴定', '怎么申请司法鉴定'],
  ['劳动人事争议仲裁', '怎么申请劳动仲裁'],
  ['商事仲裁', '怎么申请商事仲裁'],
];

const guideOptions: NumberedOption[] = GUIDES.map(([label, text], i) => ({ number: i + 1, label, action: { type: 'send', text } }));

/** CLICK EventKey → action, in SERVICE_MENU order (item n of the menu is entry n-1). */
export const MENU_EVENT_KEYS: Record<string, OptionAction> = {
  LAWLINE_CONSULT: { type: 'show', text: WECHAT_REPLIES.consultPrompt },
  LAWLINE_LEGAL_AID: { type: 'send', text: '我想申请法律援助' },
  LAWLINE_MEDIATION: { type: 'send', text: '我想申请人民调解' },
  LAWLINE_GUIDES: {
    type: 'menu',
    text: [WECHAT_REPLIES.guidesMenu, ...guideOptions.map((o) => `${o.number}. ${o.label}`)].join('\n'),
    options: guideOptions,
  },
  LAWLINE_OFFICES: { type: 'send', text: '清远的公共法律服务机构在哪里，怎么联系' },
  LAWLINE_HUMAN: { type: 'send', text: '转人工' },
};

/** True when a reply shows the numbered service menu, so replying 1–6 should pick a service. */
export function showsServiceMenu(text: string): boolean {
  return text.includes(SERVICE_MENU[0]!);
}

/** Options 1–6 of the service menu. */
export function serviceMenuOptions(): NumberedOption[] {
  return Object.values(MENU_EVENT_KEYS).map((action, i) => ({
    number: i + 1,
    label: SERVICE_MENU[i]!.replace(/^\d+\.\s*/, ''),
    action,
  }));
}
