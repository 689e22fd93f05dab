/**
 * @module stats/case-library-counts
 * The case library's cases per year (case-library/<year>/) against the yearly target of typical cases.
 */
import { PATHS } from '../config/paths.js';
import { CASES_PER_YEAR_TARGET, loadCases } from '../knowledge/cases.js';
import type { CaseLibraryCounts } from './overview.js';

/**
 * Reads the files once, when first asked: the library changes only with its files.
 * @example const caseLibrary = caseLibraryCounter(); caseLibrary() // { byYear: { '2022': 12 }, target: 30 }
 */
export function caseLibraryCounter(dir: string = PATHS.cases): () => CaseLibraryCounts {
  let counts: CaseLibraryCounts | undefined;
  return () => (counts ??= {
    byYear: Object.fromEntries(loadCases(dir).perYear.map((y) => [String(y.year), y.count])),
    target: CASES_PER_YEAR_TARGET,
  });
}
