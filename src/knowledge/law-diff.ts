/**
 * @module knowledge/law-diff
 * What changed between two versions of a statute, article by article: added, removed, renumbered, reworded.
 * A revision renumbers most articles (仲裁法 2017 → 2025: 59 → 72), so articles are paired by their text, not
 * their number: an order-keeping alignment that maximises the summed similarity (character-bigram Dice from
 * `natural`), then a second pass that pairs articles moved out of order.
 */
import DiceCoefficient from 'natural/lib/natural/distance/dice_coefficient.js';
import type { Article } from './schemas/law.js';

export type ChangeKind = 'unchanged' | 'renumbered' | 'reworded' | 'renumbered-reworded' | 'added' | 'removed';

/** One line of a diff. `from` is the old article, `to` the new one (absent for added / removed). */
export interface ArticleChange {
  kind: ChangeKind;
  from?: { number: number; label: string; text: string };
  to?: { number: number; label: string; text: string };
  /** Dice similarity of the paired texts (1 = same). */
  similarity?: number;
}

/** Below this, two articles are different provisions rather than one provision reworded. */
export const PAIR_THRESHOLD = 0.45;
/** Out-of-order pairs must be closer, since nothing else ties them. */
const MOVED_THRESHOLD = 0.6;
/** Between two paired neighbours, a rewritten provision may keep little of its wording (仲裁法 77 → 93). */
const GAP_THRESHOLD = 0.3;

const squash = (s: string) => s.replace(/[\s\u3000]+/g, '');
const dice = DiceCoefficient;

function pick(a: Article) {
  return { number: a.number, label: a.label, text: a.text };
}

function kindOf(from: Article, to: Article): ChangeKind {
  const same = squash(from.text) === squash(to.text);
  const moved = from.label !== to.label;
  if (same) return moved ? 'renumbered' : 'unchanged';
  return moved ? 'renumbered-reworded' : 'reworded';
}

