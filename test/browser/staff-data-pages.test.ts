/**
 * The workspace pages of the data staff keep, in a real browser against the real server: the hardship standard
 * (an admin sets it, the means test then passes; a supervisor only reads), the service directory (an office's
 * phone edited with the keyboard reaches the bot's answer at once), the case library (a refused article is marked
 * on its field; a new case counts in its year) and the audit (filtered to a failed login). Every field is
 * labelled, every control reachable with Tab, and no page logs a CSP violation. Test data is obviously fake.
 * Screenshots in test-results/screenshots/.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, hasChromium, launchBrowser, SHOTS, warnIfNoChromium } from '../support/browser.js';
import { startServer, type ServerHarness } from '../support/server-harness.js';

warnIfNoChromium('staff data pages');

const FAKE_PHONE = '0000-0000456';
const LOW_INCOME = { id: 'low', matter: 'labour_remuneration', household: { size: 1, monthlyIncome: 1500 } };

/** Inputs, selects and textareas of the page's content without a label a screen reader would read. */
const unlabelled = (page: Page) => page.evaluate(() => [...document.querySelectorAll('#page input, #page select, #page textarea')]
  .filter((el) => !(el as HTMLInputElement).labels?.length && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
  .map((el) => el.id || el.outerHTML));

/** Presses Tab until `selector` has focus (at most `max` times): proves it is reachable with the keyboard. */
async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`${selector} is not reachable with Tab`);
}

