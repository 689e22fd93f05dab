/**
 * Builds the knowledge index and trains the models once for the whole test run, in a shared data directory
 * outside the repo; every test that needs the real assistant reuses it (see ./lawline.ts).
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLawline } from '../../src/assistant/lawline.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/logging/logger.js';

export default function setup(): void {
  const dataDir = process.env.LAWLINE_TEST_DATA_DIR ?? join(tmpdir(), 'lawline-test-data');
  mkdirSync(dataDir, { recursive: true });
  process.env.LAWLINE_TEST_DATA_DIR = dataDir;
  const lawline = createLawline({ config: loadConfig({ LAWLINE_DATA_DIR: dataDir }), log: createLogger('warn') });
  lawline.close();
}
