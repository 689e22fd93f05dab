/**
 * @module calculators/calculate
 * One entry for every calculator: a validated request in, a CalculationResult out. The local figures and the
 * holiday calendar are loaded once and passed in; `today` says how many days a deadline leaves.
 */
import { formatZodIssues, InputError } from '../errors.js';
import { calculationRequestSchema, type CalculationRequest } from './calculation-request.js';
import type { CalculationResult } from './calculation-result.js';
import { courtFee } from './court-fee.js';
import { deadline } from './deadline.js';
import { noContractDoubleWage } from './double-wage.js';
import { loadHolidayCalendar, type HolidayCalendar } from './holiday-calendar.js';
import { loadLabourFigures, type LabourFigures } from './labour-figures.js';
import { overtime } from './overtime.js';
import { noticePay, severance, unlawfulTermination } from './severance.js';
import { workInjuryDisability } from './work-injury.js';

export interface CalculatorData { figures: LabourFigures; calendar: HolidayCalendar }

/** The repository's figures and calendar (DataFileError when a file is invalid). */
export function loadCalculatorData(): CalculatorData {
  return { figures: loadLabourFigures(), calendar: loadHolidayCalendar() };
}

/** Runs the calculator a request names. */
export function calculate(request: CalculationRequest, data: CalculatorData, today: string): CalculationResult {
  switch (request.kind) {
    case 'severance': return severance(request, data.figures);
    case 'unlawful_termination': return unlawfulTermination(request, data.figures);
    case 'notice_pay': return noticePay(request);
    case 'no_contract_double_wage': return noContractDoubleWage(request);
    case 'overtime': return overtime(request);
    case 'work_injury_disability': return workInjuryDisability(request, data.figures);
    case 'court_fee': return courtFee(request);
    case 'deadline': return deadline(request, data.calendar, today);
  }
}

/** Validates an untrusted body, then calculates; a bad field is an InputError naming it. */
export function calculateUnchecked(body: unknown, data: CalculatorData, today: string): CalculationResult {
  const parsed = calculationRequestSchema.safeParse(body);
  if (!parsed.success) throw new InputError(formatZodIssues(parsed.error));
  return calculate(parsed.data, data, today);
}
