/**
 * @module knowledge/learned-retrieval
 * Ranks articles for a question from three kinds of evidence, weighed by a model learned from real questions:
 * the statute text itself (lexical BM25 with topic priors), the known questions nearest to it (question-bank
 * phrasings and real questions, with the articles that answered them), and how often an article and its law
 * answer questions at all. It also says which bank entry, if any, answers the question, and how sure it is.
 */
import type { TextPipeline, AnalysedText } from '../text/text-pipeline.js';
import type { ExampleHit, ExampleIndex, KnownQuestion, ArticleTarget } from './example-index.js';
import { exampleTokens, focusWords } from './example-index.js';
import type { KnowledgeIndex } from './knowledge-index.js';
import { LogisticModel, type LogisticJSON } from './logistic-model.js';
import type { LoadedQaEntry } from './qa-bank.js';
import { RANKING, type Retriever, type ScoredDocs } from './retrieval.js';
import type { SearchDoc } from './search-documents.js';
import type { TopicPriors } from './topic-priors.js';

/** Lexical candidates considered per question. */
export const LEXICAL_DEPTH = 50;
/** Nearest known questions considered per question. */
export const NEIGHBOURS = 30;
/** Article profiles considered per question. */
export const PROFILE_DEPTH = 30;

export const RANK_FEATURES = [
  'lexical', 'lexicalRank', 'neighbourSum', 'neighbourMax', 'neighbourRank', 'bankMax', 'realMax',
  'articlePrior', 'topicLaw', 'lawShare', 'lawKind', 'lexicalTop5', 'topEntryBasis', 'lexicalTimesNeighbour',
  'profile', 'profileRank', 'topicChapter', 'leadGuideLaw',
] as const;

export const ENTRY_FEATURES = ['coverage', 'margin', 'phrasingsInTop10', 'basisProbability', 'topicAgrees', 'profile', 'profileRank', 'profileCoverage', 'phrasingOverlap'] as const;
/** Entry profiles considered per question. */
export const ENTRY_PROFILE_DEPTH = 5;

/** What the model learned, stored in the learned artifact. */
export interface LearnedModelsJSON { ranker: LogisticJSON; entryMatch: LogisticJSON }

/** Counts of how often each article and law answered a known question (the priors), from the examples. */
export interface ExampleStats {
  articleCount: Map<string, number>;
  maxArticleCount: number;
  lawShare: Map<string, number>;
  /** Per topic, the share of its known questions' citations in each chapter: questions about neighbours rarely turn on 融资租赁. */
  chapterShare: Map<string, Map<string, number>>;
  chapterOf: (law: string, article: number) => string | null;
}

export interface KnownQuestions {
  index: ExampleIndex;
  /** One document per article: the questions and answers resting on it (see known-questions.ts). */
  profiles: ExampleIndex;
  /** One document per bank entry: its phrasings and its answer. */
  entryProfiles: ExampleIndex;
  entries: Map<string, LoadedQaEntry>;
  stats: ExampleStats;
}

export interface RankContext {
  retriever: Retriever;
  knowledge: KnowledgeIndex;
  priors: TopicPriors;
  known: KnownQuestions;
}

export interface RankedArticle { id: number; law: string; article: number; probability: number; readonly doc: SearchDoc; lexicalScore: number }
export interface EntryMatch { entry: LoadedQaEntry; probability: number; coverage: number }
export interface Ranking { articles: RankedArticle[]; entries: EntryMatch[]; lexicalTop: number }

const key = (law: string, article: number) => `${law}#${article}`;

/** Priors over articles and laws from the known questions. */
export function exampleStats(examples: KnownQuestion[], chapterOf: (law: string, article: number) => string | null = () => null): ExampleStats {
  const articleCount = new Map<string, number>();
  const lawCount = new Map<string, number>();
  const byTopic = new Map<string, Map<string, number>>();
  const chapters = new Map<string, string | null>();
  const chapter = (law: string, article: number) => {
    const k = key(law, article);
    if (!chapters.has(k)) chapters.set(k, chapterOf(law, article));
    return chapters.get(k)!;
  };
  let total = 0;
  for (const e of examples) {
    for (const a of e.articles) {
      articleCount.set(key(a.law, a.article), (articleCount.get(key(a.law, a.article)) ?? 0) + 1);
      lawCount.set(a.law, (lawCount.get(a.law) ?? 0) + 1);
      total += 1;
      const c = e.topic ? chapter(a.law, a.article) : null;
      if (e.topic && c) {
        const m = byTopic.get(e.topic) ?? new Map<string, number>();
        m.set(c, (m.get(c) ?? 0) + 1);
        byTopic.set(e.topic, m);
      }
    }
  }
  const lawShare = new Map([...lawCount].map(([l, n]) => [l, n / Math.max(1, total)]));
  const chapterShare = new Map([...byTopic].map(([t, m]) => {
    const sum = [...m.values()].reduce((a, b) => a + b, 0);
    return [t, new Map([...m].map(([c, n]) => [c, n / sum]))] as const;
  }));
  return { articleCount, maxArticleCount: Math.max(1, ...articleCount.values()), lawShare, chapterShare, chapterOf: chapter };
}

