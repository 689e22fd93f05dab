/**
 * @module knowledge/law-versions
 * Which version of a statute is law today. A text is imported with its version date (adoption or last
 * revision) and the date it took effect; a newer version supersedes an older one only from that date, and a
 * version whose date is still ahead is held as upcoming ("将于…施行"), never cited as current.
 */
import type { LawFile } from './schemas/law.js';

/** How `effectiveFrom` was found: the text says it ("本法自…起施行" or a "… 施行" history line), or it is the version date. */
export type EffectiveBasis = 'stated' | 'version-date' | 'unknown';

const STATED_RE = /本(?:法|条例|规定|解释|办法|决定|细则|规则|准则|意见|批复|通知)(?:（[^）]*）)?自(\d{4})年(\d{1,2})月(\d{1,2})日(?:起)?(?:施行|生效)/;
const HISTORY_RE = /^(\d{4})年(\d{1,2})月(\d{1,2})日\s*(?:起)?施行$/;

function isoDate(y: string, m: string, d: string): string {
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** The date a text says it takes effect: a "…施行" history line, else the last "本法自…起施行" in its articles. */
export function statedEffectiveDate(history: string[], articleTexts: string[]): string | null {
  for (const line of history) {
    const m = HISTORY_RE.exec(line.trim());
    if (m) return isoDate(m[1]!, m[2]!, m[3]!);
  }
  for (let i = articleTexts.length - 1; i >= Math.max(0, articleTexts.length - 4); i -= 1) {
    const m = STATED_RE.exec(articleTexts[i]!);
    if (m) return isoDate(m[1]!, m[2]!, m[3]!);
  }
  return null;
}

/**
 * The date a version took effect. An amended text keeps its original "本法自…起施行" article, so a stated date
 * before the version date says nothing about the amendment: the version date is used then (for amendments that
 * is the adoption date, a lower bound, which only matters for versions adopted but not yet in force).
 */
export function effectiveDate(versionDate: string | null, stated: string | null): { effectiveFrom: string | null; effectiveBasis: EffectiveBasis } {
  if (stated && (!versionDate || stated >= versionDate)) return { effectiveFrom: stated, effectiveBasis: 'stated' };
  if (versionDate) return { effectiveFrom: versionDate, effectiveBasis: 'version-date' };
  return { effectiveFrom: null, effectiveBasis: 'unknown' };
}

/** A version's identity in review records: its version date, else the date it took effect (民法典), else "undated". */
export function versionId(law: Pick<LawFile, 'versionDate' | 'effectiveFrom'>): string {
  return law.versionDate ?? law.effectiveFrom ?? 'undated';
}

/** Sort key of a version: when it took effect (undated versions are the oldest). */
function effectiveKey(law: Pick<LawFile, 'effectiveFrom' | 'versionDate'>): string {
  return law.effectiveFrom ?? law.versionDate ?? '';
}

/**
 * Sets each version's status as of `today` (YYYY-MM-DD): per title, the newest version in force is current,
 * older ones superseded, versions not yet in force upcoming. A repealed instrument stays repealed and the
 * versions before it superseded. When no version is in force yet (a new law), every version is upcoming.
 * Returns new objects for the laws whose status changes; the input is untouched.
 */
type Versioned = Pick<LawFile, 'title' | 'status' | 'effectiveFrom' | 'versionDate'>;

export function resolveStatuses<T extends Versioned>(laws: T[], today: string): T[] {
  const status = new Map<T, LawFile['status']>();
  for (const versions of groupByTitle(laws).values()) {
    const repealedAt = versions.filter((v) => v.status === 'repealed').map(effectiveKey).sort().at(-1);
    const live = versions.filter((v) => v.status !== 'repealed');
    const inForce = live.filter((v) => effectiveKey(v) <= today && (repealedAt === undefined || effectiveKey(v) > repealedAt));
    const newest = inForce.map(effectiveKey).sort().at(-1);
    for (const v of live) {
      const key = effectiveKey(v);
      status.set(v, key > today ? 'upcoming' : key === newest ? 'current' : 'superseded');
    }
  }
  return laws.map((l) => (status.has(l) && status.get(l) !== l.status ? { ...l, status: status.get(l)! } : l));
}

/**
 * The loader's view as of `today`: titles whose import-time statuses the date has overtaken (an upcoming
 * version now in force, or a current one not yet in force when `today` is set back) are resolved again; the
 * rest keep the importer's statuses, which saw every version.
 */
export function statusesAsOf<T extends Versioned>(laws: T[], today: string): T[] {
  const stale = new Set<string>();
  for (const l of laws) {
    if ((l.status === 'upcoming' && effectiveKey(l) <= today) || (l.status === 'current' && effectiveKey(l) > today)) stale.add(l.title);
  }
  if (stale.size === 0) return laws;
  const redone = new Map<T, T>();
  const subset = laws.filter((l) => stale.has(l.title));
  resolveStatuses(subset, today).forEach((r, i) => redone.set(subset[i]!, r));
  return laws.map((l) => redone.get(l) ?? l);
}

/** What changes in the law in force as of `today` compared with the files' statuses ("" when nothing does). */
export function statusFingerprint(laws: Versioned[], today: string): string {
  const now = statusesAsOf(laws, today);
  return now.flatMap((l, i) => (l.status !== laws[i]!.status ? [`${l.title}@${l.versionDate}:${l.status}`] : [])).join(';');
}

function groupByTitle<T extends Versioned>(laws: T[]): Map<string, T[]> {
  const byTitle = new Map<string, T[]>();
  for (const law of laws) byTitle.set(law.title, [...(byTitle.get(law.title) ?? []), law]);
  return byTitle;
}

/** Chinese date for citizens: "2026-03-01" → "2026年3月1日". */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}
