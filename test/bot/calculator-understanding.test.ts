// Which calculator a message calls for, and how spoken dates become calendar dates: table-driven.
import { describe, expect, it } from 'vitest';
import { calculatorTopic } from '../../src/bot/dialogs/calculator/calculator-topics.js';
import { resolveDate } from '../../src/bot/dialogs/calculator/spoken-dates.js';

describe('calculatorTopic', () => {
  it.each([
    ['被辞退能拿多少补偿', 'dismissal', undefined, 'start'],
    ['公司裁员，经济补偿怎么算', 'dismissal', undefined, 'offer'],
    ['没签合同能要多少双倍工资', 'double_wage', undefined, 'start'],
    ['入职半年了公司一直没签劳动合同，能赔多少', 'double_wage', undefined, 'start'],
    ['还来得及申请仲裁吗', 'deadline', 'labour_arbitration', 'start'],
    ['上诉期到哪天', 'deadline', 'appeal', 'start'],
    ['不服仲裁裁决去法院起诉，期限是多久', 'deadline', 'arbitration_award_lawsuit', 'offer'],
    ['诉讼时效是多长', 'deadline', 'civil_limitation', 'offer'],
    ['诉讼费多少', 'court_fee', undefined, 'start'],
    ['起诉要交多少诉讼费', 'court_fee', undefined, 'start'],
    ['加班费怎么算', 'overtime', undefined, 'offer'],
    ['加班费能拿多少', 'overtime', undefined, 'start'],
    ['工伤七级伤残能拿多少', 'work_injury', undefined, 'start'],
  ])('%s → %s %s (%s)', (text, topic, matter, mode) => {
    expect(calculatorTopic(text)).toEqual(matter ? { topic, matter, mode } : { topic, mode });
  });

  it.each([
    '被公司辞退了怎么办', '试用期期限多久', '死亡赔偿金怎么算', '被判了两年有期徒刑，想上诉，上诉期是几天', '押车借钱，我逾期了几天，对方就把车卖了', '买卖合同纠纷仲裁了，裁决不公平，想申请撤销裁决，多久内要提出', '和供货商的货款纠纷申请仲裁还来得及吗', '离婚要多久', '加班太多身体受不了', '借钱不还怎么办', '诉讼费谁来承担',
  ])('%s asks for no calculation', (text) => {
    expect(calculatorTopic(text)).toBeNull();
  });
});

describe('resolveDate', () => {
  const today = '2025-09-22';
  it.each([
    [{ year: 2023, month: 5, day: 1 }, false, { date: '2023-05-01' }],
    [{ relative: 'last_year' as const, month: 3, day: 8 }, false, { date: '2024-03-08' }],
    [{ relative: 'yesterday' as const }, false, { date: '2025-09-21' }],
    [{ month: 10, day: 1 }, false, { date: '2024-10-01' }], // October is still ahead this year: last year's
    [{ year: 2024, month: 2 }, true, { date: '2024-02-29', monthOnly: true }],
    [{ year: 2024, month: 2 }, false, { date: '2024-02-01', monthOnly: true }],
    [{ year: 2023, month: 2, day: 29 }, false, null],
    [{ year: 2023 }, false, null],
  ])('%j (month end: %s) → %j', (value, monthEnd, expected) => {
    expect(resolveDate(value, today, monthEnd)).toEqual(expected);
  });
});
