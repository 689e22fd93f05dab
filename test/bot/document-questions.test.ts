import { describe, expect, it } from 'vitest';
import { asksForDraft, documentParsers, kindNamedIn, storyFor } from '../../src/bot/dialogs/document-questions.js';
import { documentKinds } from '../../src/documents/document-kinds.js';

describe('a request to write a document', () => {
  it.each([
    ['申请书怎么写', true, undefined],
    ['劳动仲裁申请书怎么写', true, 'labour_arbitration_application'],
    ['帮我写仲裁申请', true, 'labour_arbitration_application'],
    ['起诉状怎么写', true, 'civil_complaint'],
    ['法律援助申请表怎么填', true, 'legal_aid_application'],
    ['有没有人民调解申请书的模板', true, 'mediation_application'],
    ['劳动合同怎么写', false, undefined],
    ['借条怎么写才有效', false, undefined],
    ['遗嘱怎么写', false, undefined],
    ['公司拖欠工资怎么办', false, undefined],
    ['怎么申请劳动仲裁', false, 'labour_arbitration_application'],
  ] as const)('%s → asks for a draft: %s (kind %s)', (text, asks, kind) => {
    expect(asksForDraft(text)).toBe(asks);
    expect(kindNamedIn(text)).toBe(kind);
  });
});

describe('the story offered as the facts', () => {
  const labour = documentKinds().get('labour_arbitration_application')!;
  const mediation = documentKinds().get('mediation_application')!;
  const said = [
    { text: '我和丈夫分居两年了想离婚', domain: '婚姻家庭' as const },
    { text: '公司拖欠我三个月工资怎么办', domain: '劳动纠纷' as const },
    { text: '劳动仲裁申请书怎么写', domain: '劳动纠纷' as const },
  ];

  it('takes what was said on the kind\'s topics, without the questions\' endings or the request to write', () => {
    expect(storyFor(labour, said)).toBe('公司拖欠我三个月工资。');
  });

  it('takes every topic for a kind that names none, and nothing when only short or request messages were said', () => {
    expect(storyFor(mediation, said)).toBe('我和丈夫分居两年了想离婚。公司拖欠我三个月工资。');
    expect(storyFor(labour, [{ text: '你好', domain: '劳动纠纷' }, said[2]!])).toBeUndefined();
  });
});

describe('replies', () => {
  const parse = documentParsers();
  it.each([
    ['claims', '1. 支付工资5000元\n2、支付经济补偿', ['支付工资5000元', '支付经济补偿']],
    ['claims', '支付工资；赔礼道歉', ['支付工资', '赔礼道歉']],
    ['claims', '跳过', []],
    ['evidence', '工资条、考勤表，证人王某', ['工资条', '考勤表', '证人王某']],
    ['applicantName', '我叫王小明。', '王小明'],
    ['applicantName', '不知道', null],
    ['kind', '3', 'legal_aid_application'],
    ['kind', '9', undefined],
    ['variant:civil_complaint', '离婚', 'divorce'],
    ['variant:civil_complaint', '3', 'personal_injury'],
    ['reuseFacts', '2', 'retell'],
    ['reuseFacts', '嗯嗯嗯', undefined],
  ] as const)('%s reads %j as %j', (key, text, value) => {
    expect(parse[key]!(text)).toEqual(value);
  });
});
