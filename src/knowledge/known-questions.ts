/**
 * @module knowledge/known-questions
 * Builds the known questions retrieval learns from: every question-bank phrasing (with its entry and basis), real
 * questions a lawyer answered (with the articles cited; only the folds allowed, so evaluation can hold one out),
 * and the facts of typical cases (with the articles the court applied). Each article also gets a profile: the
 * words of every known question and every answer (the bank's and the lawyers') that rests on it, searched as one
 * document — how people ask about it and how it is explained in plain words.
 */
import { createHash } from 'node:crypto';
import type { TextPipeline } from '../text/text-pipeline.js';
import { ExampleIndex, exampleTokens, type KnownQuestion } from './example-index.js';
import { exampleStats, type KnownQuestions } from './learned-retrieval.js';
import type { LoadedQaEntry } from './qa-bank.js';
import type { RealQuestion } from './real-questions.js';
import type { Case } from './schemas/case.js';
import type { Guide } from './schemas/guide.js';
import { extractCitations } from './guides.js';

export interface KnownQuestionSources {
  bank: LoadedQaEntry[];
  real: RealQuestion[];
  cases: Case[];
  /** Service guides: each sentence that cites a provision explains it in plain words (its profile). */
  guides?: Guide[];
}

/** Tokenised material: the known questions, and the answers that explain the same articles. */
export interface KnownMaterial { questions: KnownQuestion[]; answers: KnownQuestion[] }

/** Case facts are long; their first part says what happened. */
const CASE_TEXT_CHARS = 200;
/** Lawyers' answers run long; the first part carries the explanation. */
const ANSWER_CHARS = 400;

/** The source a known question or answer comes from ("bank:<id>", "real:<id>", "case:<id>"), for leaving it out. */
export function sourceOf(group: string): string {
  const i = group.indexOf('#');
  return i < 0 ? group : group.slice(0, i);
}

/** Inner fold of a source, for cross-fitting the learned models (independent of the evaluation folds). */
export function innerFoldOf(source: string, folds: number): number {
  return createHash('sha256').update(`inner:${source}`).digest()[0]! % folds;
}

/** Answers feed only the (word-level) profiles. */
function wordsOnly(a: Parameters<typeof exampleTokens>[0]): { words: string[]; bigrams: string[] } {
  return { words: exampleTokens(a).words, bigrams: [] };
}

/** Tokenises the sources; real questions only from `folds` when given. */
export function knownMaterial(sources: KnownQuestionSources, pipeline: TextPipeline, folds?: Set<number>): KnownMaterial {
  const questions: KnownQuestion[] = [];
  const answers: KnownQuestion[] = [];
  for (const e of sources.bank) {
    const articles = e.basis.map((b) => ({ law: b.law, article: b.article }));
    e.questions.forEach((q, i) => questions.push({ group: `bank:${e.id}#${i}`, entry: e.id, topic: e.topic, articles, ...exampleTokens(pipeline.analyse(q)) }));
    answers.push({ group: `bank:${e.id}`, entry: e.id, articles, ...wordsOnly(pipeline.analyse(e.answer)) });
  }
  for (const r of sources.real) {
    if (folds && !folds.has(r.fold)) continue;
    const articles = r.gold.flatMap((g) => (g.law ? [{ law: g.law, article: g.article }] : []));
    if (!articles.length) continue;
    questions.push({ group: `real:${r.id}`, entry: null, topic: r.topic ?? null, articles, ...exampleTokens(pipeline.analyse(r.question)) });
    if (r.answer) answers.push({ group: `real:${r.id}`, entry: null, articles, ...wordsOnly(pipeline.analyse(r.answer.slice(0, ANSWER_CHARS))) });
  }
  for (const g of sources.guides ?? []) {
    for (const text of guideSentences(g)) {
      const articles = extractCitations(text);
      if (articles.length) answers.push({ group: `guide:${g.id}`, entry: null, articles, ...wordsOnly(pipeline.analyse(text.replace(/（[^（）]*第[^（）]*条[^（）]*）/g, ''))) });
    }
  }
  for (const c of sources.cases) {
    if (!c.citedArticles.length) continue;
    const text = `${c.title}。${c.facts}`.slice(0, CASE_TEXT_CHARS);
    questions.push({ group: `case:${c.id}`, entry: null, topic: c.topic, articles: c.citedArticles, ...exampleTokens(pipeline.analyse(text)) });
  }
  return { questions, answers };
}

/**
 * One profile document per article: the words of the questions and answers resting on it. Profiles are long, so
 * they are matched on words only; character bigrams (for typos and unsegmented variants) serve the short questions.
 */
function articleProfiles(material: KnownMaterial, keep: (q: KnownQuestion) => boolean): KnownQuestion[] {
  const byArticle = new Map<string, KnownQuestion>();
  for (const item of [...material.questions, ...material.answers]) {
    if (!keep(item)) continue;
    for (const a of item.articles) {
      const k = `${a.law}#${a.article}`;
      let p = byArticle.get(k);
      if (!p) byArticle.set(k, (p = { group: `profile:${k}`, entry: null, articles: [a], words: [], bigrams: [] }));
      p.words.push(...item.words);
    }
  }
  return [...byArticle.values()];
}

/** One profile document per bank entry: all its phrasings and its answer, so a long question can match it as a whole. */
function entryProfiles(material: KnownMaterial, keep: (q: KnownQuestion) => boolean): KnownQuestion[] {
  const byEntry = new Map<string, KnownQuestion>();
  for (const item of [...material.questions, ...material.answers]) {
    if (!item.entry || !keep(item)) continue;
    let p = byEntry.get(item.entry);
    if (!p) byEntry.set(item.entry, (p = { group: `entry:${item.entry}`, entry: item.entry, articles: item.articles, words: [], bigrams: [] }));
    p.words.push(...item.words);
  }
  return [...byEntry.values()];
}

/** Each sentence of a guide (summary, steps, time limits …). */
function guideSentences(g: Guide): string[] {
  return [g.summary, g.audience, ...g.steps, ...g.materials, ...g.timeLimits, ...g.fees].flatMap((t) => t.split(/(?<=。)/)).filter((t) => t.trim());
}

/** Indexes the material (only what `keep` admits) for look-ups. `chapterOf` names an article's chapter (for the topic–chapter prior). */
export function indexKnown(
  material: KnownMaterial,
  entries: LoadedQaEntry[],
  keep: (q: KnownQuestion) => boolean = () => true,
  chapterOf: (law: string, article: number) => string | null = () => null,
  /** For the serving process's one build: the material is not indexed again, so its bigram lists can go. */
  final = false,
): KnownQuestions {
  const questions = material.questions.filter(keep);
  return {
    // Questions keep their words (the entry match compares them); profiles are fresh documents, read only through the index.
    index: new ExampleIndex(questions, { keepTokens: final ? 'words' : 'all' }),
    profiles: new ExampleIndex(articleProfiles(material, keep), { keepTokens: 'none' }),
    entryProfiles: new ExampleIndex(entryProfiles(material, keep), { keepTokens: 'none' }),
    entries: new Map(entries.map((e) => [e.id, e])),
    stats: exampleStats(questions, chapterOf),
  };
}
