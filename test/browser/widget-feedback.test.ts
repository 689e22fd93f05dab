/**
 * 有用 / 没用 under the widget's answers, in a real browser against the real server: a citizen votes 没用 on an
 * answer; the vote is stored with the question and the question goes to the knowledge-upkeep review queue.
 */
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, hasChromium, launchBrowser, SHOTS, warnIfNoChromium } from '../support/browser.js';
import { startServer, type ServerHarness } from '../support/server-harness.js';

warnIfNoChromium('widget feedback');

/** A confident answer: only the vote sends it to the queue. */
const WAGES = '公司拖欠我三个月工资怎么办';

describe.skipIf(!hasChromium)('voting on a widget answer (needs /usr/bin/chromium)', () => {
  let h: ServerHarness;
  let context: BrowserContext;
  beforeAll(async () => {
    h = await startServer();
    context = await launchBrowser({ width: 390, height: 844 });
  });
  afterAll(async () => {
    await closeBrowser(context);
    await h?.close();
  });

  it('没用 posts the vote with the question, announces the thanks, and queues the question for staff', async () => {
    const admin = await h.login('boss', 'admin');
    const page = await context.newPage();
    await page.goto(`${h.base}/`);
    await page.getByRole('button', { name: '打开法律咨询对话' }).click();
    await page.getByRole('textbox', { name: '输入您的问题' }).fill(WAGES);
    await page.keyboard.press('Enter');
    const bar = page.getByRole('group', { name: '评价这个回答' });
    await bar.waitFor();
    // Only answers get the buttons: the greeting has none.
    expect(await bar.count()).toBe(1);
    await bar.getByRole('button', { name: '没用' }).click();
    await expect.poll(() => bar.getByRole('status').textContent()).toMatch(/谢谢反馈/);
    expect(await bar.getByRole('button').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'widget-feedback-mobile.png') });

    const votes = await h.state.sql.all<{ question: string; helpful: number; conversation_id: string | null }>('SELECT question, helpful, conversation_id FROM answer_feedback');
    expect(votes).toEqual([{ question: WAGES, helpful: 0, conversation_id: expect.any(String) }]);
    await expect.poll(async () => (await h.request('GET', '/api/v1/upkeep/queue', undefined, admin)).body.map((i: { question: string; reasons: string[] }) => [i.question, i.reasons]))
      .toEqual([[WAGES, ['not_helpful']]]);
  });
});
