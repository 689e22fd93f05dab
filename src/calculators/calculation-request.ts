/**
 * @module calculators/calculation-request
 * The zod schema of a calculation request (`POST /api/v1/calculate`, `lawline calculate`): one object per kind,
 * told apart by `kind`, money in 元 exact to the fen, dates as YYYY-MM-DD. A bad field is named in the error.
 */
import { z } from 'zod';
import { isoDateSchema } from '../config/today.js';
import { DEADLINE_MATTERS } from './deadline-matters.js';

/** 元, positive, exact to the fen, below 10 billion (beyond any claim a citizen brings here). */
const yuan = z.number({ invalid_type_error: 'must be a number (元)' }).positive('must be more than 0').max(10_000_000_000, 'is too large')
  .refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'must be exact to the fen (at most two decimals)');
const hours = z.number().min(0).max(10_000).refine((n) => Number.isInteger(Math.round(n * 100)) && Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'at most two decimals');

const employment = {
  startDate: isoDateSchema.describe('first day of work'),
  endDate: isoDateSchema.describe('last day of work'),
  monthlyWage: yuan,
};

export const CALCULATION_KINDS = [
  'severance', 'unlawful_termination', 'notice_pay', 'no_contract_double_wage', 'overtime', 'work_injury_disability', 'court_fee', 'deadline',
] as const;
export type CalculationKind = (typeof CALCULATION_KINDS)[number];

export const calculationRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('severance'), ...employment, localAverageMonthlyWage: yuan.optional() }).strict(),
  z.object({ kind: z.literal('unlawful_termination'), ...employment, localAverageMonthlyWage: yuan.optional() }).strict(),
  z.object({ kind: z.literal('notice_pay'), monthlyWage: yuan, startDate: isoDateSchema.optional(), endDate: isoDateSchema.optional() }).strict(),
  z.object({ kind: z.literal('no_contract_double_wage'), ...employment, contractSigned: z.boolean().optional() }).strict(),
  z.object({
    kind: z.literal('overtime'), monthlyWage: yuan, weekdayHours: hours.optional(), restDayHours: hours.optional(), holidayHours: hours.optional(),
  }).strict(),
  z.object({
    kind: z.literal('work_injury_disability'), grade: z.number().int().min(1).max(10), monthlyWage: yuan, regionalAverageMonthlyWage: yuan.optional(),
  }).strict(),
  z.object({
    kind: z.literal('court_fee'), caseType: z.enum(['property', 'divorce', 'labour']), claimAmount: yuan.optional(), procedure: z.enum(['ordinary', 'simple']).optional(),
  }).strict(),
  z.object({ kind: z.literal('deadline'), matter: z.enum(DEADLINE_MATTERS), from: isoDateSchema, party: z.enum(['worker', 'employer']).optional() }).strict(),
], { errorMap: (issue, ctx) => (issue.code === 'invalid_union_discriminator' ? { message: `must be one of ${CALCULATION_KINDS.join(', ')}` } : { message: ctx.defaultError }) })
  // Rules across fields (a discriminated union takes plain objects only, so they are checked here).
  .superRefine((r, ctx) => {
    if (r.kind === 'overtime' && (r.weekdayHours ?? 0) + (r.restDayHours ?? 0) + (r.holidayHours ?? 0) <= 0) {
      ctx.addIssue({ code: 'custom', path: ['weekdayHours'], message: 'give at least one of weekdayHours, restDayHours, holidayHours' });
    }
    if (r.kind === 'court_fee' && r.caseType === 'property' && r.claimAmount === undefined) {
      ctx.addIssue({ code: 'custom', path: ['claimAmount'], message: 'required for a property case' });
    }
    if ((r.kind === 'severance' || r.kind === 'unlawful_termination' || r.kind === 'no_contract_double_wage') && r.endDate < r.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must not be before startDate' });
    }
  });

export type CalculationRequest = z.infer<typeof calculationRequestSchema>;
