/**
 * @module calculators/deadline-matters
 * The periods the deadline reckoner knows: length, the article that sets it, from which event it runs, which
 * rule on counting applies (民法典 for limitation periods, 民事诉讼法 for court periods), and what may extend it
 * (中止、中断、顺延), each with the provision that says so.
 */
import type { Basis } from './calculation-result.js';

export const DEADLINE_MATTERS = [
  'labour_arbitration', 'civil_limitation', 'work_injury_application', 'appeal_judgment', 'appeal_ruling',
  'arbitration_award_lawsuit', 'admin_reconsideration', 'admin_litigation', 'enforcement',
] as const;
export type DeadlineMatter = (typeof DEADLINE_MATTERS)[number];

export interface Period { amount: number; unit: 'day' | 'month' | 'year' }

export interface MatterRule {
  label: string;
  /** What the citizen should give as `from`. */
  from: string;
  period: Period;
  basis: Basis[];
  /** Which counting rules apply: civil (民法典 Arts. 201–203) or procedural (民事诉讼法 Art. 85). */
  counting: 'civil' | 'procedural';
  /** Interruption, suspension, extension: the rules that may move the deadline, in Chinese. */
  extensions: string[];
  extensionBasis: Basis[];
}

const CIVIL_EXTENSIONS = [
  '中断：权利人向义务人提出履行请求、义务人同意履行、权利人提起诉讼或申请仲裁等，诉讼时效中断，从中断时起重新计算（民法典第一百九十五条）。',
  '中止：在时效期间的最后六个月内，因不可抗力等障碍不能行使请求权的，时效中止；自障碍消除之日起满六个月，时效期间届满（民法典第一百九十四条）。',
];

