/**
 * @module bot/dialogs/calculator/calculator-replies-zh
 * Fixed Chinese wording of the calculator conversation.
 */
import type { CalculatorTopic } from './calculator-topics.js';

const HOW = '只问还需要的几个信息，回复“取消”可以退出。';

export const CALCULATOR_REPLIES = {
  intro: {
    dismissal: `我来按劳动合同法帮您算一算离职能拿的经济补偿或赔偿金，${HOW}`,
    double_wage: `我来按劳动合同法帮您算一算没签书面劳动合同的二倍工资，${HOW}`,
    deadline: `我来按法律规定帮您算一算期限到哪一天，${HOW}`,
    court_fee: `我来按《诉讼费用交纳办法》帮您算一算起诉要交的案件受理费，${HOW}`,
    overtime: `我来按劳动法帮您算一算加班费，${HOW}`,
    work_injury: `我来按工伤保险条例帮您算一算一次性伤残补助金，${HOW}`,
  } satisfies Record<CalculatorTopic, string>,
  offer: {
    dismissal: '需要我按您的入职、离职日期和工资，算一算能拿多少经济补偿吗？回复1开始。',
    double_wage: '需要我按您的日期和工资，算一算二倍工资差额吗？回复1开始。',
    deadline: '需要我按您的日期，算出期限的最后一天吗？回复1开始。',
    court_fee: '需要我按您的请求金额，算一算要交多少案件受理费吗？回复1开始。',
    overtime: '需要我按您的工资和加班时数，算一算加班费吗？回复1开始。',
    work_injury: '需要我按您的伤残等级和工资，算一算一次性伤残补助金吗？回复1开始。',
  } satisfies Record<CalculatorTopic, string>,
  cancelled: '好的，已退出计算。如有其他法律问题，可以直接问我，也可以拨打12348公共法律服务热线。',
  badFacts: '您给的日期或金额前后对不上（例如离职日期早于入职日期），没法计算。请回复“取消”后重新开始，或拨打12348咨询。',
  noOvertime: '您说的加班时数都是0，不产生加班费。如有其他法律问题，可以直接问我，也可以拨打12348公共法律服务热线。',
  noticePayWage: '代通知金应按上一个月的工资标准确定（劳动合同法实施条例第二十条）；这里用了您说的月工资，如上个月工资不同，以上个月为准。',
  eitherOr: '公司解除合同是否合法由仲裁委或法院认定：合法解除、依法应付经济补偿的是N；违法解除的是2N（二者不同时支付）。',
} as const;
