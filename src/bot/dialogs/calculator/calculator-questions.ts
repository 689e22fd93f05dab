/**
 * @module bot/dialogs/calculator/calculator-questions
 * The questions a calculator conversation asks, in Chinese with numbered choices where there are choices ("请回复
 * 数字", so WeChat keeps its own follow-up numbers clear of them), and the parser for each reply: numbers, words,
 * dates and sums read by the shared entity extractor and numeral parser. A parser returns undefined when it cannot
 * read the reply, so the prompt asks again.
 */
import type { CaseType } from '../../../calculators/court-fee.js';
import { MATTER_RULES, type DeadlineMatter } from '../../../calculators/deadline-matters.js';
import { chineseToInt } from '../../../text/chinese-numerals.js';
import type { Recognizer } from '../../../understanding/recognizer.js';
import { wholeNumber } from '../eligibility-questions.js';
import type { CalculatorFacts, CalculatorField, DismissalReason } from './calculator-facts.js';
import { compactDate, spokenDates } from './spoken-dates.js';
import { chineseDate } from '../../../calculators/plain-date.js';

/** What the parsers use besides the text. */
export interface CalculatorParseContext { recognise: Recognizer; today(): string }

export interface CalculatorQuestion {
  ask(facts: CalculatorFacts): string;
  retry: string;
  /** The value for the field (and, for a month-only date, a note), or undefined when the reply is no answer. */
  parse(text: string, ctx: CalculatorParseContext): { value: unknown; note?: string } | undefined;
}

const numbered = (items: string[]) => items.map((label, i) => `${i + 1}. ${label}`).join('\n');
const clean = (text: string) => text.normalize('NFKC').trim().replace(/[。.！!]+$/, '');
const choice = <T>(choices: Array<[T, string, RegExp?]>, text: string): T | undefined => {
  const t = clean(text);
  const n = /^(\d{1,2})$/.exec(t);
  if (n) return choices[Number(n[1]) - 1]?.[0];
  return choices.find(([, , words]) => words?.test(t))?.[0];
};

export const REASON_CHOICES: Array<[DismissalReason, string, RegExp]> = [
  ['agreed', '协商一致解除、经济性裁员、合同到期公司不续签等', /协商|裁员|到期|不续签/],
  ['notice', '因病或非因工负伤医疗期满、不能胜任工作、客观情况重大变化，且没有提前30天书面通知', /不能胜任|医疗期|客观情况|没提前|没有提前/],
  ['unlawful', '公司没有合法理由辞退（违法解除）', /违法|无故|没有理由|没理由|随便/],
  ['unknown', '不清楚', /不清楚|不知道|不确定/],
];

export const MATTER_CHOICES: Array<[DeadlineMatter | 'appeal', string, RegExp]> = [
  ['labour_arbitration', '申请劳动仲裁（一般1年）', /劳动仲裁|申请仲裁/],
  ['arbitration_award_lawsuit', '不服劳动仲裁裁决，向法院起诉（15日）', /裁决/],
  ['appeal', '不服一审判决或裁定，上诉', /上诉/],
  ['civil_limitation', '向法院起诉要钱、要赔偿（诉讼时效一般3年）', /诉讼时效|要钱|欠钱/],
  ['work_injury_application', '申请工伤认定', /工伤/],
  ['admin_reconsideration', '对政府部门的决定申请行政复议（60日）', /复议/],
  ['admin_litigation', '对政府部门的决定直接起诉（行政诉讼，6个月）', /行政诉讼|告政府/],
  ['enforcement', '对方不履行判决，申请强制执行（2年）', /执行/],
];

const CASE_TYPE_CHOICES: Array<[CaseType, string, RegExp]> = [
  ['property', '要钱、要赔偿（借款、欠款、合同、人身损害等）', /借|欠|合同|赔偿|要钱/],
  ['divorce', '离婚', /离婚/],
  ['labour', '劳动争议（工资、补偿、工伤等，仲裁后起诉）', /劳动|工资|补偿|工伤/],
];

