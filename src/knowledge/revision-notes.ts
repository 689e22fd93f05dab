/**
 * @module knowledge/revision-notes
 * Which articles a recent revision changed in a way that can decide a citizen's case: a period, an amount, a
 * multiple or an age differs from the provision it replaced (仲裁法 2025 Art. 72: three months where the 2017 text
 * said six). An answer that cites such an article says when today's rule took effect and that events before
 * that day may fall under the old rule — never quoting the old figure as if it applied.
 */
import { extractFigures } from './figures.js';
import { diffArticles } from './law-diff.js';
import { versionId } from './law-versions.js';
import type { LawFile } from './schemas/law.js';

/** Revisions older than this no longer get a note: claims from before them are mostly time-barred (民法典 Art. 188). */
export const REVISION_NOTE_YEARS = 3;

export interface RevisionNote {
  law: string;
  article: number;
  /** When the version with today's rule took effect. */
  effectiveFrom: string;
  version: string;
  previousVersion: string;
  previousLabel: string;
}

function figureKeys(text: string): string {
  return extractFigures(text).map((f) => `${f.unit}:${f.value}`).sort().join('|');
}

/** The day `years` before `date` (YYYY-MM-DD). */
export function yearsBefore(date: string, years: number): string {
  return `${Number(date.slice(0, 4)) - years}${date.slice(4)}`;
}

/** True while a note about a revision in force since `effectiveFrom` still matters on `today`. */
export function noteStillMatters(effectiveFrom: string, today: string): boolean {
  return effectiveFrom > yearsBefore(today, REVISION_NOTE_YEARS) && effectiveFrom <= today;
}

/** Notes for the current versions that took effect after `since`, against the version each replaced. */
export function revisionNotes(laws: LawFile[], since: string): RevisionNote[] {
  const notes: RevisionNote[] = [];
  for (const current of laws) {
    if (current.status !== 'current' || !current.effectiveFrom || current.effectiveFrom <= since) continue;
    const previous = laws
      .filter((l) => l.title === current.title && l.status === 'superseded' && (l.effectiveFrom ?? '') < current.effectiveFrom!)
      .sort((a, b) => ((a.effectiveFrom ?? '') < (b.effectiveFrom ?? '') ? 1 : -1))[0];
    if (!previous) continue;
    for (const change of diffArticles(previous.articles, current.articles)) {
      if (!change.from || !change.to || change.kind === 'unchanged' || change.kind === 'renumbered') continue;
      if (figureKeys(change.from.text) === figureKeys(change.to.text)) continue;
      notes.push({
        law: current.title, article: change.to.number, effectiveFrom: current.effectiveFrom, version: versionId(current),
        previousVersion: versionId(previous), previousLabel: change.from.label,
      });
    }
  }
  return notes;
}
