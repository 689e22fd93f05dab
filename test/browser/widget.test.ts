/**
 * The website widget in a real browser (playwright-core driving Debian's chromium) against the real server:
 * open the bubble, ask, see the answer with its citations, tap a numbered choice, large font, Esc, reload
 * (the conversation is replayed), and the polling fallback when the browser has no WebSocket.
 * Screenshots go to test-results/screenshots/ (git-ignored).
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, hasChromium, launchBrowser, SHOTS, warnIfNoChromium } from '../support/browser.js';
import { startServer, type RunningServer } from '../channels/directline/directline-server.js';
import { MAX_MESSAGE_CHARS } from '../../src/config/limits.js';

const WAGES = '公司拖欠我三个月工资怎么办';
const LABOUR_LAW = /《(劳动合同法|劳动法|劳动争议调解仲裁法)》/;

warnIfNoChromium('widget');

describe.skipIf(!hasChromium)('widget in a real browser (needs /usr/bin/chromium)', () => {
  let srv: RunningServer;
  let context: BrowserContext;

  beforeAll(async () => {
    srv = await startServer();
    context = await launchBrowser({ width: 390, height: 844 });
  });

  afterAll(async () => {
    await closeBrowser(context);
    await srv?.close();
  });

  const fab = (page: Page) => page.locator('.llw-fab');
  const dialog = (page: Page) => page.getByRole('dialog', { name: '清远公共法律服务 · 智能咨询' });

  it('taps a menu choice, answers a wage question with citations, toggles large font, closes with Esc, and replays after reload', async () => {
    const page = await context.newPage();
    await page.goto(`${srv.base}/`);
    expect(await page.locator('h1').innerText()).toBe('清远公共法律服务 · 智能咨询');
    await expect.poll(() => fab(page).getAttribute('aria-expanded')).toBe('false');

    await page.getByRole('button', { name: '打开法律咨询对话' }).click();
    await dialog(page).waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('输入您的问题');
    // The greeting's service menu ("回复数字选择服务") becomes buttons; tapping one sends its number.
    const menu = page.locator('.llw-bot button', { hasText: '1. 法律问题咨询' });
    await menu.click();
    await page.locator('.llw-user:not(.llw-pending)', { hasText: /^我：1$/ }).waitFor();
    await expect.poll(() => page.locator('.llw-bot').count()).toBeGreaterThan(1);
    // An old menu cannot answer a newer question.
    expect(await menu.isDisabled()).toBe(true);
    // The length limit is the server's, read from /api/v1/meta (no copy in the script).
    await expect.poll(() => page.locator('.llw-form textarea').evaluate((t) => (t as HTMLTextAreaElement).maxLength)).toBe(MAX_MESSAGE_CHARS);
    await page.locator('.llw-form textarea').focus();

    await page.keyboard.type(WAGES);
    await page.keyboard.press('Enter');
    const answer = page.locator('.llw-bot', { hasText: '【法律依据】' });
    await answer.waitFor();
    expect(await answer.innerText()).toMatch(LABOUR_LAW);
    const cites = answer.locator('.llw-cites summary');
    expect(await cites.count()).toBeGreaterThan(0);
    expect((await cites.allInnerTexts()).join(' ')).toMatch(/《劳动法》第50条|《劳动合同法》第\d+条|《劳动争议调解仲裁法》第\d+条/);
    // Steps inside an answer ("1. 先协商") stay text; only choices next to "回复…" are buttons.
    expect(await answer.locator(':scope > button').count()).toBe(0);
    await page.locator('.llw-user:not(.llw-pending)', { hasText: WAGES }).waitFor();
    expect(await page.inputValue('.llw-form textarea')).toBe('');
    await cites.first().click();
    await page.screenshot({ path: join(SHOTS, 'widget-answer-mobile.png'), fullPage: false });

    const fontSize = () => answer.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    const normal = await fontSize();
    const big = page.getByRole('button', { name: '大字模式' });
    await big.click();
    expect(await big.getAttribute('aria-pressed')).toBe('true');
    expect(await fontSize()).toBeGreaterThan(normal + 3);
    await page.screenshot({ path: join(SHOTS, 'widget-large-font-mobile.png') });

    await page.keyboard.press('Escape');
    await expect.poll(() => dialog(page).isHidden()).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('llw-fab'))).toBe(true);

    // A reload in the same tab resumes the conversation and replays it; the large-font choice is remembered.
    await page.reload();
    await page.getByRole('button', { name: /打开法律咨询对话/ }).click();
    await page.locator('.llw-user', { hasText: WAGES }).waitFor();
    await page.locator('.llw-bot', { hasText: '【法律依据】' }).waitFor();
    expect(await page.getByRole('button', { name: '大字模式' }).getAttribute('aria-pressed')).toBe('true');

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: join(SHOTS, 'widget-desktop.png') });
    await page.close();
  });

  it('falls back to polling when the browser has no WebSocket', async () => {
    const page = await context.newPage();
    await page.addInitScript(() => {
      delete (window as { WebSocket?: unknown }).WebSocket;
    });
    await page.goto(`${srv.base}/`);
    await page.getByRole('button', { name: /打开法律咨询对话/ }).click();
    await page.locator('.llw-bot', { hasText: '您好' }).first().waitFor();
    await page.fill('.llw-form textarea', WAGES);
    await page.getByRole('button', { name: '发送' }).click();
    const answer = page.locator('.llw-bot', { hasText: '【法律依据】' });
    await answer.waitFor();
    expect(await answer.innerText()).toMatch(LABOUR_LAW);
    await page.close();
  });
});
