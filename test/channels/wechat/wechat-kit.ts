/**
 * Test kit for the WeChat channel: signed requests in the documented XML formats, an independent safe-mode
 * reference (written here from the protocol notes, not with src/channels/wechat/crypto.ts), a local server for the
 * router, a customer-service API stub on 127.0.0.1:0, and a bot stub whose turns the test controls.
 */
import express from 'express';
import type { Activity } from 'botbuilder';
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWechatRouter, type WechatRouterOptions } from '../../../src/channels/wechat/index.js';
import { parseWechatXml } from '../../../src/channels/wechat/xml.js';
import { LocalChannelAdapter } from '../../../src/channels/local-adapter.js';
import { createLogger } from '../../../src/logging/logger.js';
import type { WechatSettings } from '../../../src/channels/wechat/config.js';

export const TOKEN = 'lawlineTestToken';
export const APPID = 'wx1234567890abcdef';
export const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'; // 43 characters
export const ACCOUNT = 'gh_lawline_test';
export const OPENID = 'oUser_test_openid_0001';

export function settings(overrides: Partial<WechatSettings> = {}): WechatSettings {
  return { token: TOKEN, appId: APPID, appSecret: 'secret', apiBase: 'http://127.0.0.1:9', replyDeadlineMs: 4000, ...overrides };
}

export function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const sha1 = (...parts: string[]) => createHash('sha1').update([...parts].sort().join('')).digest('hex');

/** signature/timestamp/nonce for a request, as WeChat sends them. */
export function signedQuery(extra: Record<string, string> = {}, token = TOKEN): Record<string, string> {
  const timestamp = '1700000000';
  const nonce = 'n0nce42';
  return { signature: sha1(token, timestamp, nonce), timestamp, nonce, openid: OPENID, ...extra };
}

export function textXml(content: string, msgId = '23456789012345678', openid = OPENID): string {
  return `<xml><ToUserName><![CDATA[${ACCOUNT}]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName>` +
    `<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content>` +
    `<MsgId>${msgId}</MsgId></xml>`;
}

export function eventXml(event: string, eventKey = '', createTime = '1700000001'): string {
  return `<xml><ToUserName><![CDATA[${ACCOUNT}]]></ToUserName><FromUserName><![CDATA[${OPENID}]]></FromUserName>` +
    `<CreateTime>${createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${event}]]></Event>` +
    `<EventKey><![CDATA[${eventKey}]]></EventKey></xml>`;
}

export function mediaXml(type: 'image' | 'voice', msgId = '34567890123456789'): string {
  return `<xml><ToUserName><![CDATA[${ACCOUNT}]]></ToUserName><FromUserName><![CDATA[${OPENID}]]></FromUserName>` +
    `<CreateTime>1700000002</CreateTime><MsgType><![CDATA[${type}]]></MsgType><PicUrl><![CDATA[http://x.invalid/p.jpg]]></PicUrl>` +
    `<MediaId><![CDATA[media_id]]></MediaId><MsgId>${msgId}</MsgId></xml>`;
}

/** Reference safe-mode encryption (PKCS#7 to 32-byte blocks by hand). */
export function referenceEncrypt(xml: string, appId = APPID, aesKey = AES_KEY): string {
  const key = Buffer.from(`${aesKey}=`, 'base64');
  const body = Buffer.from(xml);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  const plain = Buffer.concat([randomBytes(16), len, body, Buffer.from(appId)]);
  const pad = 32 - (plain.length % 32);
  const c = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  return Buffer.concat([c.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), c.final()]).toString('base64');
}

export function referenceDecrypt(encrypted: string, aesKey = AES_KEY): { xml: string; appId: string } {
  const key = Buffer.from(`${aesKey}=`, 'base64');
  const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false);
  const plain = Buffer.concat([d.update(Buffer.from(encrypted, 'base64')), d.final()]);
  const unpadded = plain.subarray(0, plain.length - plain.at(-1)!);
  const size = unpadded.readUInt32BE(16);
  return { xml: unpadded.subarray(20, 20 + size).toString(), appId: unpadded.subarray(20 + size).toString() };
}

export const msgSignature = (timestamp: string, nonce: string, encrypted: string) => sha1(TOKEN, timestamp, nonce, encrypted);

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const close = (server: Server) => new Promise<void>((r) => server.close(() => r()));

/** A bot stub: counts turns, records activities, answers with `reply(activity)` (which may wait). */
type StubReply = string | Partial<Activity>[] | null;
export function stubBot(reply: (a: Activity) => Promise<StubReply> | StubReply) {
  const seen: Activity[] = [];
  const adapter = new LocalChannelAdapter(async (context) => {
    seen.push(context.activity);
    const r = await reply(context.activity);
    if (typeof r === 'string') await context.sendActivity(r);
    else if (r) await context.sendActivities(r);
  });
  return { adapter, seen, turns: () => seen.length };
}

/** The router under a real HTTP server. */
export async function startChannel(options: Partial<WechatRouterOptions> & Pick<WechatRouterOptions, 'adapter'>) {
  const app = express();
  app.use('/wechat', createWechatRouter({ settings: settings(), log: createLogger('silent'), ...options }));
  const server = createServer(app);
  const base = await listen(server);
  const call = async (method: 'GET' | 'POST', query: Record<string, string>, body?: string) => {
    const res = await fetch(`${base}/wechat?${new URLSearchParams(query)}`, {
      method, body, headers: body === undefined ? {} : { 'content-type': 'text/xml' },
    });
    return { status: res.status, text: await res.text() };
  };
  return {
    get: (query: Record<string, string>) => call('GET', query),
    post: (body: string, query: Record<string, string> = signedQuery()) => call('POST', query, body),
    close: () => close(server),
  };
}

/** Fields of a reply XML. */
export const replyFields = (xml: string) => parseWechatXml(xml);

export interface SendCall { accessToken: string | null; body: { touser: string; msgtype: string; text: { content: string } } }

/** The customer-service API on 127.0.0.1:0: /cgi-bin/token and /cgi-bin/message/custom/send. */
export async function startCustomerServiceStub(options: { failFirstSendWith?: number } = {}) {
  const sends: SendCall[] = [];
  let tokenRequests = 0;
  let waiters: Array<{ index: number; resolve: (c: SendCall) => void }> = [];
  let failNext = options.failFirstSendWith;
  const app = express();
  app.get('/cgi-bin/token', (req, res) => {
    tokenRequests++;
    if (req.query.appid !== APPID || req.query.secret !== 'secret') return void res.json({ errcode: 40013, errmsg: 'invalid appid' });
    res.json({ access_token: `TOKEN_${tokenRequests}`, expires_in: 7200 });
  });
  app.post('/cgi-bin/message/custom/send', express.json(), (req, res) => {
    if (failNext) {
      const errcode = failNext;
      failNext = undefined;
      return void res.json({ errcode, errmsg: 'access_token expired' });
    }
    const call = { accessToken: typeof req.query.access_token === 'string' ? req.query.access_token : null, body: req.body };
    sends.push(call);
    waiters = waiters.filter((w) => (w.index < sends.length ? (w.resolve(sends[w.index]!), false) : true));
    res.json({ errcode: 0, errmsg: 'ok' });
  });
  const server = createServer(app);
  const base = await listen(server);
  return {
    base,
    sends,
    tokenRequests: () => tokenRequests,
    /** Resolves with the `index`-th send call (0-based), now or when it happens. */
    send: (index: number) =>
      index < sends.length ? Promise.resolve(sends[index]!) : new Promise<SendCall>((resolve) => waiters.push({ index, resolve })),
    close: () => close(server),
  };
}
