/**
 * @module eligibility/rules
 * The statutory shortcuts around the means test: mandatory defence (法律援助法 Arts. 25, 28), no hardship condition
 * (Art. 32) and waived verification (Art. 42). Each function records its reasoning in a {@link Trace}.
 */
import { legalAidLaw } from './laws.js';
import type { EligibilityInput, Group, Matter } from './schema.js';
import type { Trace } from './trace.js';

/**
 * Groups stated plus those implied by age or disability: under 18 is a minor (未成年人保护法 Art. 2),
 * 60 or over is elderly (老年人权益保障法 Art. 2), any stated disability makes the applicant disabled.
 */
export function effectiveGroups(input: EligibilityInput): Set<Group> {
  const a = input.applicant ?? {};
  const set = new Set<Group>(a.groups ?? []);
  if (a.age !== undefined && a.age < 18) set.add('minor');
  if (a.age !== undefined && a.age >= 60) set.add('elderly');
  if (a.disability) set.add('disabled');
  return set;
}

/**
 * Art. 25(1) and Art. 28 grounds on which the court, procuratorate or police must notify legal aid.
 * @returns true when at least one ground applies (no means test then)
 */
export function mandatoryDefence(input: EligibilityInput, groups: Set<Group>, trace: Trace): boolean {
  const c = input.criminal ?? {};
  const d = input.applicant?.disability ?? null;
  const age = input.applicant?.age;
  let found = false;
  const ground = (code: string, article: number[]) => {
    trace.reason(code, article.map(legalAidLaw));
    found = true;
  };
  if (groups.has('minor')) ground('criminal.ground.minor', [25]);
  if (d === 'visual' || d === 'hearing' || d === 'speech') ground('criminal.ground.sensory', [25]);
  // Item 3 names adults; a minor with a mental disability is already covered by item 1.
  if (d === 'mental_partial' && !groups.has('minor') && (age === undefined || age >= 18)) ground('criminal.ground.mental', [25]);
  if (c.possibleSentence === 'life_or_death') ground('criminal.ground.life_or_death', [25, 26]);
  if (c.deathPenaltyReview) ground('criminal.ground.death_review', [25, 26]);
  if (c.inAbsentia) ground('criminal.ground.in_absentia', [25]);
  if (c.compulsoryMedical) ground('criminal.ground.compulsory_medical', [28]);
  if (!found && groups.has('disabled') && d === null) trace.reason('criminal.disability_unspecified', [legalAidLaw(25)]);
  return found;
}

/*
 * Art. 32 frees these people from the hardship condition when they assert rights arising from their situation.
 * The input names the group and the matter but not the link between them, and this is a pre-check that must not
 * turn away someone the office would help, so the three person-based items apply to every matter a citizen can
 * bring (the reason text says the office confirms the link):
 * - item 1, martyr_relative: near relatives of heroes and martyrs (protecting the martyr's personality rights);
 * - item 2, bravery: civil rights arising from an act of bravery for a just cause (见义勇为);
 * - item 4, abuse_victim: victims of abuse, abandonment or domestic violence asserting related rights.
 * Item 3 is a claim, not a person: State compensation after acquittal on retrial — state_compensation only.
 * Art. 32 situations are legal-aid matters in their own right, so an exempt other_civil claim is in scope.
 * Art. 32 never applies to criminal_defence: it concerns asserting rights, not defending a charge (Arts. 24-25).
 */
const ASSERTED_RIGHTS: Matter[] = [
  'state_compensation', 'social_insurance', 'pension_for_bereaved', 'support_payment', 'labour_remuneration',
  'civil_capacity', 'injury_compensation', 'environmental_damage', 'criminal_victim', 'other_civil',
];
const ART32: Partial<Record<Group, { item: number; matters: Matter[] }>> = {
  martyr_relative: { item: 1, matters: ASSERTED_RIGHTS },
  bravery: { item: 2, matters: ASSERTED_RIGHTS },
  retrial_acquitted: { item: 3, matters: ['state_compensation'] },
  abuse_victim: { item: 4, matters: ASSERTED_RIGHTS },
};

/**
 * Art. 32 check.
 * @returns true when the claim is free of the hardship condition
 */
export function art32Exemption(matter: Matter, groups: Set<Group>, trace: Trace): boolean {
  let exempt = false;
  for (const [group, rule] of Object.entries(ART32) as [Group, { item: number; matters: Matter[] }][]) {
    if (!groups.has(group)) continue;
    if (rule.matters.includes(matter)) {
      trace.reason(`exempt.${group}`, [legalAidLaw(32)]);
      exempt = true;
    } else {
      trace.reason(matter === 'criminal_defence' ? 'exempt.na.criminal_defence' : `exempt.na.${group}`, [legalAidLaw(32)]);
    }
  }
  return exempt;
}

/** Art. 42 item 3 covers wage claims and work-injury compensation only. */
const MIGRANT_MATTERS: Matter[] = ['labour_remuneration', 'injury_compensation'];

/**
 * Art. 42 check: with proof of belonging to a listed group, hardship is presumed and not verified.
 * @returns true when verification is waived
 */
export function art42Waiver(matter: Matter, groups: Set<Group>, trace: Trace): boolean {
  let waived = false;
  const vulnerable = (['minor', 'elderly', 'disabled'] as const).filter((g) => groups.has(g));
  if (vulnerable.length > 0 && groups.has('no_stable_income')) {
    trace.reason('waiver.vulnerable', [legalAidLaw(42)], { who: vulnerable.map((g) => `@group.${g}`).join('、') });
    waived = true;
  }
  for (const g of ['social_assistance', 'judicial_aid', 'special_care'] as const) {
    if (groups.has(g)) {
      trace.reason(`waiver.${g}`, [legalAidLaw(42)]);
      waived = true;
    }
  }
  if (groups.has('migrant_worker')) {
    if (MIGRANT_MATTERS.includes(matter)) {
      trace.reason('waiver.migrant_worker', [legalAidLaw(42)]);
      if (matter === 'injury_compensation') trace.reason('waiver.migrant_work_injury_only', [legalAidLaw(42)]);
      waived = true;
    } else {
      trace.reason('waiver.migrant_na', [legalAidLaw(42)]);
    }
  }
  // Only worth saying when nothing else waived verification.
  if (!waived && vulnerable.length > 0) trace.reason('waiver.needs_no_stable_income', [legalAidLaw(42)]);
  return waived;
}

