/**
 * A LawlineBot over the shared test assistant, on a TestAdapter, with a throwaway pre-application store.
 * `standard` sets a hardship figure for tests of the means test (the real region file leaves it unset).
 */
import { createPreapplicationRepository } from '../../src/storage/repositories/preapplication-repository.js';
import { memoryStateDatabase } from '../../src/storage/sqlite/memory-state-database.js';
import { MemoryStorage, TestAdapter, TestFlow, type Activity, type Storage } from 'botbuilder';
import { expect } from 'vitest';
import type { Lawline } from '../../src/assistant/lawline.js';
import type { Logger } from '../../src/logging/logger.js';
import { LawlineBot } from '../../src/bot/lawline-bot.js';
import { createPreapplicationStore, type PreapplicationStore } from '../../src/preapplication/preapplication-store.js';
import { testLawline } from '../support/lawline.js';

// TestFlow waits 3 s per reply by default; on a loaded 2-core runner a cold first answer can take longer.
// A longer wait changes nothing when replies come (and fails just the same when they do not).
const assertReply = TestFlow.prototype.assertReply;
TestFlow.prototype.assertReply = function (this: TestFlow, expected, description, timeout = 30_000) {
  return assertReply.call(this, expected, description, timeout);
};

/** A made-up yearly figure: 40000 → half line 1666.67 yuan per person per month. Test-only. */
export const TEST_STANDARD = { year: 2024, cityUrbanIncomePerYear: 40000, source: 'https://example.invalid/test-standard' };

export interface Harness { adapter: TestAdapter; bot: LawlineBot; store: PreapplicationStore; lawline: Lawline }

export function makeHarness(options: { standard?: boolean; storage?: Storage; conversation?: string; log?: Logger } = {}): Harness {
  const shared = testLawline();
  const base = options.log ? { ...shared, log: options.log } : shared;
  const lawline: Lawline = options.standard
    ? { ...base, region: { ...base.region, hardshipStandard: TEST_STANDARD } }
    : base;
  const store = createPreapplicationStore(createPreapplicationRepository(memoryStateDatabase()));
  const bot = new LawlineBot(lawline, { storage: options.storage ?? new MemoryStorage(), preapplications: store });
  const adapter = new TestAdapter(async (context) => bot.run(context));
  if (options.conversation) adapter.conversation.conversation.id = options.conversation;
  return { adapter, bot, store, lawline };
}

/** An assertReply inspector: the reply text contains every fragment. */
export function says(...fragments: string[]) {
  return (activity: Partial<Activity>) => {
    for (const f of fragments) expect(activity.text ?? '', `reply should contain "${f}"`).toContain(f);
  };
}

/** An assertReply inspector: the reply text contains none of the fragments. */
export function saysNot(...fragments: string[]) {
  return (activity: Partial<Activity>) => {
    for (const f of fragments) expect(activity.text ?? '').not.toContain(f);
  };
}