const YES = /^(1|是|是的|对|补签了|签了|后来签了|已经签了)$/;
const NO = /^(2|否|没有|没|一直没签|没签|一直没有|没有签)$/;

/** A date reply; `monthEnd` completes a month-only answer to the last day (for end dates). */
function dateAnswer(text: string, ctx: CalculatorParseContext, monthEnd = false): { value: string; note?: string } | undefined {
  const t = clean(text);
  if (/^(至今|现在|今天|还在职|还在上班|还在干)$/.test(t)) return { value: ctx.today() };
  const compact = compactDate(t);
  if (compact) return { value: compact };
  const d = spokenDates(ctx.recognise(t).entities, ctx.today(), monthEnd)[0];
  if (!d) return undefined;
  return d.monthOnly ? { value: d.date, note: `您只说了月份，按该月${monthEnd ? '最后一天' : '1日'}（${chineseDate(d.date)}）计算；如不准确，请回复“取消”后重新开始并说出具体日期。` } : { value: d.date };
}

/** A sum of money in 元 (6000, 6000元, 六千, 1.2万), exact to the fen. */
function moneyAnswer(text: string, ctx: CalculatorParseContext): { value: number } | undefined {
  const n = wholeNumber(text);
  const yuan = n ?? ctx.recognise(text).entities.flatMap((e) => (e.type === 'money' || e.type === 'monthly_income' ? [e.value.yuan] : []))[0];
  return yuan !== undefined && yuan > 0 && yuan < 1e10 ? { value: Math.round(yuan * 100) / 100 } : undefined;
}

function hoursAnswer(text: string): { value: number } | undefined {
  const t = clean(text).replace(/个?(小时|钟头|h)$/i, '');
  if (/^(没有|没|无|0)$/.test(t)) return { value: 0 };
  const n = wholeNumber(t);
  return n !== undefined && n >= 0 && n <= 10_000 ? { value: Math.round(n * 100) / 100 } : undefined;
}

