/**
 * Messages and events through /wechat with a bot stub: passive replies within the deadline, the Activity the
 * bot sees, the follow (subscribe) welcome and numbered service menu, menu clicks, non-text messages.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { REPLIES, SERVICE_MENU } from '../../../src/assistant/replies-zh.js';
import { MENU_EVENT_KEYS } from '../../../src/channels/wechat/service-menu.js';
import { CONSULT_PROMPT } from '../../../src/assistant/service-menu.js';
import { WECHAT_REPLIES } from '../../../src/channels/wechat/wechat-replies-zh.js';
import { ACCOUNT, deferred, eventXml, mediaXml, OPENID, replyFields, startChannel, stubBot, textXml } from './wechat-kit.js';

let channel: Awaited<ReturnType<typeof startChannel>> | undefined;
afterEach(async () => {
  await channel?.close();
  channel = undefined;
});

/** A deadline that never passes: the reply path depends only on the bot. */
const never = () => new Promise<void>(() => undefined);

describe('text message', () => {
  it('turns the message into an Activity and answers with a passive text reply', async () => {
    const bot = stubBot((a) => `您问的是：${a.text}`);
    channel = await startChannel({ adapter: bot.adapter, replyDeadline: never, now: () => 1_700_000_123_000 });
    const res = await channel.post(textXml('老板拖欠工资怎么办'));
    expect(res.status).toBe(200);
    expect(replyFields(res.text)).toEqual({
      ToUserName: OPENID, FromUserName: ACCOUNT, CreateTime: '1700000123', MsgType: 'text', Content: '您问的是：老板拖欠工资怎么办',
    });
    const seen = bot.seen[0]!;
    expect(seen).toMatchObject({ type: 'message', channelId: 'wechat', text: '老板拖欠工资怎么办' });
    expect(seen.conversation.id).toBe(OPENID);
    expect(seen.from.id).toBe(OPENID);
  });

  it('answers passively under the default 4 s deadline when the bot is quick', async () => {
    // No injected deadline: the real timer (settings.replyDeadlineMs = 4000) races a bot that answers at once.
    channel = await startChannel({ adapter: stubBot(() => '好的').adapter });
    const res = await channel.post(textXml('你好'));
    expect(replyFields(res.text).Content).toBe('好的');
  });

  it('answers `success` instead of a reply once the deadline has passed', async () => {
    const gate = deferred<string>();
    channel = await startChannel({ adapter: stubBot(() => gate.promise).adapter, replyDeadline: () => Promise.resolve(), customerService: null });
    const res = await channel.post(textXml('你好'));
    expect(res).toEqual({ status: 200, text: 'success' });
    gate.resolve('迟到的回答');
  });

  it('joins several reply messages into the one passive reply', async () => {
    const bot = stubBot(() => [{ type: 'message', text: '第一条' }, { type: 'message', text: '第二条' }]);
    channel = await startChannel({ adapter: bot.adapter, replyDeadline: never });
    expect(replyFields((await channel.post(textXml('问'))).text).Content).toBe('第一条\n\n第二条');
  });

  it('shows the bot’s choices as numbered lines and sends the chosen value back', async () => {
    const bot = stubBot((a) => a.text === '问'
      ? [{ type: 'message', text: '请选择', suggestedActions: { to: [], actions: [
          { type: 'imBack', title: '是', value: 'yes' }, { type: 'imBack', title: '否', value: 'no' }] } }]
      : `收到${a.text}`);
    channel = await startChannel({ adapter: bot.adapter, replyDeadline: never });
    expect(replyFields((await channel.post(textXml('问'))).text).Content).toBe(`请选择\n\n${WECHAT_REPLIES.choose}\n1. 是\n2. 否`);
    expect(replyFields((await channel.post(textXml('２', '2'))).text).Content).toBe('收到no');
  });

  it('answers image and voice messages with a polite request for text, without a bot turn', async () => {
    const bot = stubBot(() => 'x');
    channel = await startChannel({ adapter: bot.adapter, replyDeadline: never });
    for (const body of [mediaXml('image', '1'), mediaXml('voice', '2')]) {
      expect(replyFields((await channel.post(body)).text).Content).toBe(WECHAT_REPLIES.textOnly);
    }
    expect(bot.turns()).toBe(0);
  });
});

