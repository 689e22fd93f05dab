/**
 * @module calculators/citation-probes
 * Requests that walk every branch of every calculator (cap, minimum wage, pre-2008 service, each grade, each
 * court-fee case type, each deadline matter), so `validate:data` can check that each provision a result cites
 * exists in the statute in force, down to the paragraph.
 */
import { DEADLINE_MATTERS } from './deadline-matters.js';
import type { CalculationRequest } from './calculation-request.js';

const employment = { startDate: '2005-03-01', endDate: '2024-06-30', monthlyWage: 1000, localAverageMonthlyWage: 300 };

export const CITATION_PROBES: CalculationRequest[] = [
  { kind: 'severance', ...employment },
  { kind: 'severance', startDate: '2020-01-01', endDate: '2024-06-30', monthlyWage: 8000 },
  { kind: 'unlawful_termination', ...employment },
  { kind: 'notice_pay', monthlyWage: 5000 },
  { kind: 'no_contract_double_wage', startDate: '2024-01-01', endDate: '2024-03-15', monthlyWage: 5000 },
  { kind: 'no_contract_double_wage', startDate: '2023-01-01', endDate: '2024-06-30', monthlyWage: 5000 },
  { kind: 'overtime', monthlyWage: 5000, weekdayHours: 1, restDayHours: 1, holidayHours: 1 },
  ...Array.from({ length: 10 }, (_, i): CalculationRequest => ({ kind: 'work_injury_disability', grade: i + 1, monthlyWage: 5000, regionalAverageMonthlyWage: 6000 })),
  { kind: 'court_fee', caseType: 'property', claimAmount: 30_000_000, procedure: 'simple' },
  { kind: 'court_fee', caseType: 'divorce', claimAmount: 300_000 },
  { kind: 'court_fee', caseType: 'labour' },
  ...DEADLINE_MATTERS.map((matter): CalculationRequest => ({ kind: 'deadline', matter, from: '2024-09-28' })),
  { kind: 'deadline', matter: 'work_injury_application', from: '2024-09-28', party: 'employer' },
];
