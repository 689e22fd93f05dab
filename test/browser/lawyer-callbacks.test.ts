/**
 * The lawyer console's callback requests in a real browser against the real server: a Direct Line citizen asks
 * for a person with nobody on duty, leaves a phone and a time; the lawyer opens the 回电请求 panel with the
 * keyboard, sees them, marks the request 已回电 with a note (closed and audited); a request someone else closed
 * meanwhile gives a notice and a refreshed list. The phone never reaches the title, a URL or the console log.
 * Screenshot in test-results/screenshots/.
 */
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, hasChromium, launchBrowser, SHOTS, warnIfNoChromium } from '../support/browser.js';
import { handoffOf } from '../../src/handoff/mount-handoff.js';
import { HANDOFF_TEXT } from '../../src/handoff/handoff-replies-zh.js';
import { directLineCitizen, DUTY_LAWYER, startServer, type ServerHarness } from '../support/server-harness.js';

warnIfNoChromium('lawyer callbacks');

const PHONE = '13912345678';

describe.skipIf(!hasChromium)('callback requests in the lawyer console (needs /usr/bin/chromium)', () => {
  let h: ServerHarness;
  let context: BrowserContext;
  let admin: string;
  let agent: string;

  beforeAll(async () => {
    h = await startServer();
    admin = await h.login('boss', 'admin');
    agent = await h.login('agent1', 'agent');
    await h.login('duty1', 'lawyer');
    expect((await h.request('PUT', '/api/v1/handoff/roster', { lawyers: [DUTY_LAWYER] }, admin)).status).toBe(200);
    context = await launchBrowser({ width: 1280, height: 900 });
  });

  afterAll(async () => {
    await closeBrowser(context);
    await h?.close();
  });

  it('lists a citizen\'s callback request and closes it with a note; a request closed elsewhere is refreshed away', async () => {
    // The citizen: nobody on duty → offered a callback → phone → preferred time.
    const citizen = await directLineCitizen(h);
    await citizen.say('我在清城区，公司拖欠我三个月工资');
    const texts = async (text: string) => (await citizen.say(text)).map((a) => a.text ?? '').join('\n');
    expect(await texts('转人工')).toContain('现在没有值班律师在线');
    expect(await texts('回电')).toContain(HANDOFF_TEXT.askPhone);
    expect(await texts(`我的电话 ${PHONE.slice(0, 3)} ${PHONE.slice(3, 7)} ${PHONE.slice(7)}`)).toContain(HANDOFF_TEXT.askTime);
    expect(await texts('明天上午')).toContain(HANDOFF_TEXT.callbackSaved);
    const lawyerToken = await (await fetch(`${h.base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'duty1', password: 'duty1-password' }) })).json().then((b: any) => b.token as string);
    const [mine] = (await h.request('GET', '/api/v1/handoff/callbacks', undefined, lawyerToken)).body.callbacks;
    expect(mine).toMatchObject({ phone: PHONE, preferredTime: '明天上午', county: 'qingcheng', countyName: '清城区' });
    // A second one, later, from the hotline (no preferred time); the lawyer will find it closed by someone else.
    expect((await h.request('POST', '/api/v1/handoff/escalate', { summary: '来电咨询工伤认定', topic: '劳动纠纷', county: '连州', phone: '0763-7654321' }, agent)).status).toBe(201);

    const page = await context.newPage();
    const urls: string[] = [];
    const logs: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    page.on('console', (m) => logs.push(m.text()));
    const listFetches = () => urls.filter((u) => new URL(u).pathname === '/api/v1/handoff/callbacks').length;
    await page.goto(`${h.base}/lawyer/`);
    await page.getByLabel('用户名').fill('duty1');
    await page.getByLabel('密码').fill('duty1-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();

    // The badge counts them before the panel is opened; the queue has shown the hotline ticket's county name.
    const badge = page.locator('#callback-count');
    await expect.poll(() => badge.textContent()).toBe('2');
    expect(await badge.getAttribute('aria-label')).toBe('2条待处理的回电请求');
    await expect.poll(() => page.locator('#queue-count').textContent()).toBe('1');
    expect(await page.locator('#callbacks').isVisible()).toBe(false);

    // Opened with the keyboard: refreshed, oldest first, phone in full, preferred time, topic, county.
    const opened = listFetches();
    await page.locator('#callbacks-box > summary').focus();
    await page.keyboard.press('Enter');
    const items = page.getByRole('list', { name: '待处理的回电请求' }).getByRole('listitem');
    await expect.poll(() => items.count()).toBe(2);
    await expect.poll(() => listFetches()).toBeGreaterThan(opened);
    const first = items.nth(0);
    const second = items.nth(1);
    expect(await first.locator('.phone').textContent()).toBe(PHONE);
    expect(await first.textContent()).toContain('方便时间明天上午');
    expect(await first.textContent()).toMatch(/地区清城区/);
    expect(await first.locator('.who-line').textContent()).toMatch(/^(刚刚|\d+分钟前) · \d\d:\d\d提交$/);
    expect(await second.locator('.phone').textContent()).toBe('0763-7654321');
    expect(await second.textContent()).toContain('方便时间未说明');
    expect(await second.textContent()).toContain('主题劳动纠纷');
    expect(await second.textContent()).toContain('地区连州市'); // named from the queue item
    // The page's own module, imported in the page (as text: vitest would rewrite an import() in a function).
    expect(await page.evaluate("import('/lawyer/callbacks.js').then((m) => m.ago(15 * 60000))")).toBe('15分钟前');

    // A note being typed survives a refresh (closing and reopening the panel refetches the list).
    const note = first.getByLabel(/备注/);
    await note.fill('已电话联系，建议其申请劳动仲裁');
    const before = listFetches();
    await page.locator('#callbacks-box > summary').click();
    await page.locator('#callbacks-box > summary').click();
    await expect.poll(() => listFetches()).toBeGreaterThan(before);
    expect(await note.inputValue()).toBe('已电话联系，建议其申请劳动仲裁');
    await page.screenshot({ path: join(SHOTS, 'lawyer-console-callbacks.png'), fullPage: true });

    await first.getByRole('button', { name: /^已回电/ }).click();
    await expect.poll(() => items.count()).toBe(1);
    expect(await page.locator('#notice').textContent()).toBe('已记录：已回电。');
    expect(await badge.textContent()).toBe('1');
    const open = (await h.request('GET', '/api/v1/handoff/callbacks', undefined, admin)).body.callbacks;
    expect(open.map((c: any) => c.phone)).toEqual(['0763-7654321']);
    const closed = (await handoffOf(h.app)!.store.auditLog(mine.ticketId)).find((e) => e.event === 'callback_closed');
    expect(closed?.actor).toBe('duty1');
    expect(JSON.parse(closed!.detail!)).toEqual({ callback: mine.id, status: 'done', note: '已电话联系，建议其申请劳动仲裁' });

    // Someone else closes the other one; this console still shows it and gets a 404 → notice and empty list.
    expect((await h.request('PUT', `/api/v1/handoff/callbacks/${open[0].id}`, { status: 'done' }, admin)).status).toBe(200);
    await items.nth(0).getByRole('button', { name: /^未联系上/ }).click();
    await expect.poll(() => page.locator('#notice').textContent()).toBe('该回电请求已由其他律师处理，列表已刷新。');
    await expect.poll(() => items.count()).toBe(0);
    expect(await badge.textContent()).toBe('0');
    expect(await page.locator('#callbacks-empty').isVisible()).toBe(true);

    // The numbers stay on the page only: not in the title, any URL or the console; gone after logout.
    for (const phone of [PHONE, '7654321']) {
      expect(await page.title()).not.toContain(phone);
      expect(page.url()).not.toContain(phone);
      expect(urls.filter((u) => u.includes(phone))).toEqual([]);
      expect(logs.filter((l) => l.includes(phone))).toEqual([]);
    }
    // Logging out drops the numbers from the page.
    expect((await h.request('POST', '/api/v1/handoff/escalate', { summary: '来电咨询', phone: '13700001111' }, agent)).status).toBe(201);
    await page.locator('#callbacks-box > summary').click();
    await page.locator('#callbacks-box > summary').click();
    await expect.poll(() => items.count()).toBe(1);
    expect(await items.nth(0).locator('.phone').textContent()).toBe('13700001111');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByLabel('用户名').waitFor();
    expect(await page.content()).not.toContain('13700001111');
  }, 60_000);
});
