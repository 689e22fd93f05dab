/**
 * Safe mode (encrypt_type=aes): a request encrypted with an independent reference implementation is decrypted,
 * answered, and the encrypted reply decrypts (with the reference) to a reply for the same citizen.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createWechatCrypto, pkcs7Pad } from '../../../src/channels/wechat/crypto.js';
import {
  ACCOUNT, AES_KEY, APPID, msgSignature, OPENID, referenceDecrypt, referenceEncrypt, replyFields, settings, signedQuery,
  startChannel, stubBot, textXml, TOKEN,
} from './wechat-kit.js';

let channel: Awaited<ReturnType<typeof startChannel>> | undefined;
afterEach(async () => {
  await channel?.close();
  channel = undefined;
});

function encryptedRequest(inner: string, appId = APPID) {
  const encrypted = referenceEncrypt(inner, appId);
  const query = signedQuery({ encrypt_type: 'aes', msg_signature: msgSignature('1700000000', 'n0nce42', encrypted) });
  const body = `<xml><ToUserName><![CDATA[${ACCOUNT}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`;
  return { query, body, encrypted };
}

const safeSettings = () => settings({ encodingAesKey: AES_KEY });
const never = () => new Promise<void>(() => undefined);

describe('safe mode', () => {
  it('decrypts the request, verifies msg_signature and replies with encrypted XML', async () => {
    const bot = stubBot((a) => `收到：${a.text}`);
    channel = await startChannel({ adapter: bot.adapter, settings: safeSettings(), replyDeadline: never });
    const { query, body } = encryptedRequest(textXml('加班费怎么算', '4242'));
    const res = await channel.post(body, query);
    expect(res.status).toBe(200);

    const outer = replyFields(res.text);
    expect(Object.keys(outer).sort()).toEqual(['Encrypt', 'MsgSignature', 'Nonce', 'TimeStamp']);
    expect(outer.MsgSignature).toBe(msgSignature(outer.TimeStamp!, outer.Nonce!, outer.Encrypt!));
    const { xml, appId } = referenceDecrypt(outer.Encrypt!);
    expect(appId).toBe(APPID);
    expect(replyFields(xml)).toMatchObject({ ToUserName: OPENID, FromUserName: ACCOUNT, MsgType: 'text', Content: '收到：加班费怎么算' });
    expect(bot.seen[0]?.text).toBe('加班费怎么算');
  });

  it('accepts a long encrypted message (Encrypt field of several kB)', async () => {
    const bot = stubBot((a) => `共${a.text?.length}字`);
    channel = await startChannel({ adapter: bot.adapter, settings: safeSettings(), replyDeadline: never });
    const { query, body, encrypted } = encryptedRequest(textXml('我和公司的劳动纠纷经过如下。'.repeat(120), '4343'));
    expect(encrypted.length).toBeGreaterThan(4096);
    const res = await channel.post(body, query);
    expect(res.status).toBe(200);
    expect(replyFields(referenceDecrypt(replyFields(res.text).Encrypt!).xml).Content).toBe(`共${14 * 120}字`);
  });

  it('refuses a wrong msg_signature and a message for another AppID with 403', async () => {
    const bot = stubBot(() => 'x');
    channel = await startChannel({ adapter: bot.adapter, settings: safeSettings(), replyDeadline: never });
    const good = encryptedRequest(textXml('你好', '1'));
    const badSig = await channel.post(good.body, { ...good.query, msg_signature: msgSignature('1700000000', 'other', good.encrypted) });
    expect(badSig.status).toBe(403);
    const other = encryptedRequest(textXml('你好', '2'), 'wxSomeoneElse00000');
    expect((await channel.post(other.body, other.query)).status).toBe(403);
    expect(bot.turns()).toBe(0);
  });

  it('refuses encrypted pushes with 400 when no EncodingAESKey is configured', async () => {
    channel = await startChannel({ adapter: stubBot(() => 'x').adapter, replyDeadline: never });
    const { query, body } = encryptedRequest(textXml('你好', '3'));
    expect((await channel.post(body, query)).status).toBe(400);
  });

  it('pads to 32-byte blocks and round-trips multi-byte text', () => {
    expect(pkcs7Pad(Buffer.alloc(32)).length).toBe(64);
    expect(pkcs7Pad(Buffer.alloc(33)).at(-1)).toBe(31);
    const c = createWechatCrypto({ token: TOKEN, encodingAesKey: AES_KEY, appId: APPID });
    const xml = textXml('离婚财产怎么分？'.repeat(20));
    expect(c.decrypt(referenceEncrypt(xml))).toBe(xml);
    expect(referenceDecrypt(c.encrypt(xml))).toEqual({ xml, appId: APPID });
  });
});
