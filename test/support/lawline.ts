/**
 * The real assistant over the shared test data directory prepared by global-setup.ts (built once per run).
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLawline, type Lawline } from '../../src/assistant/lawline.js';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/logger.js';

export const TEST_DATA_DIR = process.env.LAWLINE_TEST_DATA_DIR ?? join(tmpdir(), 'lawline-test-data');

let shared: Lawline | undefined;

/** Config for tests: the shared data dir, an ephemeral port, quiet logs. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  // The limiter runs in every test, set high: suites send far more than one citizen would; rate-limits.test.ts
  // checks the limits themselves.
  return loadConfig({ LAWLINE_DATA_DIR: TEST_DATA_DIR, PORT: '0', LAWLINE_LOG_LEVEL: 'silent', LAWLINE_RATE_LIMIT_PER_MINUTE: '100000', LAWLINE_RATE_LIMIT_STARTS_PER_MINUTE: '100000', ...overrides });
}

/** One assistant per test worker (start-up reuses the index and models built by the global setup). */
export function testLawline(): Lawline {
  shared ??= createLawline({ config: testConfig(), log: createLogger('silent') });
  return shared;
}
