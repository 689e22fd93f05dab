/**
 * @module config/paths
 * Data folders resolved from the repository root, so `bin/lawline` works from any working directory.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding package.json). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export const PATHS = {
  laws: join(REPO_ROOT, 'knowledge', 'laws'),
  guides: join(REPO_ROOT, 'knowledge', 'guides'),
  topics: join(REPO_ROOT, 'knowledge', 'topics.yaml'),
  region: join(REPO_ROOT, 'knowledge', 'region', 'qingyuan.yaml'),
  labourFigures: join(REPO_ROOT, 'knowledge', 'region', 'labour-figures.yaml'),
  holidays: join(REPO_ROOT, 'knowledge', 'region', 'holidays'),
  cases: join(REPO_ROOT, 'case-library'),
  qa: join(REPO_ROOT, 'knowledge', 'qa'),
  realQuestions: join(REPO_ROOT, 'knowledge', 'real-questions'),
  intents: join(REPO_ROOT, 'intents'),
  lexicon: join(REPO_ROOT, 'intents', 'lexicon'),
  defaultDataDir: join(REPO_ROOT, 'data'),
  publicDir: join(REPO_ROOT, 'public'),
} as const;