interface Candidate { id: number; law: string; article: number; x: Float64Array; doc: SearchDoc | null; lexicalScore: number }

interface Evidence { candidates: Candidate[]; hits: ExampleHit[]; entryHits: ExampleHit[]; lexicalTop: number; queryWords: Set<string> }

/** Gathers candidates and their features for one question. */
export function gatherEvidence(
  analysed: AnalysedText,
  topics: Record<string, number>,
  ctx: RankContext,
  options: { exclude?: (e: KnownQuestion) => boolean; boostLaws?: string[]; discount?: ArticleTarget[]; raw?: ScoredDocs } = {},
): Evidence {
  const { retriever, knowledge, priors, known } = ctx;
  const search = { kind: 'article' as const, limit: LEXICAL_DEPTH, topics, boostLaws: options.boostLaws };
  // The caller may have scored every document already (ask ranks guides and cases from the same pass).
  const lexical = options.raw ? retriever.rankKind(options.raw, search) : retriever.searchAnalysed(analysed, search);
  const lexicalTop = lexical[0]?.score ?? 0;
  const query = { ...exampleTokens(analysed), focus: focusWords(analysed) };
  const hits = known.index.search(query, NEIGHBOURS, options.exclude);
  const byKey = new Map<string, Candidate>();
  const d = RANK_FEATURES.length;
  const get = (law: string, article: number, doc: SearchDoc | null, id = -1): Candidate => {
    const k = key(law, article);
    let c = byKey.get(k);
    if (!c) byKey.set(k, (c = { id, law, article, x: new Float64Array(d), doc, lexicalScore: 0 }));
    return c;
  };
  lexical.forEach((h, rank) => {
    // Law and number from the in-memory table: the stored document is read only for what is shown.
    const c = get(knowledge.docs.laws[knowledge.docs.lawId[h.id]!]!.title, knowledge.docs.article[h.id]!, null, h.id);
    c.lexicalScore = h.score;
    c.x[0] = lexicalTop > 0 ? h.score / lexicalTop : 0;
    c.x[1] = 1 / (rank + 1);
    c.x[11] = rank < 5 ? 1 : 0;
  });
  const tokens = query;
  const profiles = known.profiles.search(tokens, PROFILE_DEPTH);
  const entryHits = known.entryProfiles.search(tokens, ENTRY_PROFILE_DEPTH);
  const profileTop = profiles[0]?.score ?? 0;
  profiles.forEach((h, rank) => {
    const a = known.profiles.examples[h.index]!.articles[0]!;
    const c = get(a.law, a.article, null);
    c.x[14] = profileTop > 0 ? h.score / profileTop : 0;
    c.x[15] = 1 / (rank + 1);
  });
  const topEntry = hits.find((h) => known.index.examples[h.index]!.entry)?.index;
  const topEntryBasis = new Set(
    topEntry === undefined ? [] : (known.entries.get(known.index.examples[topEntry]!.entry!)?.basis ?? []).map((b) => key(b.law, b.article)),
  );
  hits.forEach((h, rank) => {
    const ex = known.index.examples[h.index]!;
    for (const a of uniqueTargets(ex.articles)) {
      const c = get(a.law, a.article, null);
      c.x[2]! += h.coverage / Math.sqrt(rank + 1);
      c.x[3] = Math.max(c.x[3]!, h.coverage);
      c.x[4] = Math.max(c.x[4]!, 1 / (rank + 1));
      if (ex.entry) c.x[5] = Math.max(c.x[5]!, h.coverage);
      else c.x[6] = Math.max(c.x[6]!, h.coverage);
    }
  });
  // A question left out of the known questions must not count toward its own articles' priors either.
  const discount = new Set((options.discount ?? []).map((a) => key(a.law, a.article)));
  const { lawIds, articleIds } = lookups(knowledge);
  const lawBoost = priors.lawWeights(topics, knowledge.docs.laws.length);
  const candidates: Candidate[] = [];
  // Per question, not per candidate: the topic–chapter shares the question leans on.
  const topicShares = Object.entries(topics).flatMap(([t, p]) => {
    const shares = known.stats.chapterShare.get(t);
    return p > 0 && shares ? [[p, shares] as const] : [];
  });
  const boosted = new Set(options.boostLaws ?? []);
  for (const [k, c] of byKey) {
    if (c.id < 0) c.id = articleIds.get(k) ?? -1;
    if (c.id < 0) continue; // an example citing a provision the index does not hold (not in force)
    const lawId = lawIds.get(c.law);
    const count = Math.max(0, (known.stats.articleCount.get(k) ?? 0) - (discount.has(k) ? 1 : 0));
    c.x[7] = Math.log1p(count) / Math.log1p(known.stats.maxArticleCount);
    c.x[8] = lawId === undefined ? 0 : lawBoost[lawId]!;
    c.x[9] = Math.log((known.stats.lawShare.get(c.law) ?? 0) + 1e-4);
    c.x[10] = lawId === undefined ? 0.5 : RANKING.kindFactor[knowledge.docs.laws[lawId]!.kind] ?? 0.5;
    c.x[12] = topEntryBasis.has(k) ? 1 : 0;
    c.x[13] = c.x[0]! * c.x[3]!;
    const chapter = known.stats.chapterOf(c.law, c.article);
    let share = 0;
    if (chapter) for (const [p, shares] of topicShares) share += p * (shares.get(chapter) ?? 0);
    c.x[16] = Math.log(share + 1e-3);
    c.x[17] = boosted.has(c.law) ? 1 : 0;
    candidates.push(c);
  }
  return { candidates, hits, entryHits, lexicalTop, queryWords: new Set(tokens.words.filter((w) => !w.startsWith('~'))) };
}

