/**
 * The calculator conversation through /wechat with the real bot: numbered questions as plain text, and the result
 * with its working and basis within WeChat's reply limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LawlineBot } from '../../../src/bot/lawline-bot.js';
import { LocalChannelAdapter } from '../../../src/channels/local-adapter.js';
import { TEXT_LIMIT_BYTES } from '../../../src/channels/wechat/reply-shaper.js';
import { createPreapplicationStore } from '../../../src/preapplication/preapplication-store.js';
import { createPreapplicationRepository } from '../../../src/storage/repositories/preapplication-repository.js';
import { memoryStateDatabase } from '../../../src/storage/sqlite/memory-state-database.js';
import { testLawline } from '../../support/lawline.js';
import { replyFields, startChannel, textXml } from './wechat-kit.js';

let channel: Awaited<ReturnType<typeof startChannel>>;
beforeAll(async () => {
  const bot = new LawlineBot(testLawline(), { preapplications: createPreapplicationStore(createPreapplicationRepository(memoryStateDatabase())), today: () => '2025-09-22' });
  channel = await startChannel({ adapter: new LocalChannelAdapter((context) => bot.run(context)), replyDeadline: () => new Promise(() => undefined) });
});
afterAll(() => channel.close());

let msgId = 7000;
async function say(text: string, openid: string): Promise<string> {
  const res = await channel.post(textXml(text, String(msgId++), openid));
  expect(res.status).toBe(200);
  const reply = replyFields(res.text).Content!;
  expect(Buffer.byteLength(reply)).toBeLessThanOrEqual(TEXT_LIMIT_BYTES);
  return reply;
}

describe('calculators on WeChat', () => {
  it('asks the missing facts with numbered choices and gives the deadline with its basis', async () => {
    const who = 'oCalc_deadline';
    expect(await say('还来得及上诉吗', who)).toMatch(/判决还是裁定[\s\S]*1\. 判决书/);
    expect(await say('1', who)).toMatch(/判决书送达之日/);
    // 2025-09-20 + 15 days = 2025-10-05, in the National Day holiday → Thursday 2025-10-09, 17 days after 2025-09-22.
    const result = await say('2025年9月20日', who);
    expect(result).toContain('2025年10月9日（星期四）（还有17天）');
    expect(result).toContain('《民事诉讼法》第一百七十一条第一款');
  });

  it('works out a double wage from a question that already gives the dates and the wage', async () => {
    const who = 'oCalc_double';
    // 2023-01-01 start, left 2024-06-30, never signed: 11 months × 5000 = 55,000.
    expect(await say('我2023年1月1日入职，2024年6月30日离职，一直没签劳动合同，工资5000元，能要多少双倍工资', who)).toMatch(/补签/);
    const result = await say('2', who);
    expect(result).toContain('55,000.00元');
    expect(result).toMatch(/劳动合同法.{0,2}第八十二条/);
  });
});
