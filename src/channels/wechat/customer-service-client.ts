/**
 * @module channels/wechat/customer-service-client
 * The customer-service (客服) message API, for answers that miss the passive-reply deadline and for proactive
 * messages: an access token fetched with AppID/AppSecret and cached until shortly before it expires (one fetch at
 * a time), then `POST /cgi-bin/message/custom/send`. An expired or invalid token is refreshed once and retried.
 */
import { z } from 'zod';
import { LawlineError, type ErrorCode } from '../../errors.js';

/** A WeChat API call failed; `errcode` is WeChat's (45015: outside the 48-hour window). */
export class WechatApiError extends LawlineError {
  override name = 'WechatApiError';
  readonly code: ErrorCode = 'wechat_api';
  constructor(readonly errcode: number, message: string) {
    super(message);
  }
}

export interface CustomerServiceSender {
  sendText(openid: string, content: string): Promise<void>;
}

export interface CustomerServiceOptions {
  appId: string;
  appSecret: string;
  /** https://api.weixin.qq.com unless WECHAT_API_BASE says otherwise (tests: a local stub). */
  apiBase: string;
  fetch?: typeof fetch;
  now?: () => number;
  timeoutMs?: number;
}

const tokenSchema = z.union([
  z.object({ access_token: z.string().min(1), expires_in: z.number().positive() }),
  z.object({ errcode: z.number(), errmsg: z.string().optional() }),
]);
const resultSchema = z.object({ errcode: z.number().default(0), errmsg: z.string().optional() });

/** Refresh this long before WeChat says the token expires. */
const EARLY_MS = 5 * 60_000;
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);

/**
 * @example
 * const cs = createCustomerServiceClient({ appId, appSecret, apiBase: 'https://api.weixin.qq.com' });
 * await cs.sendText(openid, '您好');
 */
export function createCustomerServiceClient(options: CustomerServiceOptions): CustomerServiceSender {
  const { fetch: doFetch = fetch, now = Date.now, timeoutMs = 10_000 } = options;
  const base = options.apiBase.replace(/\/+$/, '');
  let cached: { token: string; expires: number } | null = null;
  let pending: Promise<string> | null = null;

  async function call(url: string, init?: RequestInit): Promise<unknown> {
    const res = await doFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw new WechatApiError(-1, `WeChat API ${new URL(url).pathname}: HTTP ${res.status}`);
    return res.json();
  }

  async function fetchToken(): Promise<string> {
    const q = new URLSearchParams({ grant_type: 'client_credential', appid: options.appId, secret: options.appSecret });
    const parsed = tokenSchema.safeParse(await call(`${base}/cgi-bin/token?${q}`));
    if (!parsed.success) throw new WechatApiError(-1, 'WeChat /cgi-bin/token: unexpected response');
    const body = parsed.data;
    if ('errcode' in body) throw new WechatApiError(body.errcode, `WeChat /cgi-bin/token: ${body.errcode} ${body.errmsg ?? ''}`.trim());
    cached = { token: body.access_token, expires: now() + Math.max(body.expires_in * 1000 - EARLY_MS, 60_000) };
    return body.access_token;
  }

  function token(): Promise<string> {
    if (cached && cached.expires > now()) return Promise.resolve(cached.token);
    pending ??= fetchToken().finally(() => {
      pending = null;
    });
    return pending;
  }

  async function send(openid: string, content: string): Promise<number> {
    const url = `${base}/cgi-bin/message/custom/send?access_token=${encodeURIComponent(await token())}`;
    const body = JSON.stringify({ touser: openid, msgtype: 'text', text: { content } });
    const parsed = resultSchema.safeParse(await call(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }));
    if (!parsed.success) throw new WechatApiError(-1, 'WeChat /cgi-bin/message/custom/send: unexpected response');
    if (parsed.data.errcode && !TOKEN_ERRORS.has(parsed.data.errcode)) {
      throw new WechatApiError(parsed.data.errcode, `WeChat custom/send: ${parsed.data.errcode} ${parsed.data.errmsg ?? ''}`.trim());
    }
    return parsed.data.errcode;
  }

  return {
    async sendText(openid, content) {
      if (TOKEN_ERRORS.has(await send(openid, content))) {
        cached = null;
        const again = await send(openid, content);
        if (again) throw new WechatApiError(again, `WeChat custom/send: ${again} after a token refresh`);
      }
    },
  };
}
