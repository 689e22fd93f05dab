/**
 * @module bot/dialogs/calculator/calculator-topics
 * Which calculator a message calls for: 被辞退能拿多少补偿 (dismissal), 没签合同双倍工资, 还来得及申请仲裁吗 /
 * 上诉期到哪天 (deadline), 诉讼费多少 (court fee), 加班费怎么算 (overtime), 伤残补助金 (work injury). A topic word
 * alone is not enough: the message must ask for an amount or a date. A message that asks for the figure itself
 * (能拿多少, 到哪天, 还来得及吗) starts the calculator; one that asks how a figure works (怎么算, 时效多长) gets the
 * ordinary answer and the calculator as an offer.
 */
import type { DeadlineMatter } from '../../../calculators/deadline-matters.js';

export type CalculatorTopic = 'dismissal' | 'double_wage' | 'deadline' | 'court_fee' | 'overtime' | 'work_injury';

/** Asks for the figure of the citizen's own case. */
const WANTS_AMOUNT = /多少|能拿|能要|能赔|赔几|给几|拿几|几个月工资|算一下|算算|帮我算/;
/** Asks how a figure is worked out. */
const HOW_AMOUNT = /怎么算|如何算|怎样算|怎么计算|如何计算|计算方法|标准是/;
/** Asks for the last day of the citizen's own case. */
const WANTS_DAY = /来得及|来不及|到哪天|到几号|哪天之前|哪天截止|最后一天|截止到|过(没过|了没有)|还能不能/;
/** Asks how long a period is. */
const HOW_LONG = /(多久|多长时间|几天|多少天)(之内|以内|内)|(上诉期|期限|时效)(是|有|一般)?(多久|多长|几天|几年|多少天)|(期限|时效)怎么算/;

const TOPICS: Array<{ topic: CalculatorTopic; words: RegExp; extra?: RegExp }> = [
  { topic: 'double_wage', words: /(没|未|不|没有)(签|订|签订|签过)(书面)?(劳动)?合同|双倍工资|二倍工资|两倍工资/, extra: /(要|拿|赔|给|讨)回?(双倍|二倍|两倍)/ },
  { topic: 'court_fee', words: /诉讼费|受理费|打官司.{0,6}(钱|费)|起诉.{0,6}(交|付|花).{0,4}(钱|费)/, extra: /要交|交多少|贵不贵/ },
  { topic: 'overtime', words: /加班费|加班工资/ },
  { topic: 'work_injury', words: /伤残补助金|伤残.{0,4}级|[一二三四五六七八九十\d]+级伤残/ },
  { topic: 'dismissal', words: /辞退|开除|解雇|裁员|炒了|炒鱿鱼|被辞|解除.{0,4}合同|经济补偿|N\+1|2N|违法解除/i },
];

/** Words of a commercial dispute: its arbitration is not the labour arbitration of the deadline reckoner. */
const COMMERCIAL = /买卖|商事|商业|货款|供货|贸易|合同纠纷/;
/** Criminal cases have their own appeal periods (刑事诉讼法), which the reckoner does not know. */
const CRIMINAL = /判刑|徒刑|拘役|缓刑|刑事|犯罪|罪/;

/** Deadline matters by the words that name them; the first that matches wins. */
const MATTER_WORDS: Array<[RegExp, DeadlineMatter | 'appeal']> = [
  [/(不服|对).{0,8}(仲裁)?裁决.{0,8}(起诉|告|法院)|裁决书.{0,8}(起诉|法院)|对劳动仲裁不服|不服劳动仲裁/, 'arbitration_award_lawsuit'],
  [/上诉/, 'appeal'],
  [/工伤认定|认定工伤|申请工伤/, 'work_injury_application'],
  [/复议/, 'admin_reconsideration'],
  [/行政诉讼|告政府|起诉政府|告.{0,4}(局|政府|部门)/, 'admin_litigation'],
  [/申请.{0,4}执行|强制执行/, 'enforcement'],
  [/劳动仲裁|劳动争议|仲裁/, 'labour_arbitration'],
  [/诉讼时效|欠.{0,6}(钱|款)|借.{0,6}(钱|款)/, 'civil_limitation'],
];

export interface TopicMatch {
  topic: CalculatorTopic;
  matter?: DeadlineMatter | 'appeal';
  /** start: the message asks for its own figure; offer: it asks how the figure works. */
  mode: 'start' | 'offer';
}

/** The calculator the text asks for, or null. */
export function calculatorTopic(text: string): TopicMatch | null {
  // Setting an award aside and commercial arbitration follow other periods (仲裁法), which the reckoner does not know.
  if (/撤销.{0,4}裁决|申请撤销/.test(text) || (/仲裁/.test(text) && COMMERCIAL.test(text) && !/劳动/.test(text))) return null;
  const wantsDay = WANTS_DAY.test(text);
  if (wantsDay || HOW_LONG.test(text)) {
    const matter = MATTER_WORDS.find(([re]) => re.test(text))?.[1];
    if (matter === 'appeal' && CRIMINAL.test(text)) return null;
    if (matter) return { topic: 'deadline', matter, mode: wantsDay ? 'start' : 'offer' };
    if (/上诉期|时效/.test(text)) return { topic: 'deadline', mode: 'offer' };
  }
  const wants = WANTS_AMOUNT.test(text);
  const how = HOW_AMOUNT.test(text);
  for (const t of TOPICS) {
    if (!t.words.test(text)) continue;
    if (wants || t.extra?.test(text)) return { topic: t.topic, mode: 'start' };
    if (how) return { topic: t.topic, mode: 'offer' };
  }
  return null;
}
