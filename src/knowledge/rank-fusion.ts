/**
 * @module knowledge/rank-fusion
 * Reciprocal-rank fusion: merges several rankings of the same items using only positions, so scores on
 * different scales (BM25, cosine) never need calibrating against each other.
 */

/** One ranking to fuse: ids best first, and how much it counts. */
export interface WeightedRanking { ids: number[]; weight: number }

/** The constant of Cormack et al. (2009): damps the gap between the very top ranks. */
export const RRF_K = 60;

/**
 * Fuses rankings by Σ weight / (k + rank), rank counted from 1; an id missing from a ranking gets nothing
 * from it. Ties keep the order of first appearance (the first ranking wins), so the result is deterministic.
 */
export function fuseRanks(rankings: WeightedRanking[], k: number = RRF_K): number[] {
  if (!(k >= 0)) throw new RangeError(`rank fusion: k must be >= 0, got ${k}`);
  const score = new Map<number, number>();
  const firstSeen = new Map<number, number>();
  for (const { ids, weight } of rankings) {
    if (!(weight >= 0)) throw new RangeError(`rank fusion: weight must be >= 0, got ${weight}`);
    const seen = new Set<number>();
    ids.forEach((id, i) => {
      if (seen.has(id)) return; // a duplicate counts at its best rank only
      seen.add(id);
      if (!firstSeen.has(id)) firstSeen.set(id, firstSeen.size);
      score.set(id, (score.get(id) ?? 0) + weight / (k + i + 1));
    });
  }
  return [...score.keys()].sort((a, b) => score.get(b)! - score.get(a)! || firstSeen.get(a)! - firstSeen.get(b)!);
}
