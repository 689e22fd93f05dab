/**
 * The duty-lawyer console in a real browser (playwright-core driving Debian's chromium) against the real
 * server: log in, go online, see the queued citizen arrive through the push stream (no queue poll in between) and a
 * second one added by a delta,
 * accept, read the summary, send a canned reply and a typed one, and the citizen on Direct Line receives them;
 * with the stream down the console polls, and it reconnects when the stream is back. Screenshots go to test-results/screenshots/ (git-ignored).
 */
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, hasChromium, launchBrowser, SHOTS, warnIfNoChromium } from '../support/browser.js';
import { handoffOf } from '../../src/handoff/mount-handoff.js';
import { queueStreamsOf } from '../../src/handoff/queue-stream.js';
import { directLineCitizen, DUTY_LAWYER, startServer, type ServerHarness } from '../support/server-harness.js';

warnIfNoChromium('lawyer console');

describe.skipIf(!hasChromium)('lawyer console in a real browser (needs /usr/bin/chromium)', () => {
  let h: ServerHarness;
  let context: BrowserContext;

  beforeAll(async () => {
    h = await startServer();
    const admin = await h.login('boss', 'admin');
    await h.login('duty1', 'lawyer');
    const roster = await h.request('PUT', '/api/v1/handoff/roster', { lawyers: [DUTY_LAWYER] }, admin);
    expect(roster.status).toBe(200);
    context = await launchBrowser({ width: 1280, height: 900 });
  });

  afterAll(async () => {
    await closeBrowser(context);
    await h?.close();
  });

  it('logs in, goes online, sees the queued citizen, accepts and sends messages', async () => {
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    const queuePolls = (since: number) => requests.slice(since).filter((path) => path === '/api/v1/handoff/queue').length;
    const streams = () => queueStreamsOf(handoffOf(h.app)!)!.stats();
    await page.goto(`${h.base}/lawyer/`);
    await page.getByLabel('用户名').fill('duty1');
    await page.getByLabel('密码').fill('wrong-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect.poll(() => page.locator('#login-error').textContent()).toContain('不正确');
    await page.getByLabel('密码').fill('duty1-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByLabel('状态').waitFor();
    await page.getByLabel('状态').selectOption('online');
    await expect.poll(() => page.locator('#shift').textContent()).toContain('值班中');
    await expect.poll(() => handoffOf(h.app)!.store.presence().get('duty1')?.status).toBe('online');
    await expect.poll(() => streams().open).toBe(1); // the console holds the queue stream

    const citizen = await directLineCitizen(h);
    await citizen.say('我七十岁了，在清城区，儿子不给赡养费');
    const mark = requests.length;
    await citizen.say('转人工');

    const item = page.locator('#queue li').first();
    await expect.poll(() => item.textContent(), { timeout: 15_000 }).toContain('已分配给您'); // offered to this lawyer
    expect(queuePolls(mark)).toBe(0); // so it came through the push, not a poll
    expect(await item.textContent()).toContain('婚姻家庭');
    expect(await item.textContent()).toContain('老年人');
    // A second arrival comes as a delta on top: both are listed, in order, the offer still shown.
    handoffOf(h.app)!.lawyers.escalate('agent1', { summary: '来电群众咨询劳动合同' });
    await expect.poll(() => page.locator('#queue li').count()).toBe(2);
    expect(await page.locator('#queue li').nth(1).textContent()).toContain('第2位');
    expect(await item.textContent()).toContain('已分配给您');
    expect(streams().deltas).toBeGreaterThanOrEqual(2);
    expect(queuePolls(mark)).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'lawyer-console-queue.png'), fullPage: true });
    await item.getByRole('button', { name: /接入/ }).click();

    await expect.poll(() => page.locator('#summary').textContent()).toContain('地区清城区');
    // The intent is named with its label from GET /api/v1/meta (the console keeps no copy), not its code.
    expect(await page.locator('#summary dd').nth(1).textContent()).toMatch(/^[\u4e00-\u9fff]+$/);
    expect(await page.locator('#transcript').textContent()).toContain('儿子不给赡养费');
    await expect.poll(() => page.locator('#messages').textContent()).toContain('已接入');

    await page.getByRole('button', { name: /您好，我是值班律师/ }).click();
    await page.getByRole('button', { name: '发送' }).click();
    await page.getByLabel('回复群众').fill('请问儿子现在在哪里工作？');
    await page.getByLabel('回复群众').press('Enter');
    await expect.poll(() => page.locator('#messages li.m-lawyer').count()).toBe(2);
    await page.screenshot({ path: join(SHOTS, 'lawyer-console-chat.png'), fullPage: true });

    const received = (await citizen.read()).filter((a) => a.type === 'message').map((a) => a.text);
    expect(received).toEqual(expect.arrayContaining([
      expect.stringContaining('已接入'),
      '【陈值班律师】您好，我是值班律师，请问有什么可以帮您？',
      '【陈值班律师】请问儿子现在在哪里工作？',
    ]));

    // The citizen answers; the lawyer sees it without reloading.
    await citizen.say('在广州打工');
    await expect.poll(() => page.locator('#messages').textContent(), { timeout: 10_000 }).toContain('在广州打工');

    // The stream goes down and cannot come back: the console polls the queue instead.
    await page.route('**/api/v1/handoff/queue/stream', (route) => route.abort());
    queueStreamsOf(handoffOf(h.app)!)!.close();
    const down = requests.length;
    handoffOf(h.app)!.lawyers.escalate('agent1', { summary: '来电群众咨询工伤认定' });
    await expect.poll(() => page.locator('#queue-count').textContent(), { timeout: 10_000 }).toBe('2');
    expect(queuePolls(down)).toBeGreaterThan(0);
    // Back up: the console reconnects (with backoff).
    await page.unroute('**/api/v1/handoff/queue/stream');
    await expect.poll(() => streams().open, { timeout: 20_000 }).toBe(1);
  }, 60_000);
});