/** Look-ups over an index built once per index: law ids by title, article document ids by "law#article". */
const LOOKUPS = new WeakMap<KnowledgeIndex, { lawIds: Map<string, number>; articleIds: Map<string, number> }>();
function lookups(knowledge: KnowledgeIndex) {
  let l = LOOKUPS.get(knowledge);
  if (!l) {
    const articleIds = new Map<string, number>();
    for (const { id, law, article } of knowledge.articleRefs()) if (!articleIds.has(key(law, article))) articleIds.set(key(law, article), id);
    l = { lawIds: new Map(knowledge.docs.laws.map((x, i) => [x.title, i])), articleIds };
    LOOKUPS.set(knowledge, l);
  }
  return l;
}

function uniqueTargets(targets: ArticleTarget[]): ArticleTarget[] {
  const seen = new Set<string>();
  return targets.filter((t) => (seen.has(key(t.law, t.article)) ? false : (seen.add(key(t.law, t.article)), true)));
}

/** Dice coefficient of two word sets (synonym expansions left out). */
function wordDice(query: Set<string>, words: string[]): number {
  const own = new Set(words.filter((w) => !w.startsWith('~')));
  if (!query.size || !own.size) return 0;
  let shared = 0;
  for (const w of own) if (query.has(w)) shared += 1;
  return (2 * shared) / (query.size + own.size);
}

/** The provision an entry's answer rests on first ("law#article"). */
const leadProvision = (e: LoadedQaEntry | undefined) => (e?.basis[0] ? key(e.basis[0].law, e.basis[0].article) : e?.id);

