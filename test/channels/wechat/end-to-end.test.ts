/**
 * The real assistant and the real bot behind /wechat: a citizen's question gets the same answer as
 * `lawline.ask`, shaped to WeChat's limit, with the moved parts (statute texts …) one number away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LawlineBot } from '../../../src/bot/lawline-bot.js';
import { BOT_REPLIES } from '../../../src/bot/bot-replies-zh.js';
import { formatCitations } from '../../../src/bot/format-reply.js';
import { LocalChannelAdapter } from '../../../src/channels/local-adapter.js';
import { TEXT_LIMIT_BYTES } from '../../../src/channels/wechat/reply-shaper.js';
import { createPreapplicationStore } from '../../../src/preapplication/preapplication-store.js';
import { createPreapplicationRepository } from '../../../src/storage/repositories/preapplication-repository.js';
import { memoryStateDatabase } from '../../../src/storage/sqlite/memory-state-database.js';
import { testLawline } from '../../support/lawline.js';
import { replyFields, startChannel, textXml } from './wechat-kit.js';

let channel: Awaited<ReturnType<typeof startChannel>>;
beforeAll(async () => {
  const lawline = testLawline();
  const bot = new LawlineBot(lawline, { preapplications: createPreapplicationStore(createPreapplicationRepository(memoryStateDatabase())) });
  channel = await startChannel({ adapter: new LocalChannelAdapter((context) => bot.run(context)), replyDeadline: () => new Promise(() => undefined) });
});
afterAll(() => channel.close());

let msgId = 5000;
/** One citizen per test, so dialog state does not leak between tests. */
async function ask(text: string, openid: string): Promise<string> {
  const res = await channel.post(textXml(text, String(msgId++), openid));
  expect(res.status).toBe(200);
  return replyFields(res.text).Content!;
}

describe('WeChat with the real bot', () => {
  it('answers a long question with the ask answer, shortened, and the rest behind numbers', async () => {
    const question = '老板拖欠工资三个月不给怎么办';
    const expected = await testLawline().ask(question);
    const reply = await ask(question, 'oE2E_long');
    expect(Buffer.byteLength(expected.answer)).toBeGreaterThan(TEXT_LIMIT_BYTES); // the case this test is about
    expect(Buffer.byteLength(reply)).toBeLessThanOrEqual(TEXT_LIMIT_BYTES);
    expect(reply).toContain(formatCitations(expected.citations));
    expect(reply).toMatch(/^温馨提示/m);

    expect(reply).toMatch(/【法律依据】回复\d+查看法律依据原文/);
    // Follow every "回复N查看…", including those on follow-up pages.
    const followUps: string[] = [];
    const asked = new Set<string>();
    const pending = [reply];
    while (pending.length) {
      for (const [, n] of pending.shift()!.matchAll(/回复(\d+)查看/g)) {
        if (asked.has(n!)) continue;
        asked.add(n!);
        const part = await ask(n!, 'oE2E_long');
        followUps.push(part);
        pending.push(part);
      }
    }
    const everything = [reply, ...followUps].join('\n');

    // Every line of the answer reaches the citizen, except the statute excerpts, which come in full instead.
    const statutes = expected.answer.split('【您可以这样做】')[0]!;
    for (const line of expected.answer.split('\n')) {
      if (!statutes.includes(line)) expect(everything, line).toContain(line);
    }
    for (const c of expected.citations) {
      for (const line of c.text.trim().split('\n')) expect(everything).toContain(line.trim());
    }
    for (const f of followUps) expect(Buffer.byteLength(f)).toBeLessThanOrEqual(TEXT_LIMIT_BYTES);
    if (process.env.SHOW_WECHAT) console.log([reply, ...followUps].join('\n=====\n'));
  });

  it('leaves the numbers the bot asks for to the bot (the legal-aid offer’s “回复1”)', async () => {
    const openid = 'oE2E_offer';
    const reply = await ask('老板拖欠工资三个月不给怎么办', openid);
    expect(reply).toContain(BOT_REPLIES.eligibilityOffer);
    const ours = [...reply.matchAll(/回复(\d+)查看/g)].map((m) => Number(m[1]));
    expect(ours.length).toBeGreaterThan(0);
    expect(ours).not.toContain(1);
    const accepted = await ask('1', openid); // goes to the bot: the eligibility conversation starts
    expect(accepted).toContain('法律援助');
    expect(accepted).not.toMatch(/^《/);
  });

  it('gives a short answer unchanged', async () => {
    const question = '谢谢';
    expect(await ask(question, 'oE2E_short')).toBe((await testLawline().ask(question)).answer);
  });
});
