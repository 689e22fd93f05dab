/**
 * @module channels/wechat
 * The WeChat Official Account endpoint (`/wechat`): GET answers the URL verification, POST takes pushed messages
 * in plaintext or safe mode. Every request is signature-checked (403), bodies are capped (413) and must be plain
 * WeChat XML (400). The answer goes out as the passive reply when ready before the deadline; otherwise the request
 * answers `success` and the answer follows through the customer-service API. Without WECHAT_TOKEN the route
 * answers 503, so a misconfigured account is obvious rather than a 404.
 */
import express, { type ErrorRequestHandler, type Request, type Response, type Router } from 'express';
import { randomBytes } from 'node:crypto';
import type { LocalChannelAdapter } from '../local-adapter.js';
import { statusOf } from '../../http/error-status.js';
import type { Logger } from '../../logging/logger.js';
import type { WechatSettings } from './config.js';
import { createWechatCrypto, WechatCryptoError, type WechatCrypto } from './crypto.js';
import { createCustomerServiceClient, type CustomerServiceSender } from './customer-service-client.js';
import { createReplyDedupe, passiveOrLate } from './dedupe.js';
import { createFollowUpStore, type FollowUpStore } from './follow-up-store.js';
import type { WechatMessageRepository } from '../../storage/repositories/wechat-repository.js';
import { dedupeKey, parseInbound, readReplies, textReplyXml, WECHAT_CHANNEL_ID, type WechatInbound } from './handler.js';
import { shapeReply } from './reply-shaper.js';
import { createWechatResponder } from './responder.js';
import { verifySignature } from './signature.js';
import { buildWechatXml, parseWechatXml, WechatXmlError } from './xml.js';

/** WeChat pushes are small; anything larger is not from WeChat. */
export const WECHAT_BODY_LIMIT = '64kb';

export interface WechatRouterOptions {
  /** From wechatSettings(config); null: every request gets 503. */
  settings: WechatSettings | null;
  adapter: Pick<LocalChannelAdapter, 'runTurn' | 'setProactiveSender'>;
  log: Logger;
  /** Default: the real API when AppID and AppSecret are set, else none (late answers are logged as lost). */
  customerService?: CustomerServiceSender | null;
  /** Resolves when the passive-reply window closes. Default: settings.replyDeadlineMs. Tests inject their own. */
  replyDeadline?: () => Promise<void>;
  followUps?: FollowUpStore;
  /**
   * Messages claimed across processes (the state database). Without it a retry is recognised only by the process
   * that took the first try, which is enough for one process.
   */
  messages?: WechatMessageRepository;
  now?: () => number;
}

type Query = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * @example app.use('/wechat', createWechatRouter({ settings: wechatSettings(config), adapter, log }));
 */
