/**
 * @module eligibility/schema
 * Input contract of the legal-aid eligibility engine, its zod schema, result types and the input error.
 */
import { z } from 'zod';
import type { ContactField } from '../config/region.js';
import { InputError } from '../errors.js';
import { CITIZEN_GROUPS } from '../vocabulary.js';

/** Matters the engine understands; the first eight are 法律援助法 Art. 31 items 1–8. */
export const matters = [
  'state_compensation',
  'social_insurance',
  'pension_for_bereaved',
  'support_payment',
  'labour_remuneration',
  'civil_capacity',
  'injury_compensation',
  'environmental_damage',
  'criminal_defence',
  'criminal_victim',
  'other_civil',
] as const;
export type Matter = (typeof matters)[number];

/** Citizen group codes: the shared vocabulary's list, which the entity extractor uses too. */
export const groups = CITIZEN_GROUPS;
export type Group = (typeof groups)[number];

export const disabilities = ['visual', 'hearing', 'speech', 'mental_partial'] as const;
export const spendingReasons = ['emergency', 'accident', 'serious_illness', 'full_time_student'] as const;

// Amounts are yuan with at most two decimals (fen), so the means test can run on exact integers.
const money = z
  .number({ invalid_type_error: 'expected a number of yuan' })
  .finite()
  .nonnegative('expected a non-negative amount of yuan')
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'expected at most two decimal places (fen)')
  .refine((n) => n <= 1e12, 'amount is implausibly large');

/** Zod schema of the eligibility request. Unknown keys are rejected so typos surface as errors. */
export const eligibilityInputSchema = z
  .object({
    id: z.string({ required_error: 'required', invalid_type_error: 'expected a string' }).min(1, 'expected a non-empty string'),
    matter: z.enum(matters),
    applicant: z
      .object({
        age: z.number({ invalid_type_error: 'expected an integer age' }).int('expected an integer age').min(0).max(150).optional(),
        groups: z.array(z.enum(groups)).optional(),
        disability: z.enum(disabilities).nullable().optional(),
      })
      .strict()
      .optional(),
    household: z
      .object({
        size: z
          .number({ invalid_type_error: 'expected a positive integer' })
          .int('expected a positive integer')
          .positive('expected a positive integer')
          .max(100, 'expected a household of at most 100 people')
          .optional(),
        monthlyIncome: money.optional(),
        monthlySpending: money.optional(),
        spendingReason: z.enum(spendingReasons).nullable().optional(),
        largeAssets: z.boolean().optional(),
      })
      .strict()
      .optional(),
    criminal: z
      .object({
        hasDefender: z.boolean().optional(),
        possibleSentence: z.enum(['life_or_death', 'other']).nullable().optional(),
        inAbsentia: z.boolean().optional(),
        deathPenaltyReview: z.boolean().optional(),
        compulsoryMedical: z.boolean().optional(),
      })
      .strict()
      .optional(),
    county: z.string().trim().min(1, 'expected a county name').optional(),
    standard: z
      .object({
        cityUrbanIncomePerYear: z
          .number({ invalid_type_error: 'expected a positive number of yuan' })
          .positive('expected a positive number of yuan')
          .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'expected at most two decimal places'),
      })
      .strict()
      .optional(),
  })
  .strict();
/** A validated eligibility request. */
export type EligibilityInput = z.infer<typeof eligibilityInputSchema>;

/** Thrown for invalid input; the message names the field path, e.g. `household.size: expected a positive integer`. */
export class EligibilityInputError extends InputError {
  override name = 'EligibilityInputError';
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

function pathString(path: (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(root)';
}

/**
 * Validates raw input.
 * @throws EligibilityInputError listing every failing field
 */
export function parseEligibilityInput(input: unknown): EligibilityInput {
  const parsed = eligibilityInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => {
    const extra = i.code === 'unrecognized_keys' ? `: ${i.keys.join(', ')}` : '';
    return { path: pathString(i.path), message: `${i.message}${extra}` };
  });
  throw new EligibilityInputError(issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
}

export type Decision = 'eligible' | 'not_eligible' | 'needs_review';
export type MeansTestOutcome = 'passed' | 'failed' | 'exempt' | 'verification_waived' | 'unknown' | null;

/** A statute reference in the shared `{law, article}` form. */
export interface LawRef {
  law: string;
  article: number;
}

/** One office in {@link WhereToApply}; contact fields keep their confirmed flags from the region file. */
export interface OfficeContact {
  id: string;
  name: string;
  nameConfirmed: boolean;
  level: 'city' | 'county';
  address: ContactField;
  postalAddress?: ContactField;
  phone: ContactField;
  hours: ContactField;
}

/** Where and how to apply, built from the region config. */
export interface WhereToApply {
  /** Official name of the county-level unit, or null when no county was given. */
  county: string | null;
  /** Art. 38 rule in Chinese. */
  rule: string;
  /** Legal-aid institutions to contact, most local first. */
  offices: OfficeContact[];
  /** Justice bureau that hears objections (Art. 49). */
  objectionsTo: OfficeContact | null;
  hotline: { name: string; number: ContactField };
  online: { name: string; url: ContactField; howTo: ContactField }[];
  /** Set when any contact detail above is unconfirmed. */
  confirmAdvice: string | null;
}

/** Output of the engine. */
export interface EligibilityResult {
  id: string;
  decision: Decision;
  meansTest: MeansTestOutcome;
  /** Articles relied on, e.g. "法律援助法第三十一条"; never empty. */
  basis: string[];
  refs: LawRef[];
  /** Stable reason codes (see messages-zh.ts). */
  codes: string[];
  reasons: string[];
  nextSteps: string[];
  whereToApply: WhereToApply;
  materials: string[];
}
