/**
 * @module bot/dialogs/eligibility-facts
 * The facts the eligibility conversation collects, how they are read from a recognised message, and which one
 * is still needed: a fact is asked for only when the eligibility check cannot decide without it.
 */
import type { Region } from '../../config/region.js';
import { checkEligibility } from '../../eligibility/check-eligibility.js';
import type { EligibilityInput, EligibilityResult, Group, Matter } from '../../eligibility/schema.js';
import type { Recognition } from '../../understanding/recognizer.js';

/** Facts gathered so far; `undefined` means not known yet. `county: null` means the citizen does not know. */
export interface EligibilityFacts {
  /** The message that started the check (the pre-application's matter summary). */
  text: string;
  matter?: Matter;
  county?: string | null;
  groups?: Group[];
  age?: number;
  householdSize?: number;
  monthlyIncome?: number;
  incomePer?: 'household' | 'person' | 'unknown';
  hasDefender?: boolean;
}

/** The questions the conversation can ask. */
export type Field = 'matter' | 'hasDefender' | 'groups' | 'householdSize' | 'monthlyIncome' | 'county';

const has = (text: string, re: RegExp) => re.test(text);

/**
 * The matter implied by the message's topic and words, or undefined when it should be asked.
 * @example inferMatter(recognise('公司欠我工资')) // 'labour_remuneration'
 */
export function inferMatter(r: Pick<Recognition, 'alteredText' | 'domain' | 'domainConfidence'>): Matter | undefined {
  const t = r.alteredText;
  if (has(t, /抚养费|赡养费|扶养费|抚恤金/)) return /抚恤金/.test(t) ? 'pension_for_bereaved' : 'support_payment';
  if (has(t, /国家赔偿/)) return 'state_compensation';
  if (r.domainConfidence < 0.4) return undefined;
  switch (r.domain) {
    case '劳动纠纷':
      if (has(t, /工伤/)) return 'injury_compensation';
      if (has(t, /社保|社会保险|养老保险|医疗保险|失业保险|低保|救助/)) return 'social_insurance';
      if (has(t, /工资|工钱|薪水|薪资|报酬|加班费|劳动关系|欠薪|讨薪/)) return 'labour_remuneration';
      return undefined;
    case '婚姻家庭':
      return undefined; // divorce, property and custody need the list; support claims were caught above
    case '交通事故':
    case '医疗纠纷':
    case '人身损害':
      return 'injury_compensation';
    case '刑事辩护':
      if (has(t, /被打|被骗|被偷|被抢|被害|受害|被强奸|被猥亵|被伤害|报案|自诉/)) return 'criminal_victim';
      if (has(t, /被抓|拘留|逮捕|起诉|判刑|嫌疑人|被告|辩护|看守所|取保/)) return 'criminal_defence';
      return undefined;
    default:
      return undefined;
  }
}

/** Adds what a recognised message says to `facts`; known facts are kept (the citizen's first word stands). */
export function mergeRecognition(facts: EligibilityFacts, r: Recognition, region: Region): EligibilityFacts {
  const next = { ...facts };
  next.matter ??= inferMatter(r);
  const groups = new Set(next.groups ?? []);
  for (const e of r.entities) {
    if (e.type === 'county' && next.county === undefined && region.counties.some((c) => c.name === e.value.name)) next.county = e.value.name;
    if (e.type === 'household_size') next.householdSize ??= e.value.persons;
    if (e.type === 'monthly_income' && next.monthlyIncome === undefined) {
      next.monthlyIncome = e.value.yuan;
      next.incomePer = e.value.per;
    }
    if (e.type === 'age' && e.value.bound === undefined) next.age ??= e.value.years;
    // Someone else's group (我儿子是残疾人) is not the applicant's unless the applicant is that person.
    if (e.type === 'group' && e.value.subject !== 'other') groups.add(e.value.code);
  }
  if (groups.size && !next.groups?.length) next.groups = [...groups];
  return next;
}

/** The eligibility request for the facts known so far. */
export function toEligibilityInput(facts: EligibilityFacts, id: string): EligibilityInput {
  const input: EligibilityInput = { id, matter: facts.matter ?? 'other_civil' };
  const applicant: NonNullable<EligibilityInput['applicant']> = {};
  if (facts.groups?.length) applicant.groups = facts.groups;
  if (facts.age !== undefined) applicant.age = facts.age;
  if (Object.keys(applicant).length) input.applicant = applicant;
  const household: NonNullable<EligibilityInput['household']> = {};
  if (facts.householdSize !== undefined) household.size = facts.householdSize;
  if (facts.monthlyIncome !== undefined) {
    const perPerson = facts.incomePer === 'person';
    if (!perPerson) household.monthlyIncome = facts.monthlyIncome;
    else if (facts.householdSize !== undefined) household.monthlyIncome = facts.monthlyIncome * facts.householdSize;
  }
  if (Object.keys(household).length) input.household = household;
  if (facts.hasDefender !== undefined) input.criminal = { hasDefender: facts.hasDefender };
  if (facts.county) input.county = facts.county;
  return input;
}

/** Runs the check on the facts known so far. */
export function runCheck(facts: EligibilityFacts, region: Region, id = 'chat'): EligibilityResult {
  return checkEligibility(toEligibilityInput(facts, id), region);
}

/**
 * The next question to ask, or null when the check has all it needs. Order: matter, (defence: already has a
 * lawyer?), groups (they can make the means test moot), household size and income (only when the means test
 * is missing them), county (for where to apply).
 */
export function nextField(facts: EligibilityFacts, region: Region): Field | null {
  if (!facts.matter) return 'matter';
  if (facts.matter === 'criminal_defence' && facts.hasDefender === undefined) return 'hasDefender';
  if (!facts.hasDefender) {
    const result = runCheck(facts, region);
    if (facts.groups === undefined && result.decision !== 'eligible') return 'groups';
    if (result.codes.includes('means.household_missing')) {
      return facts.householdSize === undefined ? 'householdSize' : 'monthlyIncome';
    }
  }
  if (facts.county === undefined) return 'county';
  return null;
}
