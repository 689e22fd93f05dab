/**
 * @module bot/dialogs/calculator/calculator-topics
 * Which calculator a message calls for: 被辞退能拿多少补偿 (dismissal), 没签合同双倍工资, 还来得及申请仲裁吗 /
 * 上诉期到哪天 (deadline), 诉讼费多少 (court fee), 加班费怎么算 (overtime), 伤残补助金 (work injury). A topic word
 * alone is not enough: the message must ask for an amount or a date, so 被辞退了怎么办 still gets the ordinary answer.
 */
import type { DeadlineMatter } from '../../../calculators/deadline-matters.js';

export type CalculatorTopic = 'dismissal' | 'double_wage' | 'deadline' | 'court_fee' | 'overtime' | 'work_injury';

const ASKS_AMOUNT = /多少|几个月|怎么算|如何算|怎样算|怎么计算|算一下|算算|计算|能拿|能要|能赔|赔几|给几|标准是/;
const ASKS_DEADLINE = /来得及|来不及|过期|(过了|超过).{0,4}(时效|期限)|时效|截止|最后一天|最后期限|到哪天|到几号|哪天之前|(多久|多长时间|几天|多少天)(之内|以内|内)|期限(是)?(多久|多长|几天)|期.{0,2}(到哪天|多久|多长|几天)/;

const TOPICS: Array<{ topic: CalculatorTopic; words: RegExp; asks: RegExp }> = [
  { topic: 'double_wage', words: /(没|未|不|没有)(签|订|签订|签过)(书面)?(劳动)?合同|双倍工资|二倍工资|两倍工资/, asks: new RegExp(`${ASKS_AMOUNT.source}|双倍|二倍|两倍`) },
  { topic: 'court_fee', words: /诉讼费|受理费|打官司.{0,6}(钱|费)|起诉.{0,6}(交|付|花).{0,4}(钱|费)/, asks: /多少|怎么算|怎么交|要交|交多少|贵不贵|算一下|计算|标准/ },
  { topic: 'overtime', words: /加班费|加班工资/, asks: ASKS_AMOUNT },
  { topic: 'work_injury', words: /伤残补助金|伤残.{0,4}级|[一二三四五六七八九十\d]+级伤残/, asks: ASKS_AMOUNT },
  { topic: 'dismissal', words: /辞退|开除|解雇|裁员|炒了|炒鱿鱼|被辞|解除.{0,4}合同|经济补偿|补偿金|赔偿金|N\+1|2N/i, asks: ASKS_AMOUNT },
];

/** Deadline matters by the words that name them; the first that matches wins. */
const MATTER_WORDS: Array<[RegExp, DeadlineMatter | 'appeal']> = [
  [/(不服|对).{0,6}(仲裁)?裁决.{0,6}(起诉|告)|裁决书.{0,8}(起诉|法院)/, 'arbitration_award_lawsuit'],
  [/上诉/, 'appeal'],
  [/工伤认定|认定工伤|申请工伤/, 'work_injury_application'],
  [/复议/, 'admin_reconsideration'],
  [/行政诉讼|告政府|起诉政府|告.{0,4}(局|政府|部门)/, 'admin_litigation'],
  [/申请.{0,4}执行|强制执行/, 'enforcement'],
  [/劳动仲裁|申请仲裁|仲裁/, 'labour_arbitration'],
  [/诉讼时效|欠.{0,6}(钱|款)|借.{0,6}(钱|款)/, 'civil_limitation'],
];

export interface TopicMatch { topic: CalculatorTopic; matter?: DeadlineMatter | 'appeal' }

/** The calculator the text asks for, or null. */
export function calculatorTopic(text: string): TopicMatch | null {
  if (ASKS_DEADLINE.test(text)) {
    const matter = MATTER_WORDS.find(([re]) => re.test(text))?.[1];
    if (matter) return { topic: 'deadline', matter };
    if (/上诉期|时效/.test(text)) return { topic: 'deadline' };
  }
  for (const t of TOPICS) if (t.words.test(text) && t.asks.test(text)) return { topic: t.topic };
  return null;
}