export function createWechatRouter(options: WechatRouterOptions): Router {
  const router = express.Router();
  const { settings, log, now = Date.now } = options;
  if (!settings) {
    router.all('/', (_req, res) => void res.status(503).type('text/plain').send('WeChat channel is not configured (set WECHAT_TOKEN)'));
    return router;
  }
  const crypto: WechatCrypto | null = settings.encodingAesKey && settings.appId
    ? createWechatCrypto({ token: settings.token, encodingAesKey: settings.encodingAesKey, appId: settings.appId })
    : null;
  const customerService = options.customerService !== undefined
    ? options.customerService
    : settings.appId && settings.appSecret
      ? createCustomerServiceClient({ appId: settings.appId, appSecret: settings.appSecret, apiBase: settings.apiBase })
      : null;
  const replyDeadline = options.replyDeadline
    ?? (() => new Promise<void>((resolve) => setTimeout(resolve, settings.replyDeadlineMs).unref()));
  const followUps = options.followUps ?? createFollowUpStore({ now });
  const respond = createWechatResponder({ adapter: options.adapter, followUps, log });
  const dedupe = createReplyDedupe<string | null>({ now });

  async function sendLate(openid: string, text: string | null): Promise<void> {
    if (text === null) return;
    log.info('wechat: answer missed the passive-reply deadline; sending it through the customer-service API');
    if (!customerService) {
      log.error('wechat: answer missed the reply deadline and no customer-service API is configured (WECHAT_APPID/WECHAT_APPSECRET)');
      return;
    }
    try {
      await customerService.sendText(openid, text);
    } catch (error) {
      log.error('wechat: customer-service send failed', { error });
    }
  }

  options.adapter.setProactiveSender(WECHAT_CHANNEL_ID, async (reference, activities) => {
    const openid = reference.conversation?.id;
    if (!openid) throw new Error('wechat: proactive message without a conversation id');
    const shaped = shapeReply(readReplies(activities));
    // The relayed message is now the last one the citizen saw: older numbers would swallow replies meant for
    // the lawyer (or the rating), so they are replaced, and forgotten when it offers none.
    await followUps.set(openid, shaped.options);
    if (!customerService) throw new Error('wechat: customer-service API is not configured');
    await customerService.sendText(openid, shaped.text);
  });

  const signed = (q: Query) => verifySignature(q.signature, settings.token, q.timestamp, q.nonce);

  router.get('/', (req, res) => {
    const echostr = str(req.query.echostr);
    if (!signed(req.query) || !echostr) return void res.status(403).type('text/plain').send('invalid signature');
    res.type('text/plain').send(echostr);
  });

  router.post('/', express.text({ type: () => true, limit: WECHAT_BODY_LIMIT }), async (req: Request, res: Response) => {
    const q = req.query as Query;
    if (!signed(q)) return void res.status(403).type('text/plain').send('invalid signature');
    if (typeof req.body !== 'string' || !req.body) return void res.status(400).type('text/plain').send('expected an XML body');
    const safe = str(q.encrypt_type) === 'aes';
    let msg: WechatInbound;
    try {
      let fields = parseWechatXml(req.body);
      if (safe) {
        if (!crypto) return void res.status(400).type('text/plain').send('safe mode is not configured (WECHAT_ENCODING_AES_KEY)');
        const encrypted = fields.Encrypt ?? '';
        if (!verifySignature(q.msg_signature, settings.token, q.timestamp, q.nonce, encrypted)) {
          return void res.status(403).type('text/plain').send('invalid msg_signature');
        }
        fields = parseWechatXml(crypto.decrypt(encrypted));
      }
      msg = parseInbound(fields);
    } catch (error) {
      if (error instanceof WechatCryptoError) return void res.status(statusOf(error)).type('text/plain').send(`cannot decrypt: ${error.message}`);
      if (error instanceof WechatXmlError) return void res.status(statusOf(error)).type('text/plain').send(error.message);
      throw error;
    }

    const key = dedupeKey(msg);
    const deadline = replyDeadline();
    let reply: string | null;
    const local = dedupe.known(key);
    if (!local && options.messages && !(await options.messages.claim(key, now()))) {
      // Another process took the first try: repeat its passive reply if it has one, else it answers late itself.
      log.info('wechat: retry of a message another process is answering', { type: msg.type });
      const record = await options.messages.get(key);
      reply = record && record.mode !== 'async' ? record.reply : null;
    } else {
      const { delivery, retry } = dedupe.claim(key, () => respond(msg));
      if (retry) log.info('wechat: retry of a message already being answered', { type: msg.type });
      const passive = await passiveOrLate(delivery, deadline, (text) => sendLate(msg.openid, text));
      reply = passive?.value ?? null;
      if (options.messages && !retry) {
        const settled = passive
          ? Promise.resolve({ mode: 'passive' as const, reply })
          : delivery.result.then((text) => ({ mode: 'async' as const, reply: text }));
        void settled.then((record) => options.messages!.settle(key, record))
          .catch((error: unknown) => log.warn('wechat: cannot record how a message was answered', { error }));
      }
    }
    if (reply === null) return void res.type('text/plain').send('success');
    const xml = textReplyXml(msg, reply, Math.floor(now() / 1000));
    if (!crypto || !safe) return void res.type('application/xml').send(xml);
    const timestamp = String(Math.floor(now() / 1000));
    const nonce = randomBytes(8).toString('hex');
    const encrypted = crypto.encrypt(xml);
    res.type('application/xml').send(buildWechatXml({
      Encrypt: encrypted, MsgSignature: crypto.signature(timestamp, nonce, encrypted), TimeStamp: Number(timestamp), Nonce: nonce,
    }));
  });

  const bodyErrors: ErrorRequestHandler = (err, _req, res, next) => {
    const e = err as { type?: string };
    if (e.type === 'entity.too.large') return void res.status(413).type('text/plain').send('request body is too large');
    if (e.type?.startsWith('entity.') || e.type === 'charset.unsupported') return void res.status(400).type('text/plain').send('unreadable body');
    next(err);
  };
  router.use(bodyErrors);
  return router;
}

export { wechatSettings, type WechatSettings } from './config.js';
