/**
 * The greeting's numbered service menu works on every channel: a number picks the service.
 */
import { describe, expect, it } from 'vitest';
import { REPLIES, SERVICE_MENU } from '../../src/assistant/replies-zh.js';
import { SERVICE_MENU_ACTIONS } from '../../src/assistant/service-menu.js';
import { makeHarness, says, saysNot } from './bot-harness.js';

const greet = { type: 'conversationUpdate', membersAdded: [{ id: 'citizen', name: '市民' }], recipient: { id: 'bot', name: 'bot' } };

describe('service menu', () => {
  it('has an action for every menu line', () => {
    expect(SERVICE_MENU_ACTIONS).toHaveLength(SERVICE_MENU.length);
  });

  it('1 asks the citizen to describe the problem; the next message is answered normally', async () => {
    const { adapter } = makeHarness();
    await adapter
      .send(greet)
      .assertReply(says(SERVICE_MENU[0]!))
      .send('1')
      .assertReply(says('请直接用文字描述'))
      .send('公司拖欠我三个月工资怎么办')
      .assertReply(says('【法律依据】'))
      .startTest();
  });

  it('2 starts the legal-aid self-check', async () => {
    const { adapter } = makeHarness();
    await adapter.send(greet).assertReply(says(REPLIES.greeting.slice(0, 10))).send('2').assertReply(says('法律援助')).startTest();
  });

  it('a number is only a menu choice right after the menu', async () => {
    const { adapter } = makeHarness();
    await adapter
      .send(greet)
      .assertReply(says(SERVICE_MENU[0]!))
      .send('公司拖欠我三个月工资怎么办')
      .assertReply(says('【法律依据】'))
      .assertReply(says('法律援助'))
      .send('5')
      .assertReply(saysNot('清远市公共法律服务中心'))
      .startTest();
  });
});
