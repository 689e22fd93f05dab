/**
 * @module calculators/labour-figures
 * Loads knowledge/region/labour-figures.yaml: Qingyuan's minimum wage by period, the local average monthly wage
 * (劳动合同法 Art. 47 ¶2) and the work-injury pool's average wage (工伤保险条例 Art. 64 ¶2). Each figure keeps its
 * source and a confirmed flag; an unknown one is null, never a guess.
 */
import { z } from 'zod';
import { PATHS } from '../config/paths.js';
import { isoDateSchema } from '../config/today.js';
import { readYamlFile } from '../read-yaml-file.js';

export const DEFAULT_LABOUR_FIGURES_FILE = PATHS.labourFigures;

const yuan = z.number().positive().refine((n) => Number.isInteger(Math.round(n * 100)) && Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'must be exact to the fen');
const note = z.string().trim().min(1);

const minimumWageSchema = z.object({
  effectiveFrom: isoDateSchema,
  monthly: yuan,
  area: note,
  confirmed: z.boolean(),
  source: z.string().url(),
  sourceDate: isoDateSchema.optional(),
  note: note.optional(),
}).strict();

const averageWageSchema = z.object({
  value: yuan.nullable(),
  year: z.number().int().min(2000).nullable(),
  confirmed: z.boolean(),
  source: z.string().url().optional(),
  sourceDate: isoDateSchema.optional(),
  note: note.optional(),
}).strict()
  // A figure without its year and source cannot be checked by anyone; a confirmed one must have a value.
  .refine((f) => f.value === null || (f.year !== null && f.source !== undefined), { message: 'a value needs year and source', path: ['value'] })
  .refine((f) => !(f.confirmed && f.value === null), { message: 'confirmed is true but value is null', path: ['confirmed'] });

export const labourFiguresSchema = z.object({
  minimumWage: z.array(minimumWageSchema).min(1)
    .refine((list) => list.every((e, i) => i === 0 || list[i - 1]!.effectiveFrom < e.effectiveFrom), 'entries must be in order of effectiveFrom, without repeats'),
  localAverageMonthlyWage: averageWageSchema,
  injuryInsuranceAverageMonthlyWage: averageWageSchema,
}).strict();

export type LabourFigures = z.infer<typeof labourFiguresSchema>;
export type MinimumWage = LabourFigures['minimumWage'][number];
export type AverageWage = LabourFigures['localAverageMonthlyWage'];

/** Reads and validates the file; a DataFileError names the file and the field. */
export function loadLabourFigures(file: string = DEFAULT_LABOUR_FIGURES_FILE): LabourFigures {
  return readYamlFile(file, labourFiguresSchema);
}

/** The minimum wage in force on `date`, or null before the first known period. */
export function minimumWageOn(figures: LabourFigures, date: string): MinimumWage | null {
  let found: MinimumWage | null = null;
  for (const entry of figures.minimumWage) if (entry.effectiveFrom <= date) found = entry;
  return found;
}
