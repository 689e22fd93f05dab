/**
 * @module assistant/staff-cases
 * Puts the cases staff added or edited in the workspace into answers without rebuilding the search index: the
 * index (built from the case files at start) finds file cases; a staff case is matched by its own keywords, which
 * the case schema requires (5–10 of them). An edited file case is shown as staff edited it.
 */
import type { SearchDoc } from '../knowledge/search-documents.js';
import { caseDocs } from '../knowledge/search-documents.js';
import type { Case } from '../knowledge/schemas/case.js';
import type { Recognition } from '../understanding/recognizer.js';

/** Keywords a staff case must share with the question to count as similar (with its topic), or without it. */
export const STAFF_CASE_KEYWORDS = { sameTopic: 2, anyTopic: 3 } as const;
/** Cases an answer names, as for the index's hits. */
const SHOWN = 2;

/**
 * The cases to show: staff cases the question matches first (most shared keywords first), then the index's hits
 * (replaced by their staff version when staff edited them, dropped when that version's topic is another one).
 * @example mergeStaffCases(indexHits, await staff.cases(), recognition)
 */
export function mergeStaffCases(indexHits: SearchDoc[], staff: readonly Case[], r: Pick<Recognition, 'text' | 'alteredText' | 'domain'>): SearchDoc[] {
  if (!staff.length) return indexHits;
  const byId = new Map(staff.map((c) => [c.id, c]));
  const shared = (c: Case) => c.keywords.filter((k) => r.alteredText.includes(k) || r.text.includes(k)).length;
  const matched = staff
    .map((c) => ({ c, n: shared(c) }))
    .filter(({ c, n }) => n >= (c.topic === r.domain ? STAFF_CASE_KEYWORDS.sameTopic : STAFF_CASE_KEYWORDS.anyTopic))
    .sort((a, b) => b.n - a.n || b.c.year - a.c.year)
    .map(({ c }) => c);
  const fromIndex = indexHits.flatMap((d) => {
    const edited = byId.get(d.ref);
    if (!edited) return [d];
    return edited.topic === d.topic ? caseDocs([edited]) : [];
  });
  const seen = new Set<string>();
  return [...caseDocs(matched), ...fromIndex].filter((d) => !seen.has(d.ref) && seen.add(d.ref)).slice(0, SHOWN);
}
