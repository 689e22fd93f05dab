/**
 * The chat bot and the workspace: the eligibility conversation reads the hardship standard staff set (no restart,
 * no default), and the bot counts the questions it handles and the checks it runs for the overview.
 */
import { MemoryStorage, TestAdapter } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { LawlineBot } from '../../src/bot/lawline-bot.js';
import { createLogger } from '../../src/logging/logger.js';
import { createHardshipStandards } from '../../src/staff-data/hardship-standard.js';
import { chinaDay } from '../../src/stats/china-day.js';
import { createServiceLog } from '../../src/stats/service-log.js';
import { createHardshipStandardRepository } from '../../src/storage/repositories/hardship-standard-repository.js';
import { createOverviewRepository } from '../../src/storage/repositories/overview-repository.js';
import { createServiceLogRepository } from '../../src/storage/repositories/service-log-repository.js';
import { memoryStateDatabase } from '../../src/storage/sqlite/memory-state-database.js';
import { says } from '../bot/bot-harness.js';
import { testLawline } from '../support/lawline.js';

const START = '我想申请法律援助';

function chatBot() {
  const lawline = testLawline();
  const sql = memoryStateDatabase();
  const standards = createHardshipStandards(createHardshipStandardRepository(sql));
  const bot = new LawlineBot(lawline, {
    storage: new MemoryStorage(),
    region: () => standards.region(lawline.region),
    serviceLog: createServiceLog(createServiceLogRepository(sql), createLogger('silent')),
  });
  const adapter = new TestAdapter(async (context) => bot.run(context));
  const today = chinaDay(Date.now());
  const overview = () => createOverviewRepository(sql).overview({ fromDay: today, toDay: today, fromMs: 0, toMs: Date.now() + 60_000 }, 30_000);
  return { adapter, standards, overview };
}

describe('the service log', () => {
  it('never fails a turn: a write that fails is logged and forgotten', async () => {
    const lines: string[] = [];
    const failing = { addConsultation: () => Promise.reject(new Error('disk full')), addEligibilityCheck: () => Promise.reject(new Error('disk full')) };
    const log = createServiceLog(failing, createLogger('warn', (l) => lines.push(l)));
    await expect(log.consultation({ channelId: 'test', conversationId: 'c', intent: 'consult', topic: null, county: null, outcome: 'bot' })).resolves.toBeUndefined();
    await expect(log.eligibilityCheck({ channelId: 'api', conversationId: null, county: null, decision: 'eligible', meansTest: 'passed' })).resolves.toBeUndefined();
    expect(lines.join('')).toMatch(/consultation not recorded[\s\S]*eligibility check not recorded/);
  });
});

describe('the chat bot and the workspace', () => {
  it('without a standard the check cannot weigh income, so it does not ask for it', async () => {
    const { adapter } = chatBot();
    await adapter
      .send(START).assertReply(says('初步判断')).assertReply(says('哪类事情'))
      .send('1').assertReply(says('是否属于下面的情形'))
      .send('0').assertReply(says('哪个县'))
      .startTest();
  });

  it('once staff set the standard, the same conversation asks for the household and passes a low income', async () => {
    const { adapter, standards, overview } = chatBot();
    // A test-only figure: 48,000 a year puts the 50 % line at 2,000 yuan a month per person.
    await standards.set({ cityUrbanIncomePerYear: 48000, year: 2099, source: 'https://example.invalid/test-only' }, 'boss');
    await adapter
      .send(START).assertReply(says('初步判断')).assertReply(says('哪类事情'))
      .send('1').assertReply(says('是否属于下面的情形'))
      .send('0').assertReply(says('几口人'))
      .send('一个人').assertReply(says('总收入'))
      .send('1500元').assertReply(says('哪个县'))
      .send('英德').assertReply(says('符合申请法律援助的条件'))
      .startTest();
    const rows = await overview();
    expect(rows.eligibilityChecks).toBe(1);
    expect(rows.consultations.total).toBe(1);
    expect(rows.outcomes).toEqual([{ key: 'bot', n: 1 }]);
  });

  it('counts answered questions with their topic and the county named earlier; small talk is not counted', async () => {
    const { adapter, overview } = chatBot();
    await adapter
      .send('你好').assertReply(() => {})
      .send('我在英德，老板拖欠了三个月工资怎么办').assertReply(() => {})
      .send('劳动仲裁要交钱吗').assertReply(() => {})
      .startTest();
    const rows = await overview();
    expect(rows.consultations.total).toBe(1);
    expect(rows.consultations.byCounty).toEqual([{ key: '英德市', n: 1 }]);
    expect(rows.consultations.byTopic.map((r) => r.key)).toContain('劳动纠纷');
    expect(rows.outcomes.reduce((a, r) => a + r.n, 0)).toBe(2);
  });
});
