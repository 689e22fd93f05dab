/**
 * @module tools/bench/ask-serving
 * `ask` timed in-process in a fresh serving process: started on the existing index, models and learned artifact (a
 * warm start, as `npm start` is), warmed up, then asked every question of the ask dev set in a loop. The bench's own
 * process also times asks, but it built the index and trained the models first, and its larger heap makes the
 * collector's pauses longer than a server's; this is what a deployed server does. Run as a child by bench.ts
 * (LAWLINE_DATA_DIR names the built data); prints one JSON line. The loop then runs again with a staff overlay of
 * STAFF_PHRASINGS phrasings (knowledge upkeep's run-time additions), to show what they cost each question.
 */
import { createLawline } from '../../assistant/lawline.js';
import { loadConfig } from '../../config/config.js';
import { createLogger } from '../../logging/logger.js';
import { cycle, readFixtureTexts } from './fixtures.js';
import { timeAsks } from './ask-loop.js';

const WARMUP = 100;
const ASKS = 1200;
/** Phrasings staff might add in a busy year of knowledge upkeep (the overlay's size for the second loop). */
const STAFF_PHRASINGS = 1000;

async function main(): Promise<void> {
  const lawline = createLawline({ config: loadConfig(), log: createLogger('warn') });
  const texts = cycle(readFixtureTexts('ask-dev.jsonl'), ASKS);
  const result = await timeAsks(lawline, texts, WARMUP);
  // Bank phrasings stand in for staff ones (their length and wording are the citizens'), each under its own entry.
  const phrasings = [...lawline.learned.bank.values()].slice(0, STAFF_PHRASINGS)
    .map((entry) => ({ normalised: lawline.pipeline.analyse(entry.questions.at(-1)!).normalised, entry }));
  lawline.overlay.replace(1, phrasings, []);
  const withOverlay = await timeAsks(lawline, texts, WARMUP);
  lawline.close();
  process.stdout.write(`${JSON.stringify({ ...result, withOverlay: { phrasings: phrasings.length, latencyMs: withOverlay.latencyMs, perSecond: withOverlay.perSecond } })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`ask-serving: ${(error as Error).message}\n`);
  process.exit(1);
});
