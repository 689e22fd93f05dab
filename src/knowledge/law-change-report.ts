/**
 * @module knowledge/law-change-report
 * The part of the import report that says what changed between versions of the same statute: for each title
 * with more than one version, when each took effect and where it stands today, then — for the newest change —
 * every article added, removed, renumbered or reworded. `lawline laws diff` prints the same for one title.
 */
import { createLawBook } from './law-book.js';
import { diffArticles, formatChange, summariseChanges } from './law-diff.js';
import { versionId } from './law-versions.js';
import type { LawFile } from './schemas/law.js';

function describeVersion(l: LawFile): string {
  const basis = l.effectiveBasis === 'stated' ? '' : l.effectiveBasis === 'version-date' ? ' (from the version date)' : ' (no date)';
  return `${versionId(l)} in force ${l.effectiveFrom ?? '?'}${basis}, ${l.status}`;
}

/** Report lines for one pair of versions: a summary, then one line per changed article. */
export function pairReport(older: LawFile, newer: LawFile, details = true): string[] {
  const changes = diffArticles(older.articles, newer.articles);
  const s = summariseChanges(changes);
  const head = `  ${versionId(older)} → ${versionId(newer)}: ${older.articles.length} → ${newer.articles.length} articles; ` +
    `added ${s.added}, removed ${s.removed}, renumbered ${s.renumbered + s['renumbered-reworded']}, ` +
    `reworded ${s.reworded + s['renumbered-reworded']}, unchanged ${s.unchanged}`;
  if (!details) return [head];
  return [head, ...changes.filter((c) => c.kind !== 'unchanged').map((c) => `    ${formatChange(c)}`)];
}

/** The whole section: every multi-version title, with article detail for its newest change. */
export function versionChangeReport(laws: LawFile[]): string[] {
  const titles = [...new Set(laws.map((l) => l.title))].sort();
  const book = createLawBook(laws);
  const out: string[] = [];
  let count = 0;
  for (const title of titles) {
    const versions = book.versions(title);
    if (versions.length < 2) continue;
    count += 1;
    out.push(`\n${title}: ${versions.map(describeVersion).join('; ')}`);
    for (let i = 1; i < versions.length; i += 1) out.push(...pairReport(versions[i - 1]!, versions[i]!, i === versions.length - 1));
  }
  const upcoming = laws.filter((l) => l.status === 'upcoming');
  return [
    `\nchanges between versions (${count} titles with more than one version; article detail for the newest change):`,
    ...out,
    `\nupcoming (adopted, not yet in force, never cited as current): ${upcoming.length ? upcoming.map((l) => `${l.title} ${versionId(l)} from ${l.effectiveFrom}`).join('; ') : 'none'}`,
  ];
}
