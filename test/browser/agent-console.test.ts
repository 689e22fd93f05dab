/**
 * The 12348 agent console in a real browser (playwright-core driving Debian's chromium) against the real
 * server: log in, type a caller's words, see badges, citations and the answer, run the eligibility quick form,
 * copy the SMS (clipboard API and the textarea fallback), emergency banner, tablet layout, logout.
 * Screenshots go to test-results/screenshots/ (git-ignored).
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, hasChromium, launchBrowser, SHOTS, warnIfNoChromium } from '../support/browser.js';
import { startAssistServer, type AssistServer } from '../agent-assist/assist-harness.js';
import { DECISION_LABELS } from '../../src/eligibility/messages-zh.js';

const WAGES = '公司拖欠我三个月工资怎么办';

warnIfNoChromium('agent console');

describe.skipIf(!hasChromium)('agent console in a real browser (needs /usr/bin/chromium)', () => {
  let srv: AssistServer;
  let context: BrowserContext;

  beforeAll(async () => {
    srv = await startAssistServer();
    await srv.state.accounts.addUser({ username: 'agent7', password: 'agent7-password', role: 'agent' });
    await srv.state.accounts.addUser({ username: 'lawyer7', password: 'lawyer7-password', role: 'lawyer' });
    context = await launchBrowser({ width: 1280, height: 900 });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: srv.base });
  });

  afterAll(async () => {
    await closeBrowser(context);
    await srv?.close();
  });

  async function login(page: Page, username: string): Promise<void> {
    await page.goto(`${srv.base}/agent`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(`${username}-password`);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByLabel('来电人说的话').waitFor();
  }

  it('logs in, suggests an answer as the agent types, checks eligibility, copies the SMS and logs out', async () => {
    const page = await context.newPage();
    await page.goto(`${srv.base}/agent`);
    // Wrong password first: a clear message, still on the login form.
    await page.getByLabel('用户名').fill('agent7');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').filter({ hasText: '用户名或密码错误' }).waitFor();

    await login(page, 'agent7');
    const stored = await page.evaluate(() => ({ session: Object.keys(sessionStorage), local: Object.keys(localStorage) }));
    expect(stored.session).toContain('lawline.agent.token');
    expect(stored.local).toEqual([]);

    // Typing (no Enter): the debounced call fills in the suggestion.
    await page.getByLabel('来电人说的话').pressSequentially(WAGES);
    await page.locator('#topic-badge', { hasText: '劳动纠纷' }).waitFor();
    expect(await page.locator('#intent-badge').innerText()).toBe('法律咨询');
    expect(await page.locator('#answer').innerText()).toContain('【法律依据】');
    const cited = page.locator('#citations details');
    expect(await cited.count()).toBeGreaterThan(0);
    expect(await cited.first().locator('summary').innerText()).toMatch(/^《.+》第\d+条$/);
    expect(await cited.first().locator('p').innerText()).not.toBe('');
    expect(await page.locator('#guides li').allInnerTexts()).toContain('劳动人事争议仲裁办事指南');
    expect(await page.locator('#emergency').isHidden()).toBe(true);
    // Citations collapse and expand from the keyboard.
    await cited.first().locator('summary').focus();
    await page.keyboard.press('Enter');
    expect(await cited.first().getAttribute('open')).toBeNull();

    // Eligibility quick form: prefilled matter, the agent adds the household facts.
    expect(await page.getByLabel('事项').inputValue()).toBe('labour_remuneration');
    expect(await page.locator('#elig-county option').count()).toBe(9); // 不清楚 + the 8 county-level units
    await page.getByLabel('家庭人口（人）').fill('3');
    await page.getByLabel('家庭月收入（元）').fill('1500');
    await page.getByLabel('所在县（市、区）').selectOption('清城区');
    await page.getByLabel('农民工（讨薪或工伤）').check();
    await page.getByRole('button', { name: '核查' }).click();
    const decision = page.locator('#elig-decision');
    await decision.waitFor();
    expect(Object.values(DECISION_LABELS)).toContain(await decision.innerText());
    expect(await page.locator('#elig-result').innerText()).toContain('理由');
    await page.screenshot({ path: join(SHOTS, 'agent-console-1280.png'), fullPage: true });

    // One click copies the SMS.
    const sms = await page.locator('#sms-text').innerText();
    expect(sms).toContain('详询12348');
    await page.getByRole('button', { name: '复制短信' }).click();
    await page.locator('#copy-status', { hasText: '已复制' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(sms);

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('button', { name: '登录' }).waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('lawline.agent.token'))).toBeNull();
    await page.close();
  });

  it('shows the red emergency banner on Enter, copies through the fallback, and fits a tablet', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 768, height: 1024 });
    // A browser without the async clipboard API: the textarea fallback must still copy.
    await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
    await login(page, 'agent7');
    await page.getByLabel('来电人说的话').fill('我老公天天打我，现在他拿着刀要砍我');
    await page.getByLabel('来电人说的话').press('Enter');
    const banner = page.locator('#emergency');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('110');
    expect(await banner.evaluate((e) => getComputedStyle(e).borderColor)).toBe('rgb(180, 35, 24)');
    // Enter analyses instead of adding a line.
    expect(await page.getByLabel('来电人说的话').inputValue()).not.toContain('\n');
    // One column, nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(768);
    await page.getByRole('button', { name: '复制短信' }).click();
    await page.locator('#copy-status', { hasText: '已复制' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'agent-console-tablet-emergency.png'), fullPage: true });
    await page.close();
  });

  it('marks an answer as unsure by the threshold the server serves (GET /api/v1/meta), not a copy of its own', async () => {
    /** Analyses the wage question with the served threshold set to `lowConfidence`; the badges shown. */
    const badges = async (lowConfidence: number): Promise<string> => {
      const page = await context.newPage();
      await page.route('**/api/v1/meta', async (route) => {
        const response = await route.fetch();
        await route.fulfill({ response, json: { ...(await response.json()), lowConfidence } });
      });
      await login(page, 'agent7');
      await page.getByLabel('来电人说的话').fill(WAGES);
      await page.getByLabel('来电人说的话').press('Enter');
      await page.locator('#topic-badge', { hasText: '劳动纠纷' }).waitFor();
      const text = await page.locator('#badges').innerText();
      await page.close();
      return text;
    };
    expect(await badges(-1)).not.toContain('把握不大'); // below any confidence
    expect(await badges(1.01)).toContain('把握不大，建议转值班律师'); // above any
  });

  it('tells a lawyer account that the console is not for its role', async () => {
    const page = await context.newPage();
    await login(page, 'lawyer7');
    await page.locator('#status', { hasText: '无权使用坐席辅助' }).waitFor();
    await page.close();
  });
});
