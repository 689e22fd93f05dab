import { describe, expect, it } from 'vitest';
import { wechatWindow, WECHAT_WINDOW_MS } from '../../src/handoff/wechat-window.js';

describe('WeChat customer-service window', () => {
  const t0 = 1_700_000_000_000;
  it('allows five messages after a citizen message, then closes', () => {
    expect(wechatWindow('wechat', t0, 0, t0 + 1000)).toMatchObject({ open: true, remaining: 5, closesAt: t0 + WECHAT_WINDOW_MS });
    expect(wechatWindow('wechat', t0, 4, t0 + 1000)).toMatchObject({ open: true, remaining: 1 });
    expect(wechatWindow('wechat', t0, 5, t0 + 1000)).toMatchObject({ open: false, remaining: 0, reason: 'quota' });
  });
  it('closes 48 hours after the citizen last wrote', () => {
    expect(wechatWindow('wechat', t0, 0, t0 + WECHAT_WINDOW_MS - 1).open).toBe(true);
    expect(wechatWindow('wechat', t0, 0, t0 + WECHAT_WINDOW_MS)).toMatchObject({ open: false, reason: 'expired' });
  });
  it('does not limit other channels', () => {
    expect(wechatWindow('directline', t0, 50, t0 + 10 * WECHAT_WINDOW_MS)).toEqual({ open: true, remaining: null, closesAt: null });
  });
});
