/**
 * @module tools/bench/ask-serving
 * `ask` timed in-process in a fresh serving process: started on the existing index, models and learned artifact (a
 * warm start, as `npm start` is), warmed up, then asked every question of the ask dev set in a loop. The bench's own
 * process also times asks, but it built the index and trained the models first, and its larger heap makes the
 * collector's pauses longer than a server's; this is what a deployed server does. Run as a child by bench.ts
 * (LAWLINE_DATA_DIR names the built data); prints one JSON line.
 */
import { createLawline } from '../../assistant/lawline.js';
import { loadConfig } from '../../config/config.js';
import { createLogger } from '../../logging/logger.js';
import { cycle, readFixtureTexts } from './fixtures.js';
import { timeAsks } from './ask-loop.js';

const WARMUP = 100;
const ASKS = 1200;

async function main(): Promise<void> {
  const lawline = createLawline({ config: loadConfig(), log: createLogger('warn') });
  const texts = cycle(readFixtureTexts('ask-dev.jsonl'), ASKS);
  const result = await timeAsks(lawline, texts, WARMUP);
  lawline.close();
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`ask-serving: ${(error as Error).message}\n`);
  process.exit(1);
});
