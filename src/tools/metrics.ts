/**
 * @module tools/metrics
 * Ranking and classification metrics for the evaluation: hit@k, MRR, accuracy, per-label F1, confusions.
 */

/** 1-based rank of the first relevant item, or 0 when none is in the list. */
export function firstRelevantRank<T>(ranked: T[], isRelevant: (item: T) => boolean): number {
  const i = ranked.findIndex(isRelevant);
  return i < 0 ? 0 : i + 1;
}

export interface RankingScores { n: number; hit1: number; hit5: number; mrr: number }

/** Aggregates ranks (0 = miss) into hit@1, hit@5 and MRR. */
export function rankingScores(ranks: number[]): RankingScores {
  const n = ranks.length || 1;
  return {
    n: ranks.length,
    hit1: ranks.filter((r) => r === 1).length / n,
    hit5: ranks.filter((r) => r >= 1 && r <= 5).length / n,
    mrr: ranks.reduce((s, r) => s + (r ? 1 / r : 0), 0) / n,
  };
}

export interface LabelReport {
  accuracy: number;
  macroF1: number;
  perLabel: Array<{ label: string; precision: number; recall: number; f1: number; support: number }>;
  confusions: Array<{ gold: string; predicted: string; count: number }>;
}

/** Accuracy, macro-F1 over the gold labels, per-label scores and the most frequent confusions. */
export function labelReport(pairs: Array<{ gold: string; predicted: string }>, topConfusions = 10): LabelReport {
  const labels = [...new Set(pairs.map((p) => p.gold))].sort();
  const perLabel = labels.map((label) => {
    const tp = pairs.filter((p) => p.gold === label && p.predicted === label).length;
    const fp = pairs.filter((p) => p.gold !== label && p.predicted === label).length;
    const fn = pairs.filter((p) => p.gold === label && p.predicted !== label).length;
    const precision = tp + fp ? tp / (tp + fp) : 0;
    const recall = tp + fn ? tp / (tp + fn) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support: tp + fn };
  });
  const counts = new Map<string, number>();
  for (const p of pairs) if (p.gold !== p.predicted) counts.set(`${p.gold}\u0000${p.predicted}`, (counts.get(`${p.gold}\u0000${p.predicted}`) ?? 0) + 1);
  const confusions = [...counts]
    .map(([k, count]) => { const [gold, predicted] = k.split('\u0000') as [string, string]; return { gold, predicted, count }; })
    .sort((a, b) => b.count - a.count)
    .slice(0, topConfusions);
  return {
    accuracy: pairs.filter((p) => p.gold === p.predicted).length / (pairs.length || 1),
    macroF1: perLabel.reduce((s, l) => s + l.f1, 0) / (perLabel.length || 1),
    perLabel,
    confusions,
  };
}
