/**
 * @module eligibility/scope
 * Which article brings a matter within legal aid: 法律援助法 Art. 31 items 1–8 (civil/administrative),
 * Art. 29 (crime victims), Art. 24 (suspects/defendants) — or none (other_civil, outside the national list).
 */
import { legalAidLaw } from './laws.js';
import type { LawRef, Matter } from './schema.js';

/** How a matter relates to the national scope. */
export interface MatterScope {
  /** 'listed' = named by the Law; 'outside' = other_civil, left to Guangdong rules and the office. */
  kind: 'listed' | 'outside';
  code: string;
  refs: LawRef[];
  /** Art. 31 item number, when applicable. */
  item?: number;
}

/** Art. 31 items, in statute order. */
const ART31_ITEMS: Partial<Record<Matter, number>> = {
  state_compensation: 1,
  social_insurance: 2,
  pension_for_bereaved: 3,
  support_payment: 4,
  labour_remuneration: 5,
  civil_capacity: 6,
  // Item 7 covers work-injury, traffic, food/drug-safety and medical accidents only.
  injury_compensation: 7,
  environmental_damage: 8,
};

/** Scope of a matter under the national Law. */
export function matterScope(matter: Matter): MatterScope {
  const item = ART31_ITEMS[matter];
  if (item !== undefined) return { kind: 'listed', code: 'scope.art31', refs: [legalAidLaw(31)], item };
  if (matter === 'criminal_victim') return { kind: 'listed', code: 'scope.art29', refs: [legalAidLaw(29)] };
  if (matter === 'criminal_defence') return { kind: 'listed', code: 'scope.art24', refs: [legalAidLaw(24)] };
  // Art. 31 item 9 defers to other laws, regulations and rules; Guangdong's may widen the list.
  return { kind: 'outside', code: 'scope.other_civil', refs: [legalAidLaw(31)] };
}
