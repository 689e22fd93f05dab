/**
 * @module config/config
 * Process configuration from the environment, validated with zod. Every field has a working default,
 * so `npm start` runs with no configuration at all.
 */
import { z } from 'zod';
import { ConfigError, formatZodIssues } from '../errors.js';
import { PATHS } from './paths.js';
import { isoDateSchema } from './today.js';

const optionalString = z.string().trim().min(1).optional();

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  LAWLINE_DATA_DIR: z.string().min(1).default(PATHS.defaultDataDir),
  /** Folder of the state database (accounts, pre-applications, bot state). Unset: LAWLINE_DATA_DIR. */
  LAWLINE_STATE_DIR: optionalString,
  /** PostgreSQL for the state, shared by every lawline process (postgres://user:password@host:5432/db). Unset: SQLite. */
  LAWLINE_DATABASE_URL: z.string().trim().regex(/^postgres(ql)?:\/\/\S+$/, 'expected a postgres:// or postgresql:// URL').optional(),
  /** Connections each process keeps to PostgreSQL for queries. */
  LAWLINE_DATABASE_POOL: z.coerce.number().int().min(2).max(200).default(10),
  /** Secret Direct Line tokens are signed with; processes behind one load balancer share it. Unset: a key kept in the database. */
  LAWLINE_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Folder of a local BERT-style feature-extraction model (config.json, tokenizer.json, onnx/). Unset: lexical only. */
  LAWLINE_EMBEDDING_MODEL: optionalString,
  LAWLINE_REGION_FILE: optionalString,
  /** Days a conversation transcript is kept (personal data); older activities are deleted at start-up. */
  LAWLINE_TRANSCRIPT_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  /** How often each process looks for knowledge edits staff made (seconds); an edit reaches every process within this. */
  LAWLINE_KNOWLEDGE_POLL_SECONDS: z.coerce.number().min(0.2).max(60).default(15),
  LAWLINE_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Requests per minute one citizen (a Direct Line conversation, a WeChat openid, else a client IP) may send to the public endpoints; 0 turns limiting off. */
  LAWLINE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).default(60),
  /** New Direct Line conversations per minute from one IP (a whole school or office may share one). */
  LAWLINE_RATE_LIMIT_STARTS_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).default(600),
  /** Reverse proxies in front of lawline whose X-Forwarded-For is trusted (express's "trust proxy": a hop count, or addresses); unset: none. */
  LAWLINE_TRUST_PROXY: optionalString,
  /** A staff token unused this long expires (minutes). */
  LAWLINE_STAFF_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** A staff token expires this long after login however it is used (hours). */
  LAWLINE_STAFF_TOKEN_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  /** Origins whose pages may embed the widget and call the public API, comma-separated (https://www.example.gov.cn); unset: any origin. */
  LAWLINE_WIDGET_ORIGINS: z.string().trim().optional()
    .transform((v) => (v ? v.split(',').map((o) => o.trim()).filter(Boolean) : undefined))
    .refine((list) => !list || list.every((o) => /^https?:\/\/[^/\s]+$/.test(o)), 'expected comma-separated origins such as https://www.example.gov.cn'),
  /** The address citizens reach lawline at (https://law.example.gov.cn): download links in WeChat need it whole; unset: links are paths. */
  LAWLINE_PUBLIC_URL: z.string().trim().url().regex(/^https?:\/\//, 'expected an http(s) URL').transform((u) => u.replace(/\/+$/, '')).optional(),
  /** On SIGTERM/SIGINT, how long the requests and bot turns in flight may take to finish before the process stops anyway (ms). */
  LAWLINE_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(20_000),
  /** Bearer token for GET /metrics; unset: /metrics answers only local, unforwarded requests. */
  LAWLINE_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** The date the law is read as of (see config/today.ts); unset: today in China. Checked here so a bad value stops the start. */
  LAWLINE_TODAY: isoDateSchema.optional(),
  /** Bot Framework credentials; unset means no auth (Emulator, local). */
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: optionalString,
  MicrosoftAppTenantId: optionalString,
  // --- WeChat Official Account channel (src/channels/wechat/config.ts checks them together) ---
  /** Server token from the WeChat admin console; unset: /wechat answers 503. */
  WECHAT_TOKEN: optionalString,
  WECHAT_APPID: optionalString,
  WECHAT_APPSECRET: optionalString,
  /** Safe-mode key, 43 characters; unset: plaintext mode only. */
  WECHAT_ENCODING_AES_KEY: z.string().trim().regex(/^[A-Za-z0-9+/]{43}$/, 'must be the 43-character EncodingAESKey').optional(),
  WECHAT_API_BASE: z.string().url().default('https://api.weixin.qq.com'),
  /** Passive replies must arrive within WeChat's 5 s; later answers go through the customer-service API. */
  WECHAT_REPLY_DEADLINE_MS: z.coerce.number().int().min(100).max(4500).default(4000),
  // --- end WeChat ---
});

export type Config = z.infer<typeof configSchema>;

/** Reads configuration from `env`; throws a ConfigError naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) throw new ConfigError(`invalid configuration: ${formatZodIssues(result.error)}`);
  return result.data;
}