describe.skipIf(!hasChromium)('the staff data pages (needs /usr/bin/chromium)', () => {
  let h: ServerHarness;
  let context: BrowserContext;
  let admin: string;
  const problems: string[] = [];

  beforeAll(async () => {
    h = await startServer();
    admin = await h.login('boss', 'admin');
    await h.login('sup', 'supervisor');
    context = await launchBrowser({ width: 1280, height: 900 });
  });
  afterAll(async () => {
    await closeBrowser(context);
    await h?.close();
  });

  async function open(path: string, username: string): Promise<Page> {
    const page = await context.newPage();
    // Refused edits answer 400 on purpose (and the favicon is 404): network errors are not the page's problems;
    // script errors and CSP refusals are.
    page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`${path}: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`${path}: ${e.message}`));
    await page.goto(`${h.base}${path}`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(`${username}-password`);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.locator('#page').waitFor({ state: 'visible' });
    return page;
  }

  it('hardship standard: an admin sets it (a bad field is marked), the means test passes; a supervisor reads only', async () => {
    expect((await h.request('POST', '/api/v1/eligibility', LOW_INCOME)).body.meansTest).toBe('unknown');
    const page = await open('/admin/hardship.html', 'boss');
    await expect.poll(() => page.locator('#current-state').textContent()).toMatch(/尚未设置/);
    expect(await unlabelled(page)).toEqual([]);
    await tabTo(page, '#income');
    await page.keyboard.type('48000');
    await page.getByLabel('统计年度').fill('2099');
    await page.getByLabel('公布网址').fill('统计公报');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.getByRole('alert').filter({ hasText: 'source' }).count()).toBe(1);
    expect(await page.locator('#source').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('source');
    await page.getByLabel('公布网址').fill('https://example.invalid/test-only');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#current-income').textContent()).toMatch(/48,000 元\/年（2099年度）/);
    expect(await page.locator('#source').getAttribute('aria-invalid')).toBeNull();
    expect((await h.request('POST', '/api/v1/eligibility', LOW_INCOME)).body.meansTest).toBe('passed');
    await page.screenshot({ path: join(SHOTS, 'admin-hardship.png'), fullPage: true });

    const sup = await open('/admin/hardship.html', 'sup');
    await expect.poll(() => sup.locator('#current-income').textContent()).toMatch(/48,000/);
    expect(await sup.locator('#edit-panel').isVisible()).toBe(false);
    expect(await sup.locator('#read-only').isVisible()).toBe(true);
    await sup.close();
    await page.close();
  }, 60_000);

  it('service directory: the keyboard edits an office\'s phone; the bot\'s next where-to-go answer has it', async () => {
    const page = await open('/admin/directory.html', 'boss');
    const row = page.locator('tr[data-id="city-notary"]');
    await row.waitFor();
    expect(await unlabelled(page)).toEqual([]);
    await tabTo(page, 'button[aria-label="编辑 清远市公证处"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('office-name');
    expect(await page.getByLabel('编号（小写字母、数字和-）').inputValue()).toBe('city-notary');
    await page.getByLabel('电话（不知道请留空）').fill(FAKE_PHONE);
    await page.locator('#phone-source').fill('not a url');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.locator('#phone-source').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#office-error').textContent()).toMatch(/^phone\.source: /);
    await page.locator('#phone-source').fill('https://example.invalid/test-only');
    await page.locator('#phone-date').fill('2099-01');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => row.textContent()).toContain(`${FAKE_PHONE}（未核实）`);
    expect(await row.textContent()).toContain('boss');
    await page.screenshot({ path: join(SHOTS, 'admin-directory.png'), fullPage: true });
    const answer = (await h.request('POST', '/api/v1/ask', { text: '清远市公证处的联系电话是多少' })).body.answer;
    expect(answer).toContain(`${FAKE_PHONE}（2099-01公布，未经核实，请先拨打12348核实）`);
    await page.close();
  }, 60_000);

  it('case library: years against 30; a case citing a missing article is refused on that field, then added and counted', async () => {
    const page = await open('/admin/cases.html', 'boss');
    await page.locator('#years li').first().waitFor();
    const yearText = async (year: number) => (await page.locator('#years li').filter({ hasText: `${year}年` }).textContent()) ?? '';
    const before = (await page.locator('#years li').filter({ hasText: '2026年' }).count()) ? Number(/(\d+) \/ 30/.exec(await yearText(2026))![1]) : 0;
    expect(await page.locator('#years meter').count()).toBeGreaterThan(0);
    expect(await unlabelled(page)).toEqual([]);
    await tabTo(page, '#new-case');
    await page.keyboard.press('Enter');
    await page.getByLabel('年度', { exact: true }).fill('2026');
    await page.getByLabel('领域').selectOption('侵权');
    await page.getByLabel('标题').fill('测试案例：宠物狗咬伤（虚构）');
    await page.getByLabel(/^关键词/).fill('宠物狗、咬伤、狂犬疫苗、饲养人、动物致害');
    await page.getByLabel('基本案情').fill('测试用虚构案情：邻居的宠物狗咬伤了儿童。');
    await page.getByLabel(/^引用法条/).fill('民法典 99999');
    await page.getByLabel('来源').fill('测试数据');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.locator('#case-error').textContent()).toMatch(/^citedArticles\.0\.article: 民法典 has no article 99999/);
    expect(await page.locator('#case-articles').getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('case-articles');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('民法典第1245条');
    await page.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => page.locator('#list-status').textContent()).toMatch(/已保存：测试案例：宠物狗咬伤（虚构）（2026-staff-01）/);
    expect(await yearText(2026)).toContain(`${before + 1} / 30`);
    expect(await page.locator('tr[data-id="2026-staff-01"]').textContent()).toContain('民法典第1245条');
    await page.screenshot({ path: join(SHOTS, 'admin-cases.png'), fullPage: true });
    await page.close();
  }, 60_000);

  it('audit: an admin filters to failed logins; supervisors may not open it', async () => {
    expect((await h.request('POST', '/api/v1/auth/login', { username: 'sup', password: 'not-the-password' })).status).toBe(401);
    const page = await open('/admin/audit.html', 'boss');
    await page.locator('#entries tr').first().waitFor();
    expect(await unlabelled(page)).toEqual([]);
    await page.getByLabel('操作人').fill('sup');
    await page.getByLabel('操作', { exact: true }).selectOption('login.failure');
    await tabTo(page, '#audit-filter button[type="submit"]');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#entries tr').count()).toBe(1);
    const entry = await page.locator('#entries tr').textContent();
    expect(entry).toContain('登录失败（密码错误）');
    expect(entry).not.toContain('not-the-password');
    await page.getByLabel('操作', { exact: true }).selectOption('staff_data');
    await page.getByLabel('操作人').fill('');
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => page.locator('#entries').textContent()).toContain('office:city-notary');
    await page.screenshot({ path: join(SHOTS, 'admin-audit.png'), fullPage: true });
    await page.close();

    const sup = await open('/admin/audit.html', 'sup');
    await expect.poll(() => sup.locator('#page').textContent()).toContain('您的账号无权查看此页面');
    expect((await h.request('GET', '/api/v1/audit', undefined, admin)).status).toBe(200);
    await sup.close();
    expect(problems).toEqual([]);
  }, 60_000);
});
