/**
 * @module channels/wechat/service-menu
 * The account's custom-menu EventKeys, each mapped to the shared service-menu action (assistant/service-menu);
 * on WeChat the guides item opens a numbered sub-menu. Create the account menu with these keys (menu API, staff).
 */
import { GUIDE_CHOICES, SERVICE_MENU_ACTIONS, type MenuAction } from '../../assistant/service-menu.js';
import { SERVICE_MENU } from '../../assistant/replies-zh.js';
import type { NumberedOption, OptionAction } from './follow-up-store.js';
import { WECHAT_REPLIES } from './wechat-replies-zh.js';

/** EventKeys in SERVICE_MENU order. */
const KEYS = ['LAWLINE_CONSULT', 'LAWLINE_LEGAL_AID', 'LAWLINE_MEDIATION', 'LAWLINE_GUIDES', 'LAWLINE_OFFICES', 'LAWLINE_HUMAN'] as const;
const GUIDES_INDEX = KEYS.indexOf('LAWLINE_GUIDES');

const guideOptions: NumberedOption[] = GUIDE_CHOICES.map((g, i) => ({ number: i + 1, label: g.label, action: { type: 'send', text: g.say } }));

function toOption(action: MenuAction, index: number): OptionAction {
  if (index === GUIDES_INDEX) {
    return { type: 'menu', text: [WECHAT_REPLIES.guidesMenu, ...guideOptions.map((o) => `${o.number}. ${o.label}`)].join('\n'), options: guideOptions };
  }
  return 'show' in action ? { type: 'show', text: action.show } : { type: 'send', text: action.say };
}

/** CLICK EventKey → action, in SERVICE_MENU order (item n of the menu is entry n-1). */
export const MENU_EVENT_KEYS: Record<string, OptionAction> = Object.fromEntries(
  KEYS.map((key, i) => [key, toOption(SERVICE_MENU_ACTIONS[i]!, i)]),
);

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
