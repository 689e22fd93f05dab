/**
 * @module calculators/calculate-routes
 * `POST /api/v1/calculate {kind, …inputs}` → `{kind, result, steps, basis, assumptions, missing}`; a bad field is a
 * 400 naming it (the request schema is a zod union on `kind`).
 */
import { Router } from 'express';
import { lawToday } from '../config/today.js';
import { parseBody } from '../http/parse-body.js';
import { calculate, type CalculatorData } from './calculate.js';
import { calculationRequestSchema } from './calculation-request.js';

export function calculateRoutes(data: CalculatorData, today: () => string = () => lawToday()): Router {
  const router = Router();
  router.post('/calculate', (req, res) => {
    res.json(calculate(parseBody(calculationRequestSchema, req.body), data, today()));
  });
  return router;
}
