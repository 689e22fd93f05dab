/**
 * @module knowledge/knowledge-index
 * The search index over statutes, guides and cases: built on first start, rebuilt only when the data changes
 * (content hash). What goes in is decided here; storage/knowledge-index-store.ts writes and reads the file.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PATHS, REPO_ROOT } from '../config/paths.js';
import type { Logger } from '../logging/logger.js';
import { withFileLock } from '../storage/file-lock.js';
import { openKnowledgeIndexStore, storedIndexHash, writeKnowledgeIndex, type StoredDoc } from '../storage/knowledge-index-store.js';
import type { TextPipeline } from '../text/text-pipeline.js';
import { charBigrams } from '../text/segment.js';
import { loadCases } from './cases.js';
import { hashContent } from './content-hash.js';
import { loadGuides } from './guides.js';
import { FieldScorer } from './inverted-index.js';
import { articleDocs, caseDocs, guideDocs, type DocKind, type SearchDoc } from './search-documents.js';
import { loadStatutes } from './statutes.js';
import { REVISION_NOTE_YEARS, revisionNotes, yearsBefore, type RevisionNote } from './revision-notes.js';
import { lawToday } from '../config/today.js';
import { statusFingerprint, versionId } from './law-versions.js';
import { loadManifest } from './statutes.js';

/** Bump when the index layout or tokenisation changes, to force a rebuild. */
const INDEX_VERSION = 'lawline-index-6';
const INDEX_NAME = 'knowledge-index';

/** Fields of the inverted index. */
export const FIELDS = { words: 'w', bigrams: 'b', heading: 'h' } as const;

/** Per-document columns kept in memory for scoring. */
export interface DocTable {
  count: number;
  kind: DocKind[];
  lawId: Int32Array;
  /** Article number of each article document (0 for guides and cases). */
  article: Int32Array;
  /** 1 for articles the curated guides or cases cite (a retrieval prior), else 0. */
  curated: Uint8Array;
  laws: Array<{ title: string; kind: string }>;
}

export interface KnowledgeIndex {
  docs: DocTable;
  fields: { words: FieldScorer; bigrams: FieldScorer; heading: FieldScorer };
  /** Full stored document by id. */
  getDoc(id: number): SearchDoc;
  /** Article look-up by law title and number (the first with that number). */
  findArticle(law: string, article: number): SearchDoc | undefined;
  /** The document id of that article, for rerankers that work on ids. */
  articleId(law: string, article: number): number | undefined;
  /** The heading (law, 编, 章, 节) of an article, without reading its text. */
  articleHeading(law: string, article: number): string | undefined;
  /** Every article document's id, law and number (read once by the learned ranking for its look-ups). */
  articleRefs(): Array<{ id: number; law: string; article: number }>;
  /** For an article whose figures a recent revision changed: when that version took effect (see revision-notes.ts). */
  revisionNote(law: string, article: number): RevisionNote | undefined;
  /** A version of the law adopted but not yet in force, if any: never cited, only announced ("将于…施行"). */
  upcoming(law: string): { version: string; effectiveFrom: string } | undefined;
  /** True when this run built the index (false: reused). */
  rebuilt: boolean;
  /** The content hash the index was built from (what learned artifacts built on it are keyed by). */
  hash: string;
  close(): void;
}

/** Tokens the index stores for each field; the query side uses the same functions. */
export function docTokens(pipeline: TextPipeline, doc: SearchDoc) {
  const words = pipeline.segment(doc.text).filter((t) => !pipeline.isStopword(t));
  return { words, bigrams: charBigrams(doc.text), heading: pipeline.segment(doc.heading) };
}

/** Where the indexed data comes from (the repo's folders by default; tests pass small fixtures). */
export interface IndexSources {
  laws: string;
  guides: string;
  cases: string;
  /** Lexicon files that change how documents are tokenised (user dictionary, stop words); synonyms do not. */
  lexiconFiles: string[];
}

const DEFAULT_SOURCES: IndexSources = {
  laws: PATHS.laws,
  guides: PATHS.guides,
  cases: PATHS.cases,
  lexiconFiles: [join(PATHS.lexicon, 'user-dict.txt'), join(PATHS.lexicon, 'stopwords.txt')],
};

/**
 * The files' content, plus which versions are in force today: when an upcoming version's day comes, the index is
 * rebuilt with it even though no file changed.
 */
function dataHash(sources: IndexSources): string {
  // The importer writes the manifest; a hand-made folder without one is read as it is.
  const inForce = existsSync(join(sources.laws, '_manifest.json')) ? statusFingerprint(loadManifest(sources.laws), lawToday()) : '';
  return hashContent([sources.laws, sources.guides, sources.cases, ...sources.lexiconFiles], REPO_ROOT, `${INDEX_VERSION}|${inForce}`);
}

