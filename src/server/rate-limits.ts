/**
 * @module server/rate-limits
 * Rate limits on the public endpoints (express-rate-limit), answered with 429 and `Retry-After`. A citizen is
 * counted by the identity the channel gives — the Direct Line conversation, the WeChat openid, the Bot Framework
 * conversation — and by client IP only where there is none (`/api/v1/ask` without an identity, a new Direct Line
 * conversation). WeChat's servers share a few IPs for every citizen, so `/wechat` is never limited by IP alone.
 * Limits are per process: with several processes behind a balancer, the effective limit is that many times higher.
 */
import type { Request, RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import type { Config } from '../config/config.js';

const MINUTE = 60_000;

/** The anonymous API calls anyone may make (the staff endpoints need a login, which has its own throttle). */
export const PUBLIC_API_PATHS = ['/api/v1/ask', '/api/v1/classify', '/api/v1/search', '/api/v1/eligibility', '/api/v1/feedback', '/api/v1/documents', '/api/v1/calculate'];

/** The key a request is counted under, or null to let it through uncounted. */
type KeyOf = (req: Request) => string | null;

function limiter(name: string, perMinute: number, keyOf: KeyOf, onLimited: (name: string) => void): RequestHandler {
  if (perMinute <= 0) return (_req, _res, next) => next();
  return rateLimit({
    windowMs: MINUTE,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    skip: (req) => keyOf(req) === null,
    keyGenerator: (req) => keyOf(req)!,
    // The body names the limit in Chinese for the citizen and in English for a developer; Retry-After is set.
    handler: (_req, res, _next, options) => {
      onLimited(name);
      res.status(options.statusCode).json({ error: 'too many requests, retry later', message: '请求太频繁了，请稍后再试；急事请拨打12348。' });
    },
  });
}

const byIp: KeyOf = (req) => `ip:${req.ip ?? 'unknown'}`;

/** The conversation id in a Direct Line path (/v3/directline/conversations/:id/…). */
const directLineConversation: KeyOf = (req) => {
  const m = /^\/conversations\/([^/]+)/.exec(req.path);
  return m ? `dl:${m[1]}` : null;
};

/** WeChat puts the citizen's openid in the query of every message it forwards; no openid, no limit (never by IP). */
const wechatOpenid: KeyOf = (req) => (typeof req.query.openid === 'string' && req.query.openid ? `wx:${req.query.openid}` : null);

/** Bot Framework activities carry their conversation. */
const botFrameworkConversation: KeyOf = (req) => {
  const id = (req.body as { conversation?: { id?: unknown } } | undefined)?.conversation?.id;
  return typeof id === 'string' && id ? `bf:${id}` : byIp(req);
};

export interface RateLimits {
  /** `/api/v1/ask`, `/api/v1/search`, `/api/v1/eligibility` and the other anonymous API calls. */
  api: RequestHandler;
  /** `/v3/directline`: per conversation, and new conversations per IP. */
  directLine: RequestHandler[];
  wechat: RequestHandler;
  botFramework: RequestHandler;
}

/** `onLimited` hears each refusal, named by its limit (for the metrics). */
export function rateLimits(config: Config, onLimited: (limit: string) => void = () => {}): RateLimits {
  const perMinute = config.LAWLINE_RATE_LIMIT_PER_MINUTE;
  const startsPerMinute = config.LAWLINE_RATE_LIMIT_STARTS_PER_MINUTE;
  const isStart = (req: Request) => req.method === 'POST' && (req.path === '/conversations' || req.path === '/tokens/generate');
  return {
    api: limiter('api', perMinute, byIp, onLimited),
    directLine: [
      limiter('directline_start', startsPerMinute, (req) => (isStart(req) ? byIp(req) : null), onLimited),
      limiter('directline', perMinute, directLineConversation, onLimited),
    ],
    wechat: limiter('wechat', perMinute, wechatOpenid, onLimited),
    botFramework: limiter('botframework', perMinute, botFrameworkConversation, onLimited),
  };
}
