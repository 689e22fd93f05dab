import { describe, expect, it } from 'vitest';
import { BOT_REPLIES } from '../../src/bot/bot-replies-zh.js';
import { CALCULATOR_REPLIES } from '../../src/bot/dialogs/calculator/calculator-replies-zh.js';
import { makeHarness, says, saysNot } from './bot-harness.js';

const REASON_Q = says('以什么情形', '请回复数字', '3. 公司没有合法理由辞退');
const START_Q = says('入职日期');
const END_Q = says('哪天解除');
const WAGE_Q = says('平均月工资');

describe('calculator dialog', () => {
  it('leads 我被公司辞退了，能拿多少补偿 through the missing facts to an amount with its basis', async () => {
    const { adapter } = makeHarness();
    // 2019-03-01..2024-05-31 is 5 years 3 months → N = 5.5; 6000 × 5.5 = 33,000.
    await adapter
      .send('我被公司辞退了，能拿多少补偿').assertReply(says(CALCULATOR_REPLIES.intro.dismissal)).assertReply(REASON_Q)
      .send('1').assertReply(START_Q)
      .send('2019年3月1日').assertReply(END_Q)
      .send('2024年5月31日').assertReply(WAGE_Q)
      .send('6000').assertReply(says('【计算结果】', '经济补偿（N）：33,000.00元', 'N＝5.5', '【法律依据】', '《劳动合同法》第四十七条第一款'))
      .assertReply(says('仅供参考', '12348'))
      .startTest();
  });

  it('reuses dates and the wage already said, and asks only what is left', async () => {
    const { adapter } = makeHarness();
    // 2020-03-01..2023-09-30: N = 4; reason unlawful → 2N = 8 × 6000 = 48,000.
    await adapter
      .send('我2020年3月1日入职，2023年9月30日被辞退，月工资6000元，能赔多少').assertReply(says(CALCULATOR_REPLIES.intro.dismissal)).assertReply(REASON_Q)
      .send('3').assertReply(says('违法解除劳动合同的赔偿金（2N）：48,000.00元', '《劳动合同法》第八十七条'))
      .assertReply(says('仅供参考'))
      .startTest();
  });

  it('answers a deadline question with the last working day', async () => {
    const { adapter } = makeHarness();
    // 2025-09-20 + 15 days = 2025-10-05, inside the National Day holiday → 2025-10-09.
    await adapter
      .send('判决书2025年9月20日收到的，上诉期到哪天').assertReply(says(CALCULATOR_REPLIES.intro.deadline))
      .assertReply(says('期限的最后一日：2025年10月9日（星期四）', '《民事诉讼法》第一百七十一条第一款', '顺延'))
      .assertReply(says('仅供参考'))
      .startTest();
  });

  it('asks the matter with numbered choices for 还来得及申请仲裁吗, then the date', async () => {
    const { adapter } = makeHarness();
    await adapter
      .send('去年被拖欠工资，现在还来得及申请仲裁吗').assertReply(says(CALCULATOR_REPLIES.intro.deadline))
      .assertReply(says('知道或者应当知道权利被侵害之日'))
      .send('2024年10月1日').assertReply(says('2025年10月9日', '《劳动争议调解仲裁法》第二十七条第一款', '中断'))
      .assertReply(says('仅供参考'))
      .startTest();
  });

  it('works out the court fee from the amount in the question', async () => {
    const { adapter } = makeHarness();
    await adapter
      .send('别人欠我200万，起诉要交多少诉讼费').assertReply(says(CALCULATOR_REPLIES.intro.court_fee))
      .assertReply(says('案件受理费：22,800.00元', '缓交'))
      .assertReply(says('仅供参考'))
      .startTest();
  });

  it('re-asks an unreadable answer, and 取消 ends the calculation', async () => {
    const { adapter } = makeHarness();
    await adapter
      .send('没签劳动合同能要多少双倍工资').assertReply(says(CALCULATOR_REPLIES.intro.double_wage)).assertReply(START_Q)
      .send('不记得').assertReply(says('请回复入职日期', '取消'))
      .send('取消').assertReply(says(CALCULATOR_REPLIES.cancelled))
      .send('1').assertReply(saysNot('入职日期'))
      .startTest();
  });

  it('re-asks a numbered choice answered with a date: a bare figure is an answer out of turn, not a new question', async () => {
    const { adapter } = makeHarness();
    await adapter
      .send('我被公司辞退了，能拿多少补偿').assertReply(says(CALCULATOR_REPLIES.intro.dismissal)).assertReply(REASON_Q)
      .send('2026年11月30日').assertReply(says('请回复1到', '取消'))
      .send('3').assertReply(says('入职日期'))
      .startTest();
  });

  it('hands a new question mid-calculation to the ordinary answer', async () => {
    const { adapter, lawline } = makeHarness();
    const question = '离婚后孩子抚养费怎么算';
    const expected = await lawline.ask(question);
    await adapter
      .send('加班费能拿多少').assertReply(says(CALCULATOR_REPLIES.intro.overtime)).assertReply(says('正常工资'))
      .send(question).assertReply(says(expected.answer))
      .startTest();
  });

  it('offers the calculator after the ordinary answer to a question about how a figure works, and starts it on 1', async () => {
    const { adapter, lawline } = makeHarness();
    const question = '经济补偿金怎么计算';
    const expected = await lawline.ask(question);
    await adapter
      .send(question).assertReply(says(expected.answer)).assertReply(says(CALCULATOR_REPLIES.offer.dismissal))
      .send('1').assertReply(says(CALCULATOR_REPLIES.intro.dismissal)).assertReply(REASON_Q)
      .startTest();
  });

  it('leaves ordinary questions to the ordinary answer', async () => {
    const { adapter, lawline } = makeHarness();
    const question = '被公司辞退了怎么办';
    const expected = await lawline.ask(question);
    await adapter.send(question).assertReply(says(expected.answer)).startTest();
    expect(expected.answer).not.toContain(CALCULATOR_REPLIES.intro.dismissal);
  });

  it('passes 转人工 on as a hand-off request', async () => {
    const { adapter } = makeHarness();
    await adapter
      .send('工伤八级伤残补助金有多少').assertReply(says(CALCULATOR_REPLIES.intro.work_injury)).assertReply(says('缴费工资'))
      .send('转人工').assertReply(says(BOT_REPLIES.handoff))
      .startTest();
  });
});
