/**
 * @module channels/wechat/config
 * The WeChat channel's settings, derived from the process configuration (WECHAT_* in config/config.ts) and checked
 * together: safe mode needs the AppID, the customer-service API needs AppID and AppSecret.
 */
import { z } from 'zod';
import type { Config } from '../../config/config.js';
import { ConfigError, formatZodIssues } from '../../errors.js';

const settingsSchema = z
  .object({
    token: z.string().min(1),
    appId: z.string().min(1).optional(),
    appSecret: z.string().min(1).optional(),
    encodingAesKey: z.string().length(43).optional(),
    apiBase: z.string().url(),
    replyDeadlineMs: z.number().int().positive(),
  })
  .superRefine((s, ctx) => {
    if (s.encodingAesKey && !s.appId) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['WECHAT_APPID'], message: 'required when WECHAT_ENCODING_AES_KEY is set (safe mode checks it)' });
    }
    if (s.appSecret && !s.appId) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['WECHAT_APPID'], message: 'required when WECHAT_APPSECRET is set' });
    }
  });

/** What the channel needs. `appId` + `appSecret` enable late answers through the customer-service API. */
export type WechatSettings = z.infer<typeof settingsSchema>;

/**
 * The channel's settings, or null when WECHAT_TOKEN is unset (the route then answers 503).
 * Throws a ConfigError naming the WECHAT_* variable at fault.
 * @example const wechat = wechatSettings(loadConfig());
 */
export function wechatSettings(config: Config): WechatSettings | null {
  if (!config.WECHAT_TOKEN) return null;
  const result = settingsSchema.safeParse({
    token: config.WECHAT_TOKEN,
    appId: config.WECHAT_APPID,
    appSecret: config.WECHAT_APPSECRET,
    encodingAesKey: config.WECHAT_ENCODING_AES_KEY,
    apiBase: config.WECHAT_API_BASE,
    replyDeadlineMs: config.WECHAT_REPLY_DEADLINE_MS,
  });
  if (!result.success) throw new ConfigError(`invalid WeChat configuration (environment): ${formatZodIssues(result.error)}`);
  return result.data;
}