/** Bank entries among the nearest questions and the nearest entry profiles, with the features the entry match reads. */
function entryCandidates(ev: Pick<Evidence, 'hits' | 'entryHits' | 'queryWords'>, known: KnownQuestions, probabilityOf: Map<string, number>, topics: Record<string, number>) {
  const best = new Map<string, { coverage: number; count10: number; profile: number; profileRank: number; profileCoverage: number; overlap: number }>();
  const slot = (id: string) => {
    let b = best.get(id);
    if (!b) best.set(id, (b = { coverage: 0, count10: 0, profile: 0, profileRank: 0, profileCoverage: 0, overlap: 0 }));
    return b;
  };
  ev.hits.forEach((h, rank) => {
    const example = known.index.examples[h.index]!;
    if (!example.entry) return;
    const b = slot(example.entry);
    b.coverage = Math.max(b.coverage, h.coverage);
    // Both ways: a phrasing about something else (押工资) shares the query's words but adds its own.
    b.overlap = Math.max(b.overlap, wordDice(ev.queryWords, example.words));
    if (rank < 10) b.count10 += 1;
  });
  const topProfile = ev.entryHits[0]?.score ?? 0;
  ev.entryHits.forEach((h, rank) => {
    const b = slot(known.entryProfiles.examples[h.index]!.entry!);
    b.profile = topProfile > 0 ? h.score / topProfile : 0;
    b.profileRank = 1 / (rank + 1);
    b.profileCoverage = h.coverage;
  });
  const byCoverage = [...best].sort((a, b) => b[1].coverage - a[1].coverage);
  const ids = new Set([...byCoverage.slice(0, 3).map(([id]) => id), ...ev.entryHits.slice(0, 3).map((h) => known.entryProfiles.examples[h.index]!.entry!)]);
  const topTopic = Object.entries(topics).sort((a, b) => b[1] - a[1])[0];
  return [...ids].flatMap((id) => {
    const entry = known.entries.get(id);
    if (!entry) return [];
    const b = best.get(id)!;
    // The runner-up is the nearest entry that answers differently: an entry resting on the same lead provision
    // (the same answer, written by another hand) does not make the match less sure.
    const lead = leadProvision(entry);
    const other = byCoverage.find(([oid]) => oid !== id && leadProvision(known.entries.get(oid)) !== lead)?.[1].coverage ?? 0;
    const basisProbability = Math.max(0, ...entry.basis.map((x) => probabilityOf.get(key(x.law, x.article)) ?? 0));
    const topicAgrees = topTopic && topTopic[0] === entry.topic ? topTopic[1] : 0;
    const x = Float64Array.from([b.coverage, b.coverage - other, b.count10, basisProbability, topicAgrees, b.profile, b.profileRank, b.profileCoverage, b.overlap]);
    return [{ entry, x, coverage: Math.max(b.coverage, b.profileCoverage) }];
  });
}

/** The learned ranking: built from the artifact's models and the known questions. */
export class LearnedRanking {
  private readonly ranker: LogisticModel;
  private readonly entryMatch: LogisticModel;

  constructor(models: LearnedModelsJSON, private readonly ctx: RankContext) {
    this.ranker = LogisticModel.fromJSON(models.ranker);
    this.entryMatch = LogisticModel.fromJSON(models.entryMatch);
  }

  rank(analysed: AnalysedText, topics: Record<string, number>, options: { limit?: number; boostLaws?: string[]; raw?: ScoredDocs } = {}): Ranking {
    const ev = gatherEvidence(analysed, topics, this.ctx, { boostLaws: options.boostLaws, raw: options.raw });
    const { candidates, lexicalTop } = ev;
    const scored = candidates.map((c) => ({ c, p: this.ranker.predict(c.x) }));
    scored.sort((a, b) => b.p - a.p || b.c.lexicalScore - a.c.lexicalScore);
    const probabilityOf = new Map(scored.map((s) => [key(s.c.law, s.c.article), s.p]));
    const entries = entryCandidates(ev, this.ctx.known, probabilityOf, topics)
      .map((e) => ({ entry: e.entry, coverage: e.coverage, probability: this.entryMatch.predict(e.x) }))
      .sort((a, b) => b.probability - a.probability);
    return {
      articles: scored.slice(0, options.limit ?? 10).map(({ c, p }) => {
        const knowledge = this.ctx.knowledge;
        let doc = c.doc;
        // Read from the index only when shown (most ranked articles are only cited by number, or not at all).
        return { id: c.id, law: c.law, article: c.article, probability: p, lexicalScore: c.lexicalScore, get doc() { return (doc ??= knowledge.getDoc(c.id)); } };
      }),
      entries,
      lexicalTop,
    };
  }
}

/** One question the models learn from: its text, the right articles, and where it comes from. */
export interface TrainingQuery {
  text: string;
  gold: ArticleTarget[];
  /** Its source ("real:<id>", "bank:<id>"): cross-fitting keeps a source's material out of its own evidence. */
  source: string;
  /** For bank phrasings: the entry and the phrasing's own group (the entry match should find the entry). */
  entry?: string;
  group?: string;
}

