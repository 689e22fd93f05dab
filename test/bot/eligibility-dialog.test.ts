import { describe, expect, it } from 'vitest';
import { REPLIES } from '../../src/assistant/replies-zh.js';
import { BOT_REPLIES } from '../../src/bot/bot-replies-zh.js';
import { makeHarness, says, saysNot } from './bot-harness.js';

const START = '我想申请法律援助';
const MATTER_Q = says('哪类事情', '请回复数字', '1. 讨要工资');
const GROUPS_Q = says('是否属于下面的情形', '都不是请回复0');
const COUNTY_Q = says('哪个县', '3. 英德市', '0. 不确定');
const OFFERS = says('1. 提交预申请', '2. 转接值班律师', '3. 暂时不需要');

describe('eligibility dialog', () => {
  it('runs a full check: one numbered question at a time, then decision, materials, where to apply and offers', async () => {
    const { adapter } = makeHarness();
    await adapter
      .send(START).assertReply(says(BOT_REPLIES.intro)).assertReply(MATTER_Q)
      .send('1').assertReply(GROUPS_Q)
      .send('2').assertReply(COUNTY_Q) // migrant worker claiming wages: verification waived, no means questions
      .send('英德').assertReply(says('【法律援助自查结果】初步判断：符合申请法律援助的条件', '【理由】', '进城务工人员'))
      .assertReply(says('【需要准备的材料】', '【到哪里申请】', '您在英德市', '12348'))
      .assertReply(OFFERS)
      .send('3').assertReply(says(BOT_REPLIES.done))
      .send('谢谢').assertReply(says(REPLIES.thanks)) // the dialog is over: back to ordinary answers
      .startTest();
  });

  it('asks household size and income when the means test needs them', async () => {
    const { adapter } = makeHarness({ standard: true });
    await adapter
      .send(START).assertReply(says(BOT_REPLIES.intro)).assertReply(MATTER_Q)
      .send('1').assertReply(GROUPS_Q)
      .send('0').assertReply(says('几口人'))
      .send('四口人').assertReply(says('总收入'))
      .send('3000元').assertReply(COUNTY_Q)
      .send('0').assertReply(says('符合申请法律援助的条件', '750'))
      .assertReply(says('【到哪里申请】', '清远市法律援助处'))
      .assertReply(OFFERS)
      .startTest();
  });

  it('takes a described matter as the answer to the matter question', async () => {
    const { adapter } = makeHarness();
    await adapter
      .send(START).assertReply(says(BOT_REPLIES.intro)).assertReply(MATTER_Q)
      .send('离婚后孩子抚养费对方不给').assertReply(GROUPS_Q)
      .send('7').assertReply(COUNTY_Q) // abuse victim claiming support: no hardship condition (Art. 32)
      .send('清新').assertReply(says('符合申请法律援助的条件', '第三十二条')).assertReply(says('您在清新区')).assertReply(OFFERS)
      .startTest();
  });

  it('re-asks when a reply is not an answer, and accepts words as well as numbers', async () => {
    const { adapter } = makeHarness();
    await adapter
      .send(START).assertReply(says(BOT_REPLIES.intro)).assertReply(MATTER_Q)
      .send('99').assertReply(says('请回复1到11之间的数字', '取消'))
      .send('我要讨要工资').assertReply(GROUPS_Q)
      .startTest();
  });

  it('stops on 取消 at any step, and the next message is handled afresh', async () => {
    const { adapter } = makeHarness();
    await adapter
      .send(START).assertReply(says(BOT_REPLIES.intro)).assertReply(MATTER_Q)
      .send('1').assertReply(GROUPS_Q)
      .send('取消').assertReply(says(BOT_REPLIES.cancelled))
      .send('1').assertReply(saysNot('是否属于下面的情形', '哪个县'))
      .send(START).assertReply(says(BOT_REPLIES.intro)).assertReply(MATTER_Q)
      .startTest();
  });

  it('answers an unrelated legal question mid-check, then resumes on 1', async () => {
    const { adapter, lawline } = makeHarness();
    const question = '离婚后孩子抚养费怎么算';
    const expected = await lawline.ask(question);
    await adapter
      .send(START).assertReply(says(BOT_REPLIES.intro)).assertReply(MATTER_Q)
      .send('1').assertReply(GROUPS_Q)
      .send(question).assertReply(says(expected.answer)).assertReply(says('继续刚才的法律援助自查吗？回复1继续'))
      .send('1').assertReply(GROUPS_Q)
      .send('0').assertReply(COUNTY_Q)
      .send('1').assertReply(says('【法律援助自查结果】', '【理由】')).assertReply(says('您在清城区')).assertReply(OFFERS)
      .startTest();
  });

  it('drops the check when the citizen asks something else instead of resuming', async () => {
    const { adapter, lawline } = makeHarness();
    const expected = await lawline.ask('交通事故对方全责怎么赔偿');
    await adapter
      .send(START).assertReply(says(BOT_REPLIES.intro)).assertReply(MATTER_Q)
      .send('1').assertReply(GROUPS_Q)
      .send('离婚后孩子抚养费怎么算').assertReply(says('抚养费')).assertReply(says(BOT_REPLIES.resumeOffer))
      .send('交通事故对方全责怎么赔偿').assertReply(says(expected.answer))
      .send('1').assertReply(saysNot('是否属于下面的情形', '哪类事情'))
      .startTest();
  });

  it('skips the questions answered in the first message', async () => {
    const { adapter } = makeHarness({ standard: true });
    await adapter
      .send('我在英德，家里4口人，每月收入3000，公司欠我工资，能申请法律援助吗')
      .assertReply(says('已了解', '讨要工资', '英德市', '4人', '3000元'))
      .assertReply(says('【法律援助自查结果】', '符合申请法律援助的条件', '750'))
      .assertReply(says('您在英德市'))
      .assertReply(OFFERS)
      .startTest();
  });

  it('asks only what is missing when the first message gives part of the facts', async () => {
    const { adapter } = makeHarness();
    await adapter
      .send('我在英德，公司欠我三个月工资，能申请法律援助吗')
      .assertReply(says('已了解', '讨要工资', '英德市'))
      .assertReply(GROUPS_Q) // matter and county known: neither is asked
      .send('0').assertReply(says('【法律援助自查结果】')).assertReply(says('您在英德市')).assertReply(OFFERS)
      .startTest();
  });

  it('offers the check after an answer that points to legal aid, and starts it on 1 with that question', async () => {
    const { adapter, lawline } = makeHarness();
    const question = '老板拖欠工资三个月怎么办';
    const expected = await lawline.ask(question);
    expect(expected.guides.map((g) => g.id)).toContain('legal-aid');
    await adapter
      .send(question).assertReply(says(expected.answer)).assertReply(says(BOT_REPLIES.eligibilityOffer))
      .send('1').assertReply(says(BOT_REPLIES.intro, '讨要工资')).assertReply(GROUPS_Q)
      .startTest();
  });
});
