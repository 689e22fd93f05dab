/**
 * @module bot/dialogs/calculator/calculator-facts
 * The facts a calculator conversation collects, what the first message already says (dates, wage, amount, grade,
 * matter), which fact is still missing, and the calculation requests they make.
 */
import type { CalculationRequest } from '../../../calculators/calculation-request.js';
import type { CaseType } from '../../../calculators/court-fee.js';
import type { DeadlineMatter } from '../../../calculators/deadline-matters.js';
import { chineseToInt } from '../../../text/chinese-numerals.js';
import type { Recognition } from '../../../understanding/recognizer.js';
import type { CalculatorTopic, TopicMatch } from './calculator-topics.js';
import { spokenDates } from './spoken-dates.js';

/** How the employment ended, as the citizen chooses it: it decides N, N+1 or 2N. */
export type DismissalReason = 'agreed' | 'notice' | 'unlawful' | 'unknown';

export interface CalculatorFacts {
  topic: CalculatorTopic;
  reason?: DismissalReason;
  startDate?: string;
  endDate?: string;
  monthlyWage?: number;
  contractSigned?: boolean;
  matter?: DeadlineMatter | 'appeal';
  party?: 'worker' | 'employer';
  from?: string;
  caseType?: CaseType;
  /** null: the citizen said there is none (divorce without property to divide). */
  claimAmount?: number | null;
  weekdayHours?: number;
  restDayHours?: number;
  holidayHours?: number;
  grade?: number;
  /** Sentences about how an answer was read (a month-only date completed to a day). */
  notes: string[];
}

export type CalculatorField =
  | 'reason' | 'startDate' | 'endDate' | 'monthlyWage' | 'contractSigned' | 'matter' | 'appealKind' | 'party' | 'from'
  | 'caseType' | 'claimAmount' | 'weekdayHours' | 'restDayHours' | 'holidayHours' | 'grade';

const START_CUE = /^.{0,3}(入职|进厂|进公司|上班|开始|来的|参加工作|用工)/;
const END_CUE = /^.{0,3}(辞退|离职|被辞|开除|解雇|解除|走|不干|被炒|终止|送达|收到|受伤|出事)/;
const WAGE_CUE = /(工资|月薪|薪水|底薪|月入|每月|一个月|每个月|月收入)[^，,。]{0,4}$/;

/** Facts the first message gives. */
export function factsFromMessage(match: TopicMatch, r: Recognition, today: string): CalculatorFacts {
  const facts: CalculatorFacts = { topic: match.topic, notes: [] };
  const text = r.alteredText;
  if (match.matter === 'appeal') facts.matter = /裁定/.test(text) ? 'appeal_ruling' : /判决/.test(text) ? 'appeal_judgment' : 'appeal';
  else if (match.matter) facts.matter = match.matter;

  const dates = spokenDates(r.entities, today);
  const full = dates.filter((d) => !d.monthOnly);
  const after = (d: { end: number }) => text.slice(d.end, d.end + 8);
  if (match.topic === 'deadline') {
    if (full.length === 1) facts.from = full[0]!.date;
  } else if (full.length >= 2) {
    facts.startDate = full[0]!.date;
    facts.endDate = full[full.length - 1]!.date;
  } else if (full.length === 1) {
    const d = full[0]!;
    if (START_CUE.test(after(d))) facts.startDate = d.date;
    else if (END_CUE.test(after(d))) facts.endDate = d.date;
  }
  if (facts.startDate && facts.endDate && facts.endDate < facts.startDate) [facts.startDate, facts.endDate] = [facts.endDate, facts.startDate];

  const money = r.entities.flatMap((e) => (e.type === 'money' || e.type === 'monthly_income' ? [{ yuan: e.value.yuan, wage: e.type === 'monthly_income' || WAGE_CUE.test(text.slice(0, e.start)), e }] : []));
  if (match.topic === 'court_fee') {
    const largest = money.sort((a, b) => b.yuan - a.yuan)[0];
    if (largest) facts.claimAmount = largest.yuan;
    if (/离婚/.test(text)) facts.caseType = 'divorce';
    else if (/劳动|工资|仲裁|辞退|工伤|加班/.test(text)) facts.caseType = 'labour';
    else if (largest) facts.caseType = 'property';
  } else {
    const wage = money.find((m) => m.wage);
    if (wage) facts.monthlyWage = wage.yuan;
  }
  const grade = /([一二三四五六七八九十\d]{1,2})级伤残|伤残([一二三四五六七八九十\d]{1,2})级/.exec(text);
  if (grade) {
    const n = chineseToInt(grade[1] ?? grade[2]!);
    if (n >= 1 && n <= 10) facts.grade = n;
  }
  if (match.topic === 'dismissal' && /协商|裁员/.test(text)) facts.reason = 'agreed';
  if (match.topic === 'double_wage' && /补签|后来签/.test(text)) facts.contractSigned = true;
  return facts;
}

