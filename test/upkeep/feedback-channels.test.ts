/**
 * Votes on answers on every channel, with the real bot: in WeChat a 没用 reply right after an answer is a vote on
 * it (stored masked, and the question goes to the review queue); other channels send a `feedback` event. A vote
 * needs an answer to be about, and counts once.
 */
import { ActivityTypes, MemoryStorage, TestAdapter } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOT_REPLIES } from '../../src/bot/bot-replies-zh.js';
import { LawlineBot } from '../../src/bot/lawline-bot.js';
import { LocalChannelAdapter } from '../../src/channels/local-adapter.js';
import { createAnswerFeedback } from '../../src/feedback/answer-feedback.js';
import { createLogger } from '../../src/logging/logger.js';
import { createFeedbackRepository } from '../../src/storage/repositories/feedback-repository.js';
import { createUpkeepRepository } from '../../src/storage/repositories/upkeep-repository.js';
import { memoryStateDatabase } from '../../src/storage/sqlite/memory-state-database.js';
import type { SqlClient } from '../../src/storage/sql-client.js';
import { createReviewQueue } from '../../src/upkeep/review-queue.js';
import { testLawline } from '../support/lawline.js';
import { replyFields, startChannel, textXml } from '../channels/wechat/wechat-kit.js';

/** A confident answer (a bank entry leads), so only the vote sends it to the queue; it carries a phone number. */
const QUESTION = '我电话13812345678，老板拖欠了三个月工资不给怎么办';

function wiring() {
  const sql = memoryStateDatabase();
  const log = createLogger('silent');
  const queue = createReviewQueue(createUpkeepRepository(sql), log);
  const feedback = createAnswerFeedback(createFeedbackRepository(sql), log, Date.now, async (vote) => {
    if (!vote.helpful) await queue.signal({ reason: 'not_helpful', question: vote.question, conversationId: vote.conversationId ?? null });
  });
  const bot = new LawlineBot(testLawline(), { storage: new MemoryStorage(), feedback, upkeep: queue });
  const votes = (s: SqlClient) => s.all<{ conversation_id: string; question: string; helpful: number; comment: string | null }>('SELECT conversation_id, question, helpful, comment FROM answer_feedback ORDER BY id');
  return { sql, bot, queue, votes: () => votes(sql) };
}

describe('a 没用 reply in WeChat', () => {
  const w = wiring();
  let channel: Awaited<ReturnType<typeof startChannel>>;
  let msgId = 7000;
  const say = async (text: string, openid: string) => replyFields((await channel.post(textXml(text, String(msgId++), openid))).text).Content!;
  beforeAll(async () => {
    channel = await startChannel({ adapter: new LocalChannelAdapter((context) => w.bot.run(context)), replyDeadline: () => new Promise(() => undefined) });
  });
  afterAll(() => channel.close());

  it('right after an answer is a vote on it: stored masked, thanked, and the question goes to the review queue', async () => {
    expect(await testLawline().ask(QUESTION)).toMatchObject({ faq: expect.objectContaining({ id: expect.any(String) }) });
    await say(QUESTION, 'oVote1');
    expect(await say('没用！', 'oVote1')).toBe(BOT_REPLIES.feedbackNotHelpful);
    const [vote] = await w.votes();
    expect(vote).toMatchObject({ conversation_id: 'oVote1', helpful: 0 });
    expect(vote!.question).toContain('老板拖欠了三个月工资');
    expect(vote!.question).not.toContain('13812345678');
    const items = await w.queue.list();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ reasons: ['not_helpful'], count: 1 });
    expect(items[0]!.examples[0]).not.toContain('13812345678');
    // One vote per answer: a second 没用 is a message like any other.
    expect(await say('没用', 'oVote1')).not.toBe(BOT_REPLIES.feedbackNotHelpful);
    expect(await w.votes()).toHaveLength(1);
  });

  it('with no answer before it is not a vote', async () => {
    const before = (await w.votes()).length;
    expect(await say('有用', 'oVote2')).not.toBe(BOT_REPLIES.feedbackHelpful);
    expect(await w.votes()).toHaveLength(before);
  });
});

describe('a feedback event (Direct Line clients, Bot Framework channels)', () => {
  it('votes on the last answer, with its comment; a malformed or second vote is ignored', async () => {
    const w = wiring();
    const adapter = new TestAdapter(async (context) => w.bot.run(context));
    const event = (value: unknown) => ({ type: ActivityTypes.Event, name: 'feedback', value });
    await adapter.send(QUESTION).assertReply(() => {})
      .send(event({ helpful: 'yes' }))
      .send(event({ helpful: true, comment: '讲得清楚' })).assertReply(BOT_REPLIES.feedbackHelpful)
      .send(event({ helpful: false }))
      .startTest();
    const votes = await w.votes();
    expect(votes).toHaveLength(1);
    expect(votes[0]).toMatchObject({ helpful: 1, comment: '讲得清楚' });
    expect(votes[0]!.question).not.toContain('13812345678');
    expect(await w.queue.list()).toEqual([]);
  });
});
