/**
 * The service-quality dashboard (/admin) in a real browser against the real server: an admin logs in, every
 * section's chart is drawn on its canvas (Chart.js served by lawline itself), changing the county and the period
 * reloads the figures, every control is reached with Tab and has a name, and a recent comment opens its
 * conversation's transcript (audited). A supervisor sees the same charts and no transcript button.
 * Screenshot in test-results/screenshots/.
 */
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, hasChromium, launchBrowser, SHOTS, warnIfNoChromium } from '../support/browser.js';
import { directLineCitizen, startServer, type ServerHarness } from '../support/server-harness.js';

warnIfNoChromium('dashboard');

const CHARTS = ['chart-by-day', 'chart-by-channel', 'chart-by-county', 'chart-by-topic', 'chart-by-intent', 'chart-answered', 'chart-handoff',
  'chart-votes', 'chart-decision', 'chart-status', 'chart-matter', 'chart-cases', 'chart-emergencies'];

/** True when Chart.js owns the canvas and has painted something on it (some pixel not transparent). */
const drawn = (page: Page, id: string) => page.evaluate((canvasId) => {
  const canvas = document.getElementById(canvasId) as HTMLCanvasElement | null;
  if (!canvas || !(window as any).Chart?.getChart(canvas)) return false;
  const ctx = canvas.getContext('2d');
  if (!ctx || !canvas.width || !canvas.height) return false;
  const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) return true;
  return false;
}, id);

async function logIn(page: Page, base: string, username: string) {
  await page.goto(`${base}/admin/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(`${username}-password`);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await expect.poll(() => page.locator('#status').textContent(), { timeout: 15_000 }).toMatch(/^已更新/);
}

describe.skipIf(!hasChromium)('the dashboard at /admin (needs /usr/bin/chromium)', () => {
  let h: ServerHarness;
  let context: BrowserContext;
  let conversationId: string;

  beforeAll(async () => {
    h = await startServer();
    await h.login('boss', 'admin');
    await h.login('sup', 'supervisor');
    const citizen = await directLineCitizen(h);
    conversationId = citizen.conversationId;
    await citizen.say('我在英德的工厂上班，老板拖欠了三个月工资怎么办');
    await h.request('POST', '/api/v1/feedback', { conversationId, question: '老板拖欠工资怎么办', helpful: false, comment: '没说去哪里申请' });
    await h.request('POST', '/api/v1/ask', { text: '邻居家的狗把我咬伤了，谁来赔' });
    await h.request('POST', '/api/v1/eligibility', { id: 'e', matter: 'labour_remuneration', applicant: { groups: ['migrant_worker'] }, county: '英德市' });
    context = await launchBrowser({ width: 1280, height: 900 });
  });

  afterAll(async () => {
    await closeBrowser(context);
    await h?.close();
  });

  it('draws every chart, reloads for a county and a period, and opens a transcript for an admin (audited)', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const overviewCalls: string[] = [];
    page.on('request', (r) => { if (new URL(r.url()).pathname === '/api/v1/stats/overview') overviewCalls.push(new URL(r.url()).search); });
    await logIn(page, h.base, 'boss');

    for (const id of CHARTS) await expect.poll(() => drawn(page, id), { message: id }).toBe(true);
    // Each chart is an image with a label saying what it shows, and its numbers are in a table.
    const label = await page.locator('#chart-by-channel').getAttribute('aria-label');
    expect(label).toMatch(/^咨询会话按渠道：最多的是.*网站 1/);
    expect(label).toContain('开放接口 1'); // POST /api/v1/ask, counted under its own channel
    await page.locator('#view-consultations details').nth(1).locator('summary').click();
    await expect.poll(() => page.locator('#view-consultations details').nth(1).locator('table td').allTextContents()).toContain('1');
    expect(await page.locator('#view-answered').textContent()).toContain('机器人直接解答');

    // A county: reloaded at once with it; a period: reloaded on 查询.
    await page.getByLabel('县（市、区）', { exact: true }).selectOption({ label: '英德市' });
    await expect.poll(() => overviewCalls.at(-1)).toContain('county=yingde');
    await expect.poll(() => page.locator('#status').textContent()).toContain('英德市');
    await page.getByLabel('开始日期').fill('2026-01-01');
    await page.getByLabel('结束日期').fill('2026-01-31');
    await page.getByRole('button', { name: '查询' }).click();
    await expect.poll(() => overviewCalls.at(-1)).toMatch(/from=2026-01-01&to=2026-01-31&county=yingde/);
    await expect.poll(() => page.locator('#chart-by-channel').getAttribute('aria-label')).toBe('咨询会话按渠道：本期无数据。');
    expect(await drawn(page, 'chart-by-day')).toBe(true);

    // Back to today, all of the city: the comment is listed and opens the conversation.
    await page.getByLabel('县（市、区）', { exact: true }).selectOption({ label: '全市' });
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    await page.getByLabel('开始日期').fill(today);
    await page.getByLabel('结束日期').fill(today);
    await page.getByRole('button', { name: '查询' }).click();
    await page.screenshot({ path: join(SHOTS, 'dashboard-admin.png'), fullPage: true });
    const open = page.getByRole('button', { name: /^查看对话记录：没说去哪里申请/ });
    await open.click();
    const dialog = page.getByRole('dialog', { name: '对话记录' });
    await expect.poll(() => dialog.textContent()).toContain('老板拖欠了三个月工资');
    await page.getByRole('button', { name: '关闭' }).click();
    const audit = await h.state.sql.all<{ subject: string; actor: string }>('SELECT subject, actor FROM staff_data_audit WHERE subject LIKE ?', ['transcript:%']);
    expect(audit).toEqual([{ subject: `transcript:${conversationId}`, actor: 'boss' }]);
    expect(errors).toEqual([]);
  });

  it('reaches every control with Tab, each with a name; a supervisor gets no transcript button', async () => {
    const page = await context.newPage();
    await logIn(page, h.base, 'sup');
    for (const id of CHARTS) await expect.poll(() => drawn(page, id), { message: id }).toBe(true);
    expect(await page.getByRole('button', { name: /查看对话记录/ }).count()).toBe(0);
    expect(await page.locator('#view-satisfaction').textContent()).toContain('查看对话记录需管理员权限');

    // Every visible control, with its accessible name (label, aria-label or text).
    const controls = await page.evaluate(() => {
      const all = [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, summary')].filter((e) => e.offsetParent !== null);
      all.forEach((e, i) => e.setAttribute('data-tab-probe', String(i)));
      const nameOf = (e: HTMLElement) => (e.getAttribute('aria-label') || ((e as HTMLInputElement).labels?.[0]?.textContent ?? '') || e.textContent || '').trim();
      return all.map((e) => ({ probe: e.getAttribute('data-tab-probe')!, name: nameOf(e) }));
    });
    expect(controls.length).toBeGreaterThan(20);
    expect(controls.filter((c) => !c.name)).toEqual([]);
    const reached = new Set<string>();
    for (let i = 0; i < controls.length * 2 + 10 && reached.size < controls.length; i++) {
      await page.keyboard.press('Tab');
      const probe = await page.evaluate(() => document.activeElement?.getAttribute('data-tab-probe') ?? null);
      if (probe !== null) reached.add(probe);
    }
    expect(controls.filter((c) => !reached.has(c.probe)).map((c) => c.name)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'dashboard-supervisor.png'), fullPage: true });
  });
});