export const CALCULATOR_QUESTIONS: Record<CalculatorField, CalculatorQuestion> = {
  reason: {
    ask: () => `公司是以什么情形和您解除劳动合同的？请回复数字：\n${numbered(REASON_CHOICES.map(([, l]) => l))}`,
    retry: `请回复1到${REASON_CHOICES.length}之间的数字。`,
    parse: (text) => { const v = choice(REASON_CHOICES, text); return v ? { value: v } : undefined; },
  },
  startDate: {
    ask: () => '您是哪天开始在这家单位上班的（入职日期）？如：2019年3月1日',
    retry: '请回复入职日期，如：2019年3月1日。',
    parse: (text, ctx) => dateAnswer(text, ctx),
  },
  endDate: {
    ask: (f) => (f.topic === 'double_wage'
      ? (f.contractSigned ? '哪天补签的书面劳动合同？如：2024年6月1日' : '您哪天离职的？还在职请回复“至今”。')
      : '劳动合同是哪天解除的（最后工作日）？如：2024年5月31日'),
    retry: '请回复日期，如：2024年5月31日；还在职请回复“至今”。',
    parse: (text, ctx) => dateAnswer(text, ctx, true),
  },
  monthlyWage: {
    ask: (f) => (f.topic === 'dismissal'
      ? '离职前12个月的平均月工资是多少元（应发工资，含奖金、津贴、补贴）？如：6000'
      : f.topic === 'work_injury' ? '受伤前12个月平均每月的缴费工资是多少元？如：5000' : '您每月的正常工资是多少元？如：5000'),
    retry: '请回复每月工资的金额（元），如：6000。',
    parse: (text, ctx) => moneyAnswer(text, ctx),
  },
  contractSigned: {
    ask: () => '后来补签书面劳动合同了吗？\n1. 补签了\n2. 一直没签',
    retry: '请回复1（补签了）或2（一直没签）。',
    parse: (text) => { const t = clean(text); return YES.test(t) ? { value: true } : NO.test(t) ? { value: false } : undefined; },
  },
  matter: {
    ask: () => `您想算哪一项期限？请回复数字：\n${numbered(MATTER_CHOICES.map(([, l]) => l))}`,
    retry: `请回复1到${MATTER_CHOICES.length}之间的数字。`,
    parse: (text) => { const v = choice(MATTER_CHOICES, text); return v ? { value: v } : undefined; },
  },
  appealKind: {
    ask: () => '您要上诉的是判决还是裁定（看文书标题）？\n1. 判决书（15日）\n2. 裁定书（10日）',
    retry: '请回复1（判决）或2（裁定）。',
    parse: (text) => { const t = clean(text); return /^(1|判决|判决书)$/.test(t) ? { value: 'appeal_judgment' } : /^(2|裁定|裁定书)$/.test(t) ? { value: 'appeal_ruling' } : undefined; },
  },
  party: {
    ask: () => '由谁来申请工伤认定？\n1. 职工本人、近亲属或工会（1年）\n2. 用人单位（30日）',
    retry: '请回复1（职工本人）或2（用人单位）。',
    parse: (text) => { const t = clean(text); return /^(1|我|本人|职工|家属)$/.test(t) ? { value: 'worker' } : /^(2|单位|公司|用人单位)$/.test(t) ? { value: 'employer' } : undefined; },
  },
  from: {
    ask: (f) => `期限从${f.matter && f.matter !== 'appeal' ? MATTER_RULES[f.matter].from : '文书送达之日'}起算。这是哪一天？如：2025年9月20日`,
    retry: '请回复日期，如：2025年9月20日。',
    parse: (text, ctx) => dateAnswer(text, ctx),
  },
  caseType: {
    ask: () => `您要起诉的是哪类案件？请回复数字：\n${numbered(CASE_TYPE_CHOICES.map(([, l]) => l))}`,
    retry: `请回复1到${CASE_TYPE_CHOICES.length}之间的数字。`,
    parse: (text) => { const v = choice(CASE_TYPE_CHOICES, text); return v ? { value: v } : undefined; },
  },
  claimAmount: {
    ask: (f) => (f.caseType === 'divorce' ? '离婚涉及分割的财产总额大约多少元？不涉及财产分割请回复0。' : '您要求对方支付的总金额是多少元？如：50000'),
    retry: '请回复金额（元），如：50000；离婚不涉及财产请回复0。',
    parse: (text, ctx) => (/^(0|没有|没|无|不涉及)$/.test(clean(text)) ? { value: null } : moneyAnswer(text, ctx)),
  },
  weekdayHours: {
    ask: () => '工作日（正常上班的日子）延长工作时间，一共加班多少小时？没有请回复0。',
    retry: '请回复小时数，如：20；没有请回复0。',
    parse: (text) => hoursAnswer(text),
  },
  restDayHours: {
    ask: () => '休息日（如周末）加班、又没有安排补休的，一共多少小时？没有请回复0。',
    retry: '请回复小时数，如：16；没有请回复0。',
    parse: (text) => hoursAnswer(text),
  },
  holidayHours: {
    ask: () => '法定节假日（如春节、国庆）加班一共多少小时？没有请回复0。',
    retry: '请回复小时数，如：8；没有请回复0。',
    parse: (text) => hoursAnswer(text),
  },
  grade: {
    ask: () => '劳动能力鉴定的伤残等级是几级？请回复1到10之间的数字（一级最重）。',
    retry: '请回复1到10之间的数字。',
    parse: (text) => {
      const m = /^(?:伤残)?([一二三四五六七八九十\d]{1,2})(?:级)?(?:伤残)?$/.exec(clean(text));
      const n = m ? chineseToInt(m[1]!) : NaN;
      return n >= 1 && n <= 10 ? { value: n } : undefined;
    },
  },
};