describe('long answers', () => {
  const statute = `《民法典》第1084条：${'父母与子女间的关系，不因父母离婚而消除。'.repeat(12)}`;
  const long = ['一般归母亲。', '【法律依据】', statute, statute, statute, '【您可以这样做】', '先协商抚养问题。', '温馨提示：以上是法律信息。'].join('\n');

  it('are shortened, and replying 1 returns the statutes without another bot turn', async () => {
    const bot = stubBot((a) => (a.text === '离婚孩子归谁' ? long : `bot:${a.text}`));
    channel = await startChannel({ adapter: bot.adapter, replyDeadline: never });
    const first = replyFields((await channel.post(textXml('离婚孩子归谁', '301'))).text).Content!;
    expect(Buffer.byteLength(long)).toBeGreaterThan(2048);
    // The direct answer stays; the quoted law moves behind a number first.
    expect(first).toBe('一般归母亲。\n【法律依据】回复1查看法律依据原文\n【您可以这样做】\n先协商抚养问题。\n温馨提示：以上是法律信息。');

    const statutes = replyFields((await channel.post(textXml('1', '302'))).text).Content!;
    expect(statutes).toContain(statute);
    expect(Buffer.byteLength(statutes)).toBeLessThanOrEqual(2048);
    expect(bot.turns()).toBe(1);

    // A new question replaces the numbers: "1" now means nothing special and goes to the bot.
    await channel.post(textXml('再问一个', '303'));
    expect(replyFields((await channel.post(textXml('1', '304'))).text).Content).toBe('bot:1');
  });
});

describe('events', () => {
  it('greets a new follower with the numbered service menu; a number then picks the service', async () => {
    const bot = stubBot((a) => (a.type === 'conversationUpdate' ? REPLIES.greeting : `bot:${a.text}`));
    channel = await startChannel({ adapter: bot.adapter, replyDeadline: never });
    const welcome = replyFields((await channel.post(eventXml('subscribe'))).text).Content!;
    for (const line of SERVICE_MENU) expect(welcome).toContain(line);
    expect(bot.seen[0]).toMatchObject({ type: 'conversationUpdate', membersAdded: [{ id: OPENID }] });

    expect(replyFields((await channel.post(textXml('2', '101'))).text).Content).toBe('bot:我想申请法律援助');
  });

  it('welcomes even when the bot says nothing to a new member', async () => {
    channel = await startChannel({ adapter: stubBot(() => null).adapter, replyDeadline: never });
    expect(replyFields((await channel.post(eventXml('subscribe'))).text).Content).toBe(REPLIES.greeting);
  });

  it('maps every menu EventKey to one service-menu entry', () => {
    expect(Object.keys(MENU_EVENT_KEYS)).toHaveLength(SERVICE_MENU.length);
  });

  it('runs the matching service for a CLICK menu event, including the guides sub-menu', async () => {
    const bot = stubBot((a) => `bot:${a.text}`);
    channel = await startChannel({ adapter: bot.adapter, replyDeadline: never });
    const human = await channel.post(eventXml('CLICK', 'LAWLINE_HUMAN', '1700000010'));
    expect(replyFields(human.text).Content).toBe('bot:转人工');

    const guides = replyFields((await channel.post(eventXml('CLICK', 'LAWLINE_GUIDES', '1700000011'))).text).Content!;
    expect(guides).toContain('1. 公证');
    expect(replyFields((await channel.post(textXml('1', '102'))).text).Content).toBe('bot:怎么办理公证');

    const consult = replyFields((await channel.post(eventXml('CLICK', 'LAWLINE_CONSULT', '1700000012'))).text).Content;
    expect(consult).toBe(CONSULT_PROMPT);
    expect(bot.turns()).toBe(2);
  });

  it('answers `success` to unsubscribe and VIEW events', async () => {
    const bot = stubBot(() => 'x');
    channel = await startChannel({ adapter: bot.adapter, replyDeadline: never });
    expect((await channel.post(eventXml('unsubscribe'))).text).toBe('success');
    expect((await channel.post(eventXml('VIEW', 'https://example.invalid/', '1700000020'))).text).toBe('success');
    expect(bot.turns()).toBe(0);
  });
});
