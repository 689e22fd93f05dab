/**
 * @module cli/calculate-command
 * `lawline calculate`: JSON lines `{"id", "kind", …inputs}` on stdin → the same result as POST /api/v1/calculate,
 * plus the line's id. No assistant start-up: the calculators need only the local figures and the holiday calendar.
 */
import { lawToday } from '../config/today.js';
import { calculateUnchecked, loadCalculatorData } from '../calculators/calculate.js';
import type { LineHandler } from './json-lines.js';

/** The handler for one line; the id is the line's, not an input of the calculator. */
export function calculateLineHandler(today: () => string = () => lawToday()): LineHandler {
  const data = loadCalculatorData();
  return ({ id: _id, ...request }) => calculateUnchecked(request, data, today());
}