/** Pairs the articles of two versions and classifies each pair; the result follows the new version's order. */
export function diffArticles(older: Article[], newer: Article[]): ArticleChange[] {
  const n = older.length;
  const m = newer.length;
  const a = older.map((x) => squash(x.text));
  const b = newer.map((x) => squash(x.text));
  const sim = new Float32Array(n * m);
  for (let i = 0; i < n; i += 1) {
    for (let j = 0; j < m; j += 1) {
      // Identical texts are common; skip the bigram sets for them.
      sim[i * m + j] = a[i] === b[j] ? 1 : Math.abs(a[i]!.length - b[j]!.length) > 3 * Math.min(a[i]!.length, b[j]!.length) ? 0 : dice(a[i]!, b[j]!);
    }
  }
  // best[i][j]: best total similarity aligning older[i..] with newer[j..] in order.
  const best = new Float64Array((n + 1) * (m + 1));
  const W = m + 1;
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      const s = sim[i * m + j]!;
      const take = s >= PAIR_THRESHOLD ? s + best[(i + 1) * W + j + 1]! : -1;
      best[i * W + j] = Math.max(take, best[(i + 1) * W + j]!, best[i * W + j + 1]!);
    }
  }
  const pairOfNew = new Int32Array(m).fill(-1);
  const pairedOld = new Uint8Array(n);
  for (let i = 0, j = 0; i < n && j < m; ) {
    const s = sim[i * m + j]!;
    if (s >= PAIR_THRESHOLD && best[i * W + j] === s + best[(i + 1) * W + j + 1]!) {
      pairOfNew[j] = i;
      pairedOld[i] = 1;
      i += 1;
      j += 1;
    } else if (best[i * W + j] === best[(i + 1) * W + j]) i += 1;
    else j += 1;
  }
  // A provision rewritten in place sits between the same paired neighbours in both versions: pair it more loosely.
  let lastOld = -1;
  let lastNew = -1;
  for (let j = 0; j <= m; j += 1) {
    if (j < m && pairOfNew[j] === -1) continue;
    const endOld = j < m ? pairOfNew[j]! : n;
    const gap: Array<[number, number, number]> = [];
    for (let jj = lastNew + 1; jj < j; jj += 1) {
      for (let i = lastOld + 1; i < endOld; i += 1) if (!pairedOld[i] && sim[i * m + jj]! >= GAP_THRESHOLD) gap.push([sim[i * m + jj]!, i, jj]);
    }
    gap.sort((x, y) => y[0] - x[0]);
    const taken: Array<[number, number]> = [];
    for (const [, i, jj] of gap) {
      // Keep the gap's pairs in order with each other.
      if (pairedOld[i] || pairOfNew[jj] !== -1 || taken.some(([ti, tj]) => (ti < i) !== (tj < jj))) continue;
      pairOfNew[jj] = i;
      pairedOld[i] = 1;
      taken.push([i, jj]);
    }
    lastOld = endOld;
    lastNew = j;
  }
  // Articles moved to another chapter fall outside the in-order alignment: pair the clearly similar ones.
  const loose: Array<[number, number, number]> = [];
  for (let j = 0; j < m; j += 1) {
    if (pairOfNew[j] !== -1) continue;
    for (let i = 0; i < n; i += 1) if (!pairedOld[i] && sim[i * m + j]! >= MOVED_THRESHOLD) loose.push([sim[i * m + j]!, i, j]);
  }
  loose.sort((x, y) => y[0] - x[0]);
  for (const [, i, j] of loose) {
    if (pairedOld[i] || pairOfNew[j] !== -1) continue;
    pairOfNew[j] = i;
    pairedOld[i] = 1;
  }

  const out: ArticleChange[] = [];
  let nextOld = 0;
  const flushRemoved = (upTo: number) => {
    for (; nextOld < upTo; nextOld += 1) if (!pairedOld[nextOld]) out.push({ kind: 'removed', from: pick(older[nextOld]!) });
  };
  for (let j = 0; j < m; j += 1) {
    const i = pairOfNew[j]!;
    if (i === -1) {
      out.push({ kind: 'added', to: pick(newer[j]!) });
      continue;
    }
    if (i >= nextOld) flushRemoved(i);
    out.push({ kind: kindOf(older[i]!, newer[j]!), from: pick(older[i]!), to: pick(newer[j]!), similarity: Math.round(sim[i * m + j]! * 100) / 100 });
    if (i >= nextOld) nextOld = i + 1;
  }
  flushRemoved(n);
  return out;
}

/** Counts of each kind of change. */
export function summariseChanges(changes: ArticleChange[]): Record<ChangeKind, number> {
  const counts: Record<ChangeKind, number> = { unchanged: 0, renumbered: 0, reworded: 0, 'renumbered-reworded': 0, added: 0, removed: 0 };
  for (const c of changes) counts[c.kind] += 1;
  return counts;
}

const KIND_ZH: Record<ChangeKind, string> = {
  unchanged: '未变', renumbered: '改号', reworded: '修改', 'renumbered-reworded': '改号并修改', added: '新增', removed: '删除',
};

/** One readable line per change (unchanged articles left out), for the import report and `lawline laws diff`. */
export function formatChange(c: ArticleChange): string {
  const from = c.from ? `${c.from.label}(${c.from.number})` : '';
  const to = c.to ? `${c.to.label}(${c.to.number})` : '';
  const arrow = from && to ? `${from} → ${to}` : from || to;
  const sim = c.similarity !== undefined && c.kind !== 'renumbered' && c.kind !== 'unchanged' ? `  相似度 ${c.similarity.toFixed(2)}` : '';
  return `${KIND_ZH[c.kind].padEnd(5, '　')} ${arrow}${sim}`;
}

/** The change that concerns old article `number` (what became of it), if any. */
export function changeOfOld(changes: ArticleChange[], number: number): ArticleChange | undefined {
  return changes.find((c) => c.from?.number === number);
}
