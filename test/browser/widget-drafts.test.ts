/**
 * A document draft in the website widget, in a real browser: the citizen asks how to write a labour-arbitration
 * application, answers the few questions, and gets download buttons whose links serve the Word and PDF files.
 */
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, hasChromium, launchBrowser, SHOTS, warnIfNoChromium } from '../support/browser.js';
import { startServer, type RunningServer } from '../channels/directline/directline-server.js';

warnIfNoChromium('widget drafts');

describe.skipIf(!hasChromium)('a draft in the widget (needs /usr/bin/chromium)', () => {
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

  it('asks what is missing and offers download buttons that work', async () => {
    const page = await context.newPage();
    await page.goto(`${srv.base}/`);
    await page.getByRole('button', { name: '打开法律咨询对话' }).click();
    const input = page.locator('.llw-form textarea');
    const say = async (text: string, next: string) => {
      const before = await page.locator('.llw-bot').count();
      await input.fill(text);
      await input.press('Enter');
      await page.locator('.llw-bot', { hasText: next }).last().waitFor();
      await expect.poll(() => page.locator('.llw-bot').count()).toBeGreaterThan(before);
    };
    await say('劳动仲裁申请书怎么写', '一般就是您本人');
    await say('张小红', '被申请人的名称');
    await say('清远市某某制衣有限公司', '哪些请求');
    await say('支付拖欠工资6000元', '事情经过');
    await say('2024年5月起公司一直拖欠工资', '有哪些证据');
    await say('跳过', '草稿已生成');
    const links = page.locator('.llw-bot .llw-downloads a');
    expect(await links.allInnerTexts()).toEqual(['下载Word版', '下载PDF版']);
    // The buttons replace the raw paths in the text.
    expect(await page.locator('.llw-bot').last().innerText()).not.toContain('/api/v1/documents/download/');
    await page.screenshot({ path: join(SHOTS, 'widget-draft-links.png') });
    const [docx, pdf] = await Promise.all((await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))).map((href) => fetch(href)));
    expect(docx!.status).toBe(200);
    expect(docx!.headers.get('content-type')).toContain('wordprocessingml');
    expect(Buffer.from(await pdf!.arrayBuffer()).subarray(0, 4).toString()).toBe('%PDF');
  });
});
