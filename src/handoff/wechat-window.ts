/**
 * @module handoff/wechat-window
 * WeChat's customer-service message rule: after a citizen's message the account may send at most 5 messages
 * within 48 hours; the next citizen message opens a new window. A lawyer's reply outside the window would be
 * refused by WeChat (error 45015), so the console is told before sending.
 */

/** Channel ids served through the WeChat customer-service API. */
export const WECHAT_CHANNELS: readonly string[] = ['wechat'];
export const WECHAT_WINDOW_MS = 48 * 3600_000;
export const WECHAT_WINDOW_MESSAGES = 5;

export interface WindowState {
  open: boolean;
  /** Messages the lawyer may still send; null when the channel has no limit. */
  remaining: number | null;
  /** When the window closes (epoch ms); null when unlimited or already closed. */
  closesAt: number | null;
  reason?: 'quota' | 'expired' | 'no_citizen_message';
}

/**
 * The window for a ticket on `channelId`, given the citizen's last message time and the lawyer messages since.
 * @example wechatWindow('wechat', lastCitizenAt, 5, now) // { open: false, remaining: 0, reason: 'quota' }
 */
export function wechatWindow(channelId: string, lastCitizenAt: number | null, sentSinceCitizen: number, now: number): WindowState {
  if (!WECHAT_CHANNELS.includes(channelId)) return { open: true, remaining: null, closesAt: null };
  if (lastCitizenAt === null) return { open: false, remaining: 0, closesAt: null, reason: 'no_citizen_message' };
  const closesAt = lastCitizenAt + WECHAT_WINDOW_MS;
  if (now >= closesAt) return { open: false, remaining: 0, closesAt: null, reason: 'expired' };
  const remaining = Math.max(0, WECHAT_WINDOW_MESSAGES - sentSinceCitizen);
  if (remaining === 0) return { open: false, remaining: 0, closesAt: null, reason: 'quota' };
  return { open: true, remaining, closesAt };
}