function build(dataDir: string, pipeline: TextPipeline, hash: string, log: Logger, sources: IndexSources): void {
  const started = Date.now();
  const laws = loadStatutes(sources.laws);
  const guides = loadGuides(sources.guides);
  const { cases } = loadCases(sources.cases);
  const docs = [...articleDocs(laws), ...guideDocs(guides), ...caseDocs(cases)];
  const tokens = { words: [] as string[][], bigrams: [] as string[][], heading: [] as string[][] };
  for (const doc of docs) {
    const t = docTokens(pipeline, doc);
    tokens.words.push(t.words);
    tokens.bigrams.push(t.bigrams);
    tokens.heading.push(t.heading);
  }
  // Articles the guides and cases cite, resolved once here rather than at every start.
  const firstDoc = new Map<string, number>();
  docs.forEach((d, id) => { if (d.law && d.article !== null && !firstDoc.has(`${d.law}#${d.article}`)) firstDoc.set(`${d.law}#${d.article}`, id); });
  const curated = [...guides.flatMap((g) => g.basis), ...cases.flatMap((c) => c.citedArticles)]
    .flatMap((ref) => firstDoc.get(`${ref.law}#${ref.article}`) ?? []);
  writeKnowledgeIndex(dataDir, INDEX_NAME, {
    hash,
    docs,
    curated,
    notes: revisionNotes(laws, yearsBefore(lawToday(), REVISION_NOTE_YEARS)),
    // A version adopted but not in force: an answer citing today's text says the law is about to change.
    upcoming: laws.flatMap((l) => (l.status === 'upcoming' && l.effectiveFrom ? [{ law: l.title, version: versionId(l), effectiveFrom: l.effectiveFrom }] : [])),
    fields: { [FIELDS.words]: tokens.words, [FIELDS.bigrams]: tokens.bigrams, [FIELDS.heading]: tokens.heading },
  });
  log.info('knowledge index built', { docs: docs.length, laws: laws.length, guides: guides.length, cases: cases.length, ms: Date.now() - started });
}

/** Documents kept in memory per open index (a few megabytes of statute text at most). */
const DOCS_CACHED = 4_000;

/** Opens the index under `dataDir`, building it first if it is missing or stale. */
export function openKnowledgeIndex(
  dataDir: string,
  pipeline: TextPipeline,
  log: Logger,
  sources: IndexSources = DEFAULT_SOURCES,
): KnowledgeIndex {
  const hash = dataHash(sources);
  let rebuilt = false;
  if (storedIndexHash(dataDir, INDEX_NAME) !== hash) {
    mkdirSync(dataDir, { recursive: true });
    // Another process may be building the same index right now: wait for it instead of racing it.
    rebuilt = withFileLock(join(dataDir, `${INDEX_NAME}.lock`), () => storedIndexHash(dataDir, INDEX_NAME) === hash, () => build(dataDir, pipeline, hash, log, sources));
  }
  const store = openKnowledgeIndexStore(dataDir, INDEX_NAME);
  const { laws, docRows: rows } = store;
  const curated = new Uint8Array(rows.length);
  for (const id of store.curated) curated[id] = 1;
  const docs: DocTable = {
    count: rows.length, kind: rows.map((r) => r.kind as DocKind), lawId: Int32Array.from(rows, (r) => r.lawId ?? -1),
    article: Int32Array.from(rows, (r) => r.article ?? 0), curated, laws,
  };
  // The index is read-only while open, so documents read for one answer serve the next (the same guides, cases
  // and much-cited articles come back answer after answer). Bounded: cleared when full.
  const docCache = new Map<number, SearchDoc>();
  const articleCache = new Map<string, SearchDoc | undefined>();
  const remember = <K, V>(cache: Map<K, V>, k: K, v: V) => {
    if (cache.size >= DOCS_CACHED) cache.clear();
    cache.set(k, v);
  };
  const toDoc = (r: StoredDoc | undefined): SearchDoc | undefined => {
    if (!r) return undefined;
    const { kind, ref, law, article, label, lawKind, title, heading, text, topic, year, version, effectiveFrom } = r;
    return { kind: kind as DocKind, ref, law, article, label, lawKind, title, heading, text, topic, year, version, effectiveFrom };
  };
  return {
    docs,
    rebuilt,
    hash,
    fields: {
      words: new FieldScorer(store.postings(FIELDS.words)),
      bigrams: new FieldScorer(store.postings(FIELDS.bigrams)),
      heading: new FieldScorer(store.postings(FIELDS.heading)),
    },
    getDoc(id) {
      let d = docCache.get(id);
      if (!d) {
        d = toDoc(store.doc(id));
        if (!d) throw new Error(`no document ${id}`);
        remember(docCache, id, d);
      }
      return d;
    },
    findArticle: (law, article) => {
      const k = `${law}#${article}`;
      if (articleCache.has(k)) return articleCache.get(k);
      const d = toDoc(store.article(law, article));
      remember(articleCache, k, d);
      return d;
    },
    articleId: (law, article) => store.article(law, article)?.id,
    articleHeading: (law, article) => store.heading(law, article),
    articleRefs: () => docs.kind.flatMap((k, id) => (k === 'article' ? [{ id, law: laws[docs.lawId[id]!]!.title, article: docs.article[id]! }] : [])),
    revisionNote: (law, article) => store.revisionNote(law, article),
    upcoming: (law) => store.upcoming(law),
    close: () => store.close(),
  };
}
