/**
 * The knowledge-upkeep page in a real browser against the real server: an admin logs in, finds the dog-bite question
 * the bot was unsure of in the queue, writes a new entry for it (a basis that does not exist is flagged as it is
 * typed, the right one confirmed), and the bot answers with it at once; the edit is listed, exported as a
 * knowledge/qa file, and undone from the page. Screenshot in test-results/screenshots/.
 */
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeBrowser, hasChromium, launchBrowser, SHOTS, warnIfNoChromium } from '../support/browser.js';
import { startServer, type ServerHarness } from '../support/server-harness.js';

warnIfNoChromium('knowledge upkeep page');

const DOG_BITE = '隔壁阿婆养的大黄把我仔的腿啃出血了，打针的钱谁来出';
const MORE = ['邻居家的狗把小孩咬伤了谁赔', '别人养的狗咬了我家孩子找谁负责', '被人家养的狗咬伤打疫苗的钱谁出', '大黄狗咬人主人要不要赔'];
const ANSWER = '一般由狗的饲养人或者管理人赔偿；能证明损害是被侵权人故意或者重大过失造成的，可以不承担或者减轻责任。请保留就医和打疫苗的票据。';

describe.skipIf(!hasChromium)('the knowledge-upkeep page (needs /usr/bin/chromium)', () => {
  let h: ServerHarness;
  let context: BrowserContext;
  let admin: string;
  const ask = async () => (await h.request('POST', '/api/v1/ask', { text: DOG_BITE })).body;

  beforeAll(async () => {
    h = await startServer();
    admin = await h.login('boss', 'admin');
    context = await launchBrowser({ width: 1280, height: 1000 });
  });
  afterAll(async () => {
    await closeBrowser(context);
    await h?.close();
  });

  it('resolves a queue item into a new entry, checks its basis as typed, lists, exports and undoes the edit', async () => {
    expect((await ask()).faq).toBeNull();
    await expect.poll(async () => (await h.request('GET', '/api/v1/upkeep/queue', undefined, admin)).body.length).toBe(1);

    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`${h.base}/admin/upkeep.html`);
    await page.getByLabel('用户名').fill('boss');
    await page.getByLabel('密码').fill('boss-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();

    // The queue: the question, how often, why.
    const queue = page.getByRole('list', { name: /待处理问题/ });
    await expect.poll(() => queue.locator(':scope > li').count()).toBe(1);
    const item = queue.locator(':scope > li').first();
    expect(await item.textContent()).toContain(DOG_BITE);
    expect(await item.textContent()).toContain('没有把握的回答');

    // Open it with the keyboard: focus moves to the action panel.
    await page.getByRole('button', { name: `处理：${DOG_BITE}` }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('action-title');
    await page.getByLabel('新建问答条目').check();
    await page.getByLabel('法律领域').selectOption('人身损害');
    await page.getByLabel(/群众的问法/).fill([DOG_BITE, ...MORE].join('\n'));
    await page.getByLabel(/回答（先给结论/).fill(ANSWER);

    // The basis is checked as it is typed: a wrong article is flagged, the right one shows its text.
    const article = page.getByLabel('第几条');
    const check = page.locator('.basis-check').first();
    await article.fill('9999');
    await expect.poll(() => check.textContent()).toMatch(/找不到这条依据/);
    await article.fill('1245');
    await expect.poll(() => check.textContent()).toMatch(/✓ 民法典.*饲养的动物/);

    await page.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/已处理：新建条目 .*已生效/);
    await expect.poll(() => queue.locator(':scope > li').count()).toBe(0);

    // The bot answers with it at once, citing Art. 1245.
    const after = await ask();
    expect(after.faq?.question).toBe(DOG_BITE);
    expect(after.citations[0]).toMatchObject({ law: '民法典', article: 1245 });

    // Listed with its version; exported as a knowledge/qa file.
    const row = page.locator('#edits tr').first();
    await expect.poll(() => row.textContent()).toMatch(/新建条目.*民法典第1245条.*boss.*生效中/);
    await page.getByRole('button', { name: '导出为文件' }).click();
    await expect.poll(() => page.getByRole('list', { name: '导出的文件' }).textContent()).toMatch(new RegExp(`knowledge/qa/personal-injury/${after.faq.id}\\.yaml`));
    await page.screenshot({ path: join(SHOTS, 'upkeep-page.png'), fullPage: true });

    // Undo from the page: the entry stops answering and the item is back in the queue.
    await row.getByRole('button', { name: /^撤销：新建条目/ }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/已撤销/);
    await expect.poll(() => row.textContent()).toMatch(/已由boss撤销/);
    expect((await ask()).faq).toBeNull();
    await expect.poll(() => queue.locator(':scope > li').count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