const FIELDS: Record<CalculatorTopic, CalculatorField[]> = {
  dismissal: ['reason', 'startDate', 'endDate', 'monthlyWage'],
  double_wage: ['startDate', 'contractSigned', 'endDate', 'monthlyWage'],
  deadline: ['matter', 'appealKind', 'party', 'from'],
  court_fee: ['caseType', 'claimAmount'],
  overtime: ['monthlyWage', 'weekdayHours', 'restDayHours', 'holidayHours'],
  work_injury: ['grade', 'monthlyWage'],
};

/** Whether `field` still has to be asked. */
function needs(facts: CalculatorFacts, field: CalculatorField): boolean {
  switch (field) {
    case 'appealKind': return facts.matter === 'appeal';
    case 'matter': return facts.matter === undefined;
    case 'party': return facts.matter === 'work_injury_application' && facts.party === undefined;
    case 'claimAmount': return facts.caseType !== 'labour' && facts.claimAmount === undefined;
    default: return facts[field] === undefined;
  }
}

/** The next fact to ask for, or null when the calculation can run. */
export function nextCalculatorField(facts: CalculatorFacts): CalculatorField | null {
  return FIELDS[facts.topic].find((f) => needs(facts, f)) ?? null;
}

/** The calculations the facts call for (a dismissal whose reason is unclear gets both N and 2N). */
export function calculationRequests(f: CalculatorFacts): CalculationRequest[] {
  const employment = { startDate: f.startDate!, endDate: f.endDate!, monthlyWage: f.monthlyWage! };
  switch (f.topic) {
    case 'dismissal':
      if (f.reason === 'unlawful') return [{ kind: 'unlawful_termination', ...employment }];
      if (f.reason === 'notice') return [{ kind: 'severance', ...employment }, { kind: 'notice_pay', monthlyWage: f.monthlyWage! }];
      if (f.reason === 'unknown') return [{ kind: 'severance', ...employment }, { kind: 'unlawful_termination', ...employment }];
      return [{ kind: 'severance', ...employment }];
    case 'double_wage':
      return [{ kind: 'no_contract_double_wage', ...employment, contractSigned: f.contractSigned ?? false }];
    case 'deadline':
      return [{ kind: 'deadline', matter: f.matter as DeadlineMatter, from: f.from!, ...(f.party ? { party: f.party } : {}) }];
    case 'court_fee':
      return [{ kind: 'court_fee', caseType: f.caseType!, ...(typeof f.claimAmount === 'number' ? { claimAmount: f.claimAmount } : {}) }];
    case 'overtime':
      return [{ kind: 'overtime', monthlyWage: f.monthlyWage!, weekdayHours: f.weekdayHours ?? 0, restDayHours: f.restDayHours ?? 0, holidayHours: f.holidayHours ?? 0 }];
    case 'work_injury':
      return [{ kind: 'work_injury_disability', grade: f.grade!, monthlyWage: f.monthlyWage! }];
  }
}