/** Folds of the cross-fitting inside training. */
export const INNER_FOLDS = 5;

export interface TrainingSetup {
  /** Known questions from the material `keep` admits (inner folds leave some sources out). */
  knownFor(keep?: (q: KnownQuestion) => boolean): KnownQuestions;
  innerFoldOf(source: string): number;
  sourceOf(group: string): string;
}

/**
 * Learns the ranker and the entry-match model by cross-fitting: the training questions are split into inner
 * folds, and each is answered from known questions and profiles built without its fold, as a new question would be.
 */
export function trainLearnedModels(
  queries: TrainingQuery[],
  base: Omit<RankContext, 'known'>,
  setup: TrainingSetup,
  pipeline: TextPipeline,
  topicsOf: (a: AnalysedText) => Record<string, number>,
  /** The laws of the guide that would lead the answer (a service question's guide), as `ask` passes them. */
  boostLawsOf: (a: AnalysedText) => string[] = () => [],
): LearnedModelsJSON {
  const rows: Float64Array[] = [];
  const labels: number[] = [];
  const entryRows: Float64Array[] = [];
  const entryLabels: number[] = [];
  const analysed = queries.map((q) => pipeline.analyse(q.text));
  const topics = analysed.map((a) => topicsOf(a));
  const boost = analysed.map((a) => boostLawsOf(a));
  for (let j = 0; j < INNER_FOLDS; j += 1) {
    const known = setup.knownFor((x) => setup.innerFoldOf(setup.sourceOf(x.group)) !== j);
    const ctx = { ...base, known };
    queries.forEach((q, i) => {
      if (setup.innerFoldOf(q.source) !== j) return;
      const ev = gatherEvidence(analysed[i]!, topics[i]!, ctx, { boostLaws: boost[i] });
      const gold = new Set(q.gold.map((g) => key(g.law, g.article)));
      for (const c of ev.candidates) {
        rows.push(c.x);
        labels.push(gold.has(key(c.law, c.article)) ? 1 : 0);
      }
    });
  }
  const ranker = LogisticModel.train([...RANK_FEATURES], rows, Uint8Array.from(labels), { positiveWeight: 3 });
  const addEntryRows = (ev: Evidence, known: KnownQuestions, t: Record<string, number>, isRight: (e: LoadedQaEntry) => boolean) => {
    const probabilityOf = new Map(ev.candidates.map((c) => [key(c.law, c.article), ranker.predict(c.x)]));
    for (const e of entryCandidates(ev, known, probabilityOf, t)) {
      entryRows.push(e.x);
      entryLabels.push(isRight(e.entry) ? 1 : 0);
    }
  };
  // The entry match learns from the situation it serves: a question asked in new words while the bank holds the
  // entry's other phrasings. So bank phrasings leave out only themselves here (real questions and cases still
  // leave out their whole inner fold). A real question's entry is right when it rests on a provision that
  // answers it; a phrasing's entry is right when it is its own entry or one resting on the same lead provision.
  for (let j = 0; j < INNER_FOLDS; j += 1) {
    const heldPhrasings = new Set(queries.filter((q) => q.group && setup.innerFoldOf(q.source) === j).map((q) => q.group!));
    const known = setup.knownFor((x) => (x.entry ? !heldPhrasings.has(x.group) : setup.innerFoldOf(setup.sourceOf(x.group)) !== j));
    const ctx = { ...base, known };
    queries.forEach((q, i) => {
      if (setup.innerFoldOf(q.source) !== j) return;
      const ev = gatherEvidence(analysed[i]!, topics[i]!, ctx, { boostLaws: boost[i] });
      const gold = new Set(q.gold.map((g) => key(g.law, g.article)));
      const ownLead = q.entry ? leadProvision(known.entries.get(q.entry)) : undefined;
      addEntryRows(ev, known, topics[i]!, q.entry
        ? (e) => e.id === q.entry || leadProvision(e) === ownLead
        : (e) => e.basis.some((b) => gold.has(key(b.law, b.article))));
    });
  }
  const entryMatch = LogisticModel.train([...ENTRY_FEATURES], entryRows, Uint8Array.from(entryLabels));
  return { ranker: ranker.toJSON(), entryMatch: entryMatch.toJSON() };
}
