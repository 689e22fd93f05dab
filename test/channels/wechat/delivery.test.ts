/**
 * Delivery guarantees: a retried MsgId is processed once, a slow answer goes out as `success` followed by one
 * customer-service message (to a local API stub), and the access token is cached and refreshed when WeChat says
 * it expired. Timing is controlled with deferred promises, never with sleeps.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createCustomerServiceClient } from '../../../src/channels/wechat/customer-service-client.js';
import { APPID, deferred, OPENID, replyFields, startChannel, startCustomerServiceStub, stubBot, textXml } from './wechat-kit.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

async function setup(options: { deadline: () => Promise<void>; bot: ReturnType<typeof stubBot>; failFirstSendWith?: number }) {
  const stub = await startCustomerServiceStub({ failFirstSendWith: options.failFirstSendWith });
  const customerService = createCustomerServiceClient({ appId: APPID, appSecret: 'secret', apiBase: stub.base });
  const channel = await startChannel({ adapter: options.bot.adapter, replyDeadline: options.deadline, customerService });
  cleanup.push(channel.close, stub.close);
  return { stub, channel };
}

describe('retries of the same MsgId', () => {
  it('are processed once and get the same passive reply', async () => {
    const gate = deferred<string>();
    const entered = deferred();
    const bot = stubBot(async () => {
      entered.resolve();
      return gate.promise;
    });
    const { channel } = await setup({ bot, deadline: () => new Promise(() => undefined) });
    const first = channel.post(textXml('工伤怎么认定', '777'));
    await entered.promise; // the bot is working on the first request
    const retry = channel.post(textXml('工伤怎么认定', '777'));
    gate.resolve('工伤认定的答复');
    const [a, b] = await Promise.all([first, retry]);
    expect(replyFields(a.text).Content).toBe('工伤认定的答复');
    expect(replyFields(b.text).Content).toBe('工伤认定的答复');
    // A later retry (after the answer went out) is answered from the same result.
    expect(replyFields((await channel.post(textXml('工伤怎么认定', '777'))).text).Content).toBe('工伤认定的答复');
    expect(bot.turns()).toBe(1);
  });

  it('are told `success` once the answer is on its way through the customer-service API, which sends it once', async () => {
    const gate = deferred<string>();
    const bot = stubBot(() => gate.promise);
    const { channel, stub } = await setup({ bot, deadline: () => Promise.resolve() });
    expect((await channel.post(textXml('问', '888'))).text).toBe('success');
    expect((await channel.post(textXml('问', '888'))).text).toBe('success');
    gate.resolve('答复');
    await stub.send(0);
    expect((await channel.post(textXml('问', '888'))).text).toBe('success');
    expect(bot.turns()).toBe(1);
    expect(stub.sends).toHaveLength(1);
  });

  it('different MsgIds are different messages', async () => {
    const bot = stubBot((a) => `答:${a.text}`);
    const { channel } = await setup({ bot, deadline: () => new Promise(() => undefined) });
    await channel.post(textXml('一', '1001'));
    await channel.post(textXml('二', '1002'));
    expect(bot.turns()).toBe(2);
  });
});

describe('slow answers', () => {
  it('answer `success` first, then deliver the answer through the customer-service API', async () => {
    const gate = deferred<string>();
    const bot = stubBot(() => gate.promise);
    const { channel, stub } = await setup({ bot, deadline: () => Promise.resolve() });
    const res = await channel.post(textXml('房屋租赁合同纠纷怎么处理', '999'));
    expect(res).toEqual({ status: 200, text: 'success' });
    expect(stub.sends).toHaveLength(0); // nothing sent before the answer exists

    gate.resolve('租赁合同纠纷的答复');
    const sent = await stub.send(0);
    expect(sent.body).toEqual({ touser: OPENID, msgtype: 'text', text: { content: '租赁合同纠纷的答复' } });
    expect(sent.accessToken).toBe('TOKEN_1');
  });

  it('reuse the cached access token, and refresh it once when WeChat reports it expired', async () => {
    const bot = stubBot((a) => `答:${a.text}`);
    const { channel, stub } = await setup({ bot, deadline: () => Promise.resolve(), failFirstSendWith: 42001 });
    await channel.post(textXml('一', '2001'));
    const first = await stub.send(0);
    await channel.post(textXml('二', '2002'));
    const second = await stub.send(1);
    expect(first).toMatchObject({ accessToken: 'TOKEN_2', body: { text: { content: '答:一' } } }); // 42001 → refreshed
    expect(second.accessToken).toBe('TOKEN_2');
    expect(stub.tokenRequests()).toBe(2);
  });
});

describe('proactive messages (outside a turn)', () => {
  it('go to the citizen through the customer-service API', async () => {
    const bot = stubBot(() => 'x');
    const { stub } = await setup({ bot, deadline: () => Promise.resolve() });
    await bot.adapter.continueConversation(
      { channelId: 'wechat', conversation: { id: OPENID, isGroup: false, conversationType: 'personal', name: '' }, bot: { id: 'lawline', name: 'lawline' } },
      async (context) => void (await context.sendActivity('值班律师：您好，我看了您的问题。')),
    );
    expect((await stub.send(0)).body.text.content).toBe('值班律师：您好，我看了您的问题。');
  });
});
