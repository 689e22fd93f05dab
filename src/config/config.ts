/**
 * @module config/config
 * Process configuration from the environment, validated with zod. Every field has a working default,
 * so `npm start` runs with no configuration at all.
 */
import { z } from 'zod';
import { formatZodIssues, LawlineError } from '../errors.js';
import { PATHS } from './paths.js';

const optionalString = z.string().trim().min(1).optional();

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  LAWLINE_DATA_DIR: z.string().min(1).default(PATHS.defaultDataDir),
  /** Folder of the state database (accounts, pre-applications, bot state). Unset: LAWLINE_DATA_DIR. */
  LAWLINE_STATE_DIR: optionalString,
  /** Folder of a local BERT-style feature-extraction model (config.json, tokenizer.json, onnx/). Unset: lexical only. */
  LAWLINE_EMBEDDING_MODEL: optionalString,
  LAWLINE_REGION_FILE: optionalString,
  LAWLINE_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Bot Framework credentials; unset means no auth (Emulator, local). */
  MicrosoftAppId: optionalString,
  MicrosoftAppPassword: optionalString,
  MicrosoftAppType: optionalString,
  MicrosoftAppTenantId: optionalString,
});

export type Config = z.infer<typeof configSchema>;

/** Reads configuration from `env`; throws a LawlineError naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) throw new LawlineError(`invalid configuration: ${formatZodIssues(result.error)}`);
  return result.data;
}
