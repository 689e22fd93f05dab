/**
 * The agent console's "转值班律师" in a real browser (playwright-core driving Debian's chromium) against the real
 * server: the caller's words, the analysed topic and county and an optional callback number become a hand-off
 * ticket, which the duty lawyers’ queue then shows. Screenshot in test-results/screenshots/ (git-ignored).
 */
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, hasChromium, launchBrowser, SHOTS, warnIfNoChromium } from '../support/browser.js';
import { startAssistServer, type AssistServer } from '../agent-assist/assist-harness.js';

const CALLER = '我在英德的工厂打工，老板拖欠我三个月工资怎么办';

warnIfNoChromium('agent escalation');

describe.skipIf(!hasChromium)('agent console escalation in a real browser (needs /usr/bin/chromium)', () => {
  let srv: AssistServer;
  let context: BrowserContext;
  let admin: string;

  beforeAll(async () => {
    srv = await startAssistServer();
    await srv.state.accounts.addUser({ username: 'agent8', password: 'agent8-password', role: 'agent' });
    admin = await srv.addUser('boss8', 'admin');
    context = await launchBrowser({ width: 1280, height: 900 });
  });

  afterAll(async () => {
    await closeBrowser(context);
    await srv?.close();
  });

  async function get(path: string): Promise<any> {
    const res = await fetch(srv.base + path, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    return res.json();
  }

  it('escalates the analysed call with a callback number, from the keyboard, and the ticket is queued', async () => {
    const page = await context.newPage();
    await page.goto(`${srv.base}/agent`);
    await page.getByLabel('用户名').fill('agent8');
    await page.getByLabel('密码').fill('agent8-password');
    await page.getByRole('button', { name: '登录' }).click();
    const caller = page.getByLabel('来电人说的话');
    await caller.waitFor();
    const result = page.locator('#escalate-result');

    // Nothing to hand over yet.
    await page.getByRole('button', { name: '转值班律师' }).click();
    await result.filter({ hasText: '请先在上方输入来电人说的话' }).waitFor();
    expect(await caller.evaluate((e) => e === document.activeElement)).toBe(true);

    await caller.fill(CALLER);
    await caller.press('Enter');
    await page.locator('#topic-badge', { hasText: '劳动纠纷' }).waitFor();

    // A wrong number: a Chinese message, no ticket.
    const phone = page.getByLabel('回电号码（可选）');
    await phone.fill('123');
    await page.getByRole('button', { name: '转值班律师' }).click();
    await result.filter({ hasText: '回电号码格式不对' }).waitFor();
    expect((await get('/api/v1/handoff/queue')).queue).toEqual([]);

    // Enter in the number field submits the form.
    await phone.fill('13800138000');
    await phone.press('Enter');
    await result.filter({ hasText: '已转值班律师' }).waitFor();
    const shown = await result.innerText();
    expect(shown).toMatch(/^已转值班律师，工单号 [A-Za-z0-9-]+，目前排在第1位，律师将回电来电人。$/);
    expect(await phone.inputValue()).toBe('');
    await page.screenshot({ path: join(SHOTS, 'agent-console-escalated.png'), fullPage: true });
    const id = /工单号 ([A-Za-z0-9-]+)，/.exec(shown)![1];

    const queue = (await get('/api/v1/handoff/queue')).queue;
    expect(queue).toHaveLength(1);
    expect(queue[0]).toMatchObject({ id, position: 1, reason: 'escalation', topic: '劳动纠纷', county: 'yingde', channelId: 'assist' });
    const callbacks = (await get('/api/v1/handoff/callbacks')).callbacks;
    expect(callbacks).toEqual([expect.objectContaining({ ticketId: id, phone: '13800138000', topic: '劳动纠纷', county: 'yingde' })]);

    // Whoever opens the ticket reads the caller's words.
    const opened = await get(`/api/v1/handoff/${id}/messages`);
    expect(opened.ticket.summary).toMatchObject({ note: CALLER, topic: '劳动纠纷', county: 'yingde' });

    // A new call clears the confirmation.
    await page.getByRole('button', { name: '新来电' }).click();
    expect(await result.innerText()).toBe('');
    await page.close();
  });
});
