/**
 * @module tools/eval-real
 * Real questions, measured on folds the models never saw: for each of the five folds, the topic classifier and
 * the learned retrieval are trained on the other four (plus the question bank and intents/), and the held-out
 * fold is answered. Citations are compared with the articles the lawyer cited, beside a plain character-bigram
 * BM25 over the same statutes and the lexical ranking alone; topics with the hand labels.
 */
import type { Lawline } from '../assistant/lawline.js';
import { citationOrder, ENTRY_TENTATIVE, leadingEntry } from '../assistant/cite.js';
import { boostLawsFinder } from '../assistant/guide-laws.js';
import { readLearnedSources, trainOnSplit } from '../assistant/learned-setup.js';
import { topicExamples } from '../assistant/topic-examples.js';
import { PATHS } from '../config/paths.js';
import { LearnedRanking } from '../knowledge/learned-retrieval.js';
import { REAL_QUESTION_FOLDS } from '../knowledge/real-questions.js';
import { messageFeatures } from '../understanding/features.js';
import { loadIntentData } from '../understanding/intent-data.js';
import { trainingSets, trainModels } from '../understanding/trained-models.js';
import { nearestLabelBaseline } from './nearest-label-baseline.js';
import { firstRelevantRank, labelReport, rankingScores, type LabelReport, type RankingScores } from './metrics.js';

export interface RealQuestionReport {
  n: number;
  folds: number;
  /** What `ask` cites (a confident entry's basis first, articles under the citation threshold left out). */
  cited: RankingScores;
  /** The learned ranking alone, top five. */
  learned: RankingScores;
  lexical: RankingScores;
  baseline: RankingScores;
  topics: LabelReport;
  /** Topics by the plain baseline: the label of the nearest training example (same training data). */
  topicsBaseline: LabelReport;
  /**
   * Bank entries on held-out real questions: how many are answered by an entry (`led`: at or above ENTRY_MIN;
   * `tentative`: offered as a reading), and how many of those rest on a provision the lawyer cited.
   */
  entries: { led: number; ledRight: number; tentative: number; tentativeRight: number };
  /** Questions whose gold articles are all outside the statutes in force (never answerable). */
  unanswerable: number;
  ms: number;
}

export function evaluateRealQuestions(lawline: Lawline, options: { folds?: number[] } = {}): RealQuestionReport {
  const started = Date.now();
  const sources = readLearnedSources();
  const data = loadIntentData(PATHS.intents);
  const ranks = { cited: [] as number[], learned: [] as number[], lexical: [] as number[], baseline: [] as number[] };
  const topicPairs: Array<{ gold: string; predicted: string }> = [];
  const baselinePairs: Array<{ gold: string; predicted: string }> = [];
  let unanswerable = 0;
  const entries = { led: 0, ledRight: 0, tentative: 0, tentativeRight: 0 };
  const folds = options.folds ?? Array.from({ length: REAL_QUESTION_FOLDS }, (_, k) => k);
  for (const k of folds) {
    const train = new Set(Array.from({ length: REAL_QUESTION_FOLDS }, (_, i) => i).filter((i) => i !== k));
    const weak = topicExamples(sources, train);
    const trained = trainModels(lawline.pipeline, data, weak);
    const nearestTopic = nearestLabelBaseline(lawline.pipeline, trainingSets(data, weak).topic, '综合咨询');
    const topicModel = trained.topic;
    const topicsOf = (a: Parameters<typeof messageFeatures>[0]) => topicModel.predict(messageFeatures(a)).scores;
    const boostLawsOf = boostLawsFinder(trained.intent, trained.topic, lawline.retriever, lawline.guides.values(), (t) => lawline.priors.guidesOf(t));
    const parts = { pipeline: lawline.pipeline, index: lawline.index, retriever: lawline.retriever, priors: lawline.priors, topicsOf, boostLawsOf };
    const { ctx, models } = trainOnSplit(sources, parts, train);
    const ranking = new LearnedRanking(models, ctx);
    for (const q of sources.real.filter((r) => r.fold === k)) {
      const gold = new Set(q.gold.flatMap((g) => (g.law ? [`${g.law}#${g.article}`] : [])));
      if (!gold.size) unanswerable += 1;
      const isGold = (d: { law: string | null; article: number | null }) => gold.has(`${d.law}#${d.article}`);
      const analysed = lawline.pipeline.analyse(q.question);
      const topics = topicsOf(analysed);
      const ranked = ranking.rank(analysed, topics, { limit: 20, boostLaws: boostLawsOf(analysed) });
      const lead = leadingEntry(ranked.entries);
      const top = ranked.entries[0];
      // As ask: a confident entry's basis leads, or a tentative one's whose answer is offered as a reading.
      const shownEntry = lead ?? leadingEntry(ranked.entries, ENTRY_TENTATIVE);
      ranks.cited.push(firstRelevantRank(citationOrder(ranked.articles, shownEntry), isGold));
      const right = Boolean(top?.entry.basis.some((b) => gold.has(`${b.law}#${b.article}`)));
      if (lead) { entries.led += 1; if (right) entries.ledRight += 1; }
      else if (shownEntry) { entries.tentative += 1; if (right) entries.tentativeRight += 1; }
      ranks.learned.push(firstRelevantRank(ranked.articles.slice(0, 5), isGold));
      ranks.lexical.push(firstRelevantRank(lawline.retriever.searchAnalysed(analysed, { kind: 'article', limit: 5, topics }).map((h) => h.doc), isGold));
      ranks.baseline.push(firstRelevantRank(lawline.retriever.baseline(q.question, 5).map((h) => h.doc), isGold));
      if (q.topic) {
        const predicted = Object.entries(topics).sort((a, b) => b[1] - a[1])[0]![0];
        topicPairs.push({ gold: q.topic, predicted });
        baselinePairs.push({ gold: q.topic, predicted: nearestTopic(q.question) });
      }
    }
  }
  return {
    n: ranks.learned.length, folds: folds.length,
    cited: rankingScores(ranks.cited), learned: rankingScores(ranks.learned), lexical: rankingScores(ranks.lexical), baseline: rankingScores(ranks.baseline),
    topics: labelReport(topicPairs), topicsBaseline: labelReport(baselinePairs), entries, unanswerable, ms: Date.now() - started,
  };
}
