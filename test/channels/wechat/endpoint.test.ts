/**
 * The /wechat endpoint's gatekeeping: URL verification, signatures on GET and POST, XML safety, body size,
 * configuration.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { wechatSettings } from '../../../src/channels/wechat/config.js';
import { loadConfig } from '../../../src/config/config.js';
import { signedQuery, startChannel, stubBot, textXml, TOKEN } from './wechat-kit.js';

let channel: Awaited<ReturnType<typeof startChannel>> | undefined;
afterEach(async () => {
  await channel?.close();
  channel = undefined;
});

describe('WeChat URL verification (GET)', () => {
  it('echoes echostr when the signature matches', async () => {
    channel = await startChannel({ adapter: stubBot(() => 'x').adapter });
    const res = await channel.get(signedQuery({ echostr: '5189374326459726' }));
    expect(res).toEqual({ status: 200, text: '5189374326459726' });
  });

  it.each([
    ['a signature made with another token', signedQuery({ echostr: 'e' }, 'wrongToken')],
    ['a changed timestamp', { ...signedQuery({ echostr: 'e' }), timestamp: '1700000099' }],
    ['no signature', { timestamp: '1700000000', nonce: 'n', echostr: 'e' }],
  ])('refuses %s with 403 and does not echo', async (_name, query) => {
    channel = await startChannel({ adapter: stubBot(() => 'x').adapter });
    const res = await channel.get(query);
    expect(res.status).toBe(403);
    expect(res.text).not.toBe('e');
  });
});

describe('WeChat pushes (POST)', () => {
  it('refuses an unsigned or wrongly signed message with 403, without running the bot', async () => {
    const bot = stubBot(() => '答复');
    channel = await startChannel({ adapter: bot.adapter });
    expect((await channel.post(textXml('你好'), signedQuery({}, 'wrongToken'))).status).toBe(403);
    expect((await channel.post(textXml('你好'), { timestamp: '1', nonce: 'n' })).status).toBe(403);
    expect(bot.turns()).toBe(0);
  });

  it('refuses XML with a DOCTYPE or entity declaration with 400', async () => {
    const bot = stubBot(() => '答复');
    channel = await startChannel({ adapter: bot.adapter });
    const xxe = `<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${textXml('&xxe;')}`;
    const bomb = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>${textXml('&lol2;')}`;
    for (const body of [xxe, bomb]) {
      const res = await channel.post(body);
      expect(res.status).toBe(400);
      expect(res.text).toMatch(/DOCTYPE/);
    }
    expect(bot.turns()).toBe(0);
  });

  it('refuses malformed XML and messages missing required fields with 400', async () => {
    channel = await startChannel({ adapter: stubBot(() => 'x').adapter });
    expect((await channel.post('<xml><ToUserName>')).status).toBe(400);
    const noSender = await channel.post('<xml><ToUserName>gh</ToUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>');
    expect(noSender.status).toBe(400);
    expect(noSender.text).toMatch(/FromUserName/);
  });

  it('refuses a body over 64 kB with 413', async () => {
    const bot = stubBot(() => '答复');
    channel = await startChannel({ adapter: bot.adapter });
    const res = await channel.post(textXml('法'.repeat(70_000 / 3 + 10)));
    expect(res.status).toBe(413);
    expect(bot.turns()).toBe(0);
  });
});

describe('WeChat configuration', () => {
  it('answers 503 on every request when WECHAT_TOKEN is unset', async () => {
    channel = await startChannel({ adapter: stubBot(() => 'x').adapter, settings: wechatSettings(loadConfig({})) });
    expect((await channel.get(signedQuery({ echostr: 'e' }))).status).toBe(503);
    expect((await channel.post(textXml('你好'))).status).toBe(503);
  });

  it('defaults the passive-reply deadline to 4 s, inside WeChat’s 5 s', () => {
    const s = wechatSettings(loadConfig({ WECHAT_TOKEN: TOKEN }));
    expect(s?.replyDeadlineMs).toBe(4000);
    expect(s?.apiBase).toBe('https://api.weixin.qq.com');
    expect(() => loadConfig({ WECHAT_TOKEN: TOKEN, WECHAT_REPLY_DEADLINE_MS: '5000' })).toThrow(/WECHAT_REPLY_DEADLINE_MS/);
  });

  it('names the variable at fault', () => {
    expect(() => loadConfig({ WECHAT_ENCODING_AES_KEY: 'short' })).toThrow(/WECHAT_ENCODING_AES_KEY/);
    const noAppId = loadConfig({ WECHAT_TOKEN: TOKEN, WECHAT_ENCODING_AES_KEY: 'a'.repeat(43) });
    expect(() => wechatSettings(noAppId)).toThrow(/WECHAT_APPID/);
  });
});