export const MATTER_RULES: Record<DeadlineMatter, MatterRule> = {
  labour_arbitration: {
    label: '申请劳动仲裁的时效', from: '知道或者应当知道权利被侵害之日', period: { amount: 1, unit: 'year' },
    basis: [{ law: '劳动争议调解仲裁法', article: 27, paragraph: 1 }], counting: 'civil',
    extensions: [
      '中断：向对方主张权利、向有关部门请求权利救济，或者对方同意履行义务的，时效中断，从中断时起重新计算一年（第二十七条第二款）。',
      '中止：因不可抗力或者有其他正当理由不能申请仲裁的，时效中止，从中止的原因消除之日起继续计算（第二十七条第三款）。',
      '劳动关系存续期间拖欠劳动报酬的，不受一年的限制；但劳动关系终止的，应当自终止之日起一年内提出（第二十七条第四款）。',
    ],
    extensionBasis: [{ law: '劳动争议调解仲裁法', article: 27, paragraph: 2 }, { law: '劳动争议调解仲裁法', article: 27, paragraph: 3 }, { law: '劳动争议调解仲裁法', article: 27, paragraph: 4 }],
  },
  civil_limitation: {
    label: '民事诉讼时效', from: '知道或者应当知道权利受到损害以及义务人之日', period: { amount: 3, unit: 'year' },
    basis: [{ law: '民法典', article: 188, paragraph: 1 }], counting: 'civil',
    extensions: [...CIVIL_EXTENSIONS, '自权利受到损害之日起超过二十年的，人民法院不予保护，有特殊情况的可以申请延长（民法典第一百八十八条第二款）。'],
    extensionBasis: [{ law: '民法典', article: 194 }, { law: '民法典', article: 195 }, { law: '民法典', article: 188, paragraph: 2 }],
  },
  work_injury_application: {
    label: '申请工伤认定的期限（职工或其近亲属、工会）', from: '事故伤害发生之日或者被诊断、鉴定为职业病之日', period: { amount: 1, unit: 'year' },
    basis: [{ law: '工伤保险条例', article: 17, paragraph: 2 }], counting: 'civil',
    extensions: [
      '工伤保险条例没有规定这一期限的中止、中断；因不可抗力等原因被耽误的，能否扣除由社会保险行政部门认定，请尽早申请。',
      '用人单位应当在30日内提出申请，遇有特殊情况经社会保险行政部门同意可以适当延长；单位逾期未申请期间的工伤待遇等费用由单位负担（第十七条第一款、第四款）。',
    ],
    extensionBasis: [{ law: '工伤保险条例', article: 17, paragraph: 1 }, { law: '工伤保险条例', article: 17, paragraph: 4 }],
  },
  appeal_judgment: {
    label: '不服一审判决的上诉期', from: '判决书送达之日', period: { amount: 15, unit: 'day' },
    basis: [{ law: '民事诉讼法', article: 171, paragraph: 1 }], counting: 'procedural',
    extensions: ['上诉期不适用中止、中断；因不可抗拒的事由或者其他正当理由耽误的，可以在障碍消除后十日内申请顺延，是否准许由人民法院决定（民事诉讼法第八十六条）。'],
    extensionBasis: [{ law: '民事诉讼法', article: 86 }],
  },
  appeal_ruling: {
    label: '不服一审裁定的上诉期', from: '裁定书送达之日', period: { amount: 10, unit: 'day' },
    basis: [{ law: '民事诉讼法', article: 171, paragraph: 2 }], counting: 'procedural',
    extensions: ['上诉期不适用中止、中断；因不可抗拒的事由或者其他正当理由耽误的，可以在障碍消除后十日内申请顺延，是否准许由人民法院决定（民事诉讼法第八十六条）。'],
    extensionBasis: [{ law: '民事诉讼法', article: 86 }],
  },
  arbitration_award_lawsuit: {
    label: '不服劳动仲裁裁决向法院起诉的期限', from: '收到仲裁裁决书之日', period: { amount: 15, unit: 'day' },
    basis: [{ law: '劳动争议调解仲裁法', article: 48 }, { law: '劳动争议调解仲裁法', article: 50 }], counting: 'procedural',
    extensions: [
      '这一期限不适用中止、中断；期满不起诉的，非终局裁决发生法律效力（第五十条）。因不可抗拒的事由或者其他正当理由耽误的，可以在障碍消除后十日内向法院申请顺延，是否准许由法院决定（民事诉讼法第八十六条）。',
      '用人单位对终局裁决申请撤销的期限是三十日（第四十九条），不是本期限。',
    ],
    extensionBasis: [{ law: '民事诉讼法', article: 86 }, { law: '劳动争议调解仲裁法', article: 49 }],
  },
  admin_reconsideration: {
    label: '申请行政复议的期限', from: '知道或者应当知道该行政行为之日', period: { amount: 60, unit: 'day' },
    basis: [{ law: '行政复议法', article: 20, paragraph: 1 }], counting: 'procedural',
    extensions: [
      '法律规定的申请期限超过六十日的，按法律规定（第二十条第一款）。',
      '因不可抗力或者其他正当理由耽误的，申请期限自障碍消除之日起继续计算（第二十条第二款）。',
      '行政机关未告知申请复议的权利、复议机关和期限的，期限自知道或者应当知道这些事项之日起计算，但最长不超过知道行政行为内容之日起一年（第二十条第三款）。',
    ],
    extensionBasis: [{ law: '行政复议法', article: 20, paragraph: 2 }, { law: '行政复议法', article: 20, paragraph: 3 }, { law: '行政复议法', article: 88, paragraph: 1 }],
  },
  admin_litigation: {
    label: '直接提起行政诉讼的期限', from: '知道或者应当知道作出行政行为之日', period: { amount: 6, unit: 'month' },
    basis: [{ law: '行政诉讼法', article: 46, paragraph: 1 }], counting: 'procedural',
    extensions: [
      '因不可抗力或者其他不属于自身的原因耽误的，被耽误的时间不计算在起诉期限内；其他特殊情况耽误的，可以在障碍消除后十日内申请延长，是否准许由法院决定（行政诉讼法第四十八条）。',
      '不动产案件自行政行为作出之日起超过二十年、其他案件超过五年起诉的，法院不予受理（第四十六条第二款）；法律另有规定的除外。',
    ],
    extensionBasis: [{ law: '行政诉讼法', article: 48 }, { law: '行政诉讼法', article: 46, paragraph: 2 }, { law: '行政诉讼法', article: 101 }],
  },
  enforcement: {
    label: '申请强制执行的期间', from: '法律文书规定履行期间的最后一日（分期履行的为最后一期届满之日；未规定履行期间的为文书生效之日）', period: { amount: 2, unit: 'year' },
    basis: [{ law: '民事诉讼法', article: 250, paragraph: 1 }, { law: '民事诉讼法', article: 250, paragraph: 2 }], counting: 'civil',
    extensions: ['申请执行时效的中止、中断，适用法律有关诉讼时效中止、中断的规定（民事诉讼法第二百五十条第一款）。', ...CIVIL_EXTENSIONS],
    extensionBasis: [{ law: '民法典', article: 194 }, { law: '民法典', article: 195 }],
  },
};

/** 1年, 6个月, 15日 */
export function periodText(p: Period): string {
  return `${p.amount}${p.unit === 'year' ? '年' : p.unit === 'month' ? '个月' : '日'}`;
}
