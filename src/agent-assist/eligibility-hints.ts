/**
 * @module agent-assist/eligibility-hints
 * What the legal-aid check would be run with for a caller's words: the matter inferred from topic and wording
 * (the same rules as the chat bot's eligibility conversation), and the facts the entity extractor found.
 */
import { mergeRecognition, toEligibilityInput } from '../bot/dialogs/eligibility-facts.js';
import type { Region } from '../config/region.js';
import type { Group, Matter } from '../eligibility/schema.js';
import type { Recognition } from '../understanding/recognizer.js';

/** Prefill for the console's eligibility quick form; null = not said. */
export interface EligibilityHints {
  /** The matter the check would use (other_civil when nothing more specific was recognised). */
  matter: Matter;
  /** False when `matter` is only the fallback and the agent should choose. */
  matterInferred: boolean;
  /** Official name of a Qingyuan county-level unit. */
  county: string | null;
  householdSize: number | null;
  /** Household monthly income in yuan, as the means test takes it (a per-person figure times the household size). */
  monthlyIncome: number | null;
  /** How the caller stated the income, when they did. */
  incomePer: 'household' | 'person' | 'unknown' | null;
  groups: Group[];
  age: number | null;
}

/**
 * Reads the hints from a recognised message.
 * @example eligibilityHints(lawline.recognise('公司欠我工资，我在英德市'), lawline.region)
 * // { matter: 'labour_remuneration', matterInferred: true, county: '英德市', … }
 */
export function eligibilityHints(r: Recognition, region: Region): EligibilityHints {
  const facts = mergeRecognition({ text: r.text }, r, region);
  const input = toEligibilityInput(facts, 'hints');
  return {
    matter: input.matter,
    matterInferred: facts.matter !== undefined,
    county: facts.county ?? null,
    householdSize: facts.householdSize ?? null,
    monthlyIncome: input.household?.monthlyIncome ?? null,
    incomePer: facts.monthlyIncome === undefined ? null : facts.incomePer ?? 'unknown',
    groups: facts.groups ?? [],
    age: facts.age ?? null,
  };
}
