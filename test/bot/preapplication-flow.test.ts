import { MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { BOT_REPLIES } from '../../src/bot/bot-replies-zh.js';
import { LawlineBot } from '../../src/bot/lawline-bot.js';
import { createLogger } from '../../src/logging/logger.js';
import { ASK_FOR_REFERENCE } from '../../src/preapplication/progress-reply.js';
import { SqlStorage } from '../../src/storage/sql-storage.js';
import { memoryStateDatabase } from '../../src/storage/sqlite/memory-state-database.js';
import { makeHarness, says, saysNot } from './bot-harness.js';

const FIRST = '我在英德，家里4口人，每月收入3000，公司欠我工资，能申请法律援助吗';
const OFFERS = says('1. 提交预申请', '2. 转接值班律师');

/** Runs the check from the first message to the offers. */
function toOffers(adapter: TestAdapter) {
  return adapter.send(FIRST).assertReply(says('已了解')).assertReply(says('【法律援助自查结果】')).assertReply(says('【到哪里申请】')).assertReply(OFFERS);
}

describe('pre-application and progress in the bot', () => {
  it('submits a pre-application, then answers progress in the same conversation and by reference elsewhere', async () => {
    // SQLite-backed bot state: the dialog survives every turn's round trip through the store.
    const h = makeHarness({ standard: true, storage: new SqlStorage(memoryStateDatabase()) });
    let reference = '';
    await toOffers(h.adapter)
      .send('1').assertReply(says('姓名'))
      .send('我叫张三').assertReply(says('手机号码'))
      .send('12345').assertReply(says('手机号码格式不对'))
      .send('138-1234-1234').assertReply(says('请核对', '姓名：张三', '手机：13812341234', '所在地：英德市', '1. 确认提交'))
      .send('1').assertReply((a: Partial<Activity>) => {
        expect(a.text).toMatch(/预申请已提交，编号：LA-\d{8}-\d{4}/);
        reference = /LA-\d{8}-\d{4}/.exec(a.text!)![0];
      })
      .send('查一下我的申请进度').assertReply((a: Partial<Activity>) => {
        says(reference, '张**', '138****1234', '已提交，等待工作人员审核')(a);
        saysNot('张三', '13812341234')(a);
      })
      .startTest();

    const stored = (await h.store.get(reference))!;
    expect(stored).toMatchObject({ name: '张三', phone: '13812341234', county: '英德市', matter: 'labour_remuneration', status: 'submitted' });
    expect(stored.eligibility.decision).toBe('eligible');
    expect(stored.summary).toBe(FIRST);
    expect(stored.history).toEqual([expect.objectContaining({ actor: 'citizen', from: null, to: 'submitted' })]);

    // Another conversation (another citizen) needs the number; staff moved it on meanwhile.
    await h.store.changeStatus(reference, 'under_review', 'agent1');
    const other = new TestAdapter(async (context) => h.bot.run(context));
    other.conversation.conversation.id = 'another-conversation';
    other.conversation.user = { id: 'another-user', name: 'someone' };
    await other
      .send('我的申请到哪一步了').assertReply(says(ASK_FOR_REFERENCE))
      .send(`编号${reference.toLowerCase()}帮我查一下进度`).assertReply(says(reference, '工作人员正在审核', '张**'))
      .send('LA-20000101-0000').assertReply(says('没有查到编号为 LA-20000101-0000 的预申请'))
      .startTest();
  });

  it('lets the citizen re-enter name and phone before confirming; logs never carry them', async () => {
    const lines: string[] = [];
    const h = makeHarness({ standard: true, log: createLogger('debug', (l) => lines.push(l)) });
    await toOffers(h.adapter)
      .send('1').assertReply(says('姓名'))
      .send('李四').assertReply(says('手机号码'))
      .send('13900000000').assertReply(says('姓名：李四'))
      .send('2').assertReply(says('姓名'))
      .send('李五').assertReply(says('手机号码'))
      .send('13900000001').assertReply(says('姓名：李五', '手机：13900000001'))
      .send('确认').assertReply(says('预申请已提交'))
      .startTest();
    const record = await h.store.latestForConversation('test', 'Convo1');
    expect(record).toMatchObject({ name: '李五', phone: '13900000001' });
    expect(lines.join('')).toContain(record!.reference);
    for (const secret of ['李四', '李五', '13900000000', '13900000001']) expect(lines.join('')).not.toContain(secret);
  });

  it('转人工 during the check ends it and leaves a hand-off marker in conversation state', async () => {
    const storage = new MemoryStorage();
    const { adapter } = makeHarness({ storage });
    await adapter
      .send('我想申请法律援助').assertReply(says(BOT_REPLIES.intro)).assertReply(says('哪类事情'))
      .send('转人工').assertReply(says(BOT_REPLIES.handoff))
      .send('1').assertReply(saysNot('是否属于下面的情形'))
      .startTest();
    const state = (await storage.read(['test/conversations/Convo1/']))['test/conversations/Convo1/'];
    expect(state.lawline.handoff).toMatchObject({ reason: 'citizen_request', from: 'eligibility' });
    expect(state.dialogState.dialogStack).toEqual([]);
  });

  it('the duty-lawyer offer leaves a hand-off marker with the decision', async () => {
    const storage = new MemoryStorage();
    const { adapter } = makeHarness({ storage, standard: true });
    await toOffers(adapter).send('2').assertReply(says(BOT_REPLIES.handoff)).startTest();
    const state = (await storage.read(['test/conversations/Convo1/']))['test/conversations/Convo1/'];
    expect(state.lawline.handoff).toMatchObject({ reason: 'duty_lawyer', decision: 'eligible' });
  });

  it('works without a pre-application store (in-memory fallback) and greets new members', async () => {
    const bot = new LawlineBot(makeHarness().lawline);
    const adapter = new TestAdapter(async (context) => bot.run(context));
    await adapter.send({ type: 'conversationUpdate', membersAdded: [{ id: 'user1', name: 'u' }] }).assertReply(says('清远市公共法律服务智能助手')).startTest();
  });
});
