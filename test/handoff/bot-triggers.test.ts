/**
 * The bot's hand-off triggers, through the real bot on a LocalChannelAdapter with the hand-off middleware:
 * 转人工 (intent human), the eligibility dialog's marker, an emergency (priority), two unsure answers in a
 * row (an offer), and silence while a ticket owns the conversation.
 */
import { createPreapplicationRepository } from '../../src/storage/repositories/preapplication-repository.js';
import { memoryStateDatabase } from '../../src/storage/sqlite/memory-state-database.js';
import { MemoryStorage, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { LawlineBot } from '../../src/bot/lawline-bot.js';
import { LocalChannelAdapter } from '../../src/channels/local-adapter.js';
import { createLogger } from '../../src/logging/logger.js';
import { createHandoffService } from '../../src/handoff/handoff-service.js';
import { createPreapplicationStore } from '../../src/preapplication/preapplication-store.js';
import { testLawline } from '../support/lawline.js';
import { lawyer, ManualClock } from './handoff-harness.js';

async function setup() {
  const lawline = testLawline();
  const clock = new ManualClock();
  const service = await createHandoffService({ sql: memoryStateDatabase(), region: lawline.region, log: createLogger('silent'), recognise: lawline.recognise, clock });
  await service.replaceRoster([lawyer('a', { capacity: 5 })], 'test');
  await service.lawyers.setPresence('a', 'online');
  const bot = new LawlineBot(lawline, { storage: new MemoryStorage(), preapplications: createPreapplicationStore(createPreapplicationRepository(memoryStateDatabase())) });
  const adapter = service.attach(new LocalChannelAdapter((context) => bot.run(context)), 'directline');
  const pushed: Partial<Activity>[] = [];
  adapter.setProactiveSender('directline', async (_ref, activities) => { pushed.push(...activities); });
  const say = async (conversation: string, text: string) => {
    const replies = await adapter.runTurn({ type: 'message', text, channelId: 'directline', conversation: { id: conversation } as never, from: { id: `u-${conversation}`, name: '' }, serviceUrl: 'urn:test' });
    return replies.filter((r) => r.type === 'message').map((r) => r.text ?? '');
  };
  const events = async (conversation: string, text: string) =>
    (await adapter.runTurn({ type: 'message', text, channelId: 'directline', conversation: { id: conversation } as never, from: { id: 'u', name: '' }, serviceUrl: 'urn:test' })).filter((r) => r.type === 'event');
  return { service, say, events, pushed };
}

describe('hand-off triggers in the bot', () => {
  it('转人工 opens a ticket with the earlier conversation, and the bot stays silent while a lawyer chats', async () => {
    const { service, say, events } = await setup();
    await say('c1', '公司拖欠我三个月工资怎么办');
    const evs = await events('c1', '转人工');
    expect(evs).toMatchObject([{ name: 'handoff.initiate', value: { reason: 'citizen_request', topic: '劳动纠纷' } }]);
    const [ticket] = service.store.queue();
    expect(ticket!.transcript[0]).toMatchObject({ from: 'citizen', text: '公司拖欠我三个月工资怎么办' });
    expect(ticket!.transcript.some((l) => l.from === 'bot')).toBe(true);
    expect(ticket!.summary.topic).toBe('劳动纠纷');
    await service.lawyers.accept(ticket!.id, 'a');
    expect(await say('c1', '工资怎么算')).toEqual([]);
    expect((await service.store.messages(ticket!.id)).at(-1)).toMatchObject({ kind: 'citizen', text: '工资怎么算' });
  });

  it('the eligibility dialog\'s 转人工 marker becomes a ticket', async () => {
    const { service, say } = await setup();
    expect((await say('c2', '我想申请法律援助')).join()).toContain('法律援助');
    const replies = await say('c2', '转人工');
    expect(replies.join('\n')).toMatch(/正在为您转接值班律师[\s\S]*排在第1位/);
    expect(service.store.activeFor('directline', 'c2')).toMatchObject({ reason: 'citizen_request', status: 'offered' });
    // The marker is used once: after a cancel the bot answers again.
    expect(await say('c2', '取消')).toEqual([expect.stringContaining('已取消转接')]);
    expect((await say('c2', '劳动仲裁要多久')).join().length).toBeGreaterThan(10);
  });

  it('an emergency is answered with safety advice and queued first', async () => {
    const { service, say } = await setup();
    await say('plain', '转人工');
    const replies = await say('danger', '我老公现在拿刀要砍我');
    expect(replies[0]).toContain('110');
    expect(replies.join()).toContain('优先排队');
    expect(service.store.queue()[0]).toMatchObject({ conversationId: 'danger', priority: 0, reason: 'emergency' });
  });

  it('two unsure answers in a row offer a duty lawyer', async () => {
    const { service, say } = await setup();
    expect((await say('c3', '我想问一下那个事情怎么弄')).join()).not.toContain('回复“转人工”可以由值班律师');
    expect((await say('c3', '我想问一下那个事情怎么弄')).join()).toContain('回复“转人工”可以由值班律师');
    expect(service.store.queue()).toHaveLength(0);
  });
});
