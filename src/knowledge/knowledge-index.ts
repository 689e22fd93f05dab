/**
 * @module knowledge/knowledge-index
 * The SQLite search index over statutes, guides and cases: built on first start, rebuilt only when the data
 * changes (content hash), written to a temporary file and renamed so a crash never leaves half an index.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PATHS, REPO_ROOT } from '../config/paths.js';
import type { Logger } from '../logging/logger.js';
import { openDatabase, type Db } from '../storage/database.js';
import { withFileLock } from '../storage/file-lock.js';
import type { TextPipeline } from '../text/text-pipeline.js';
import { charBigrams } from '../text/segment.js';
import { loadCases } from './cases.js';
import { hashContent } from './content-hash.js';
import { loadGuides } from './guides.js';
import { createIndexTables, FieldScorer, writeField } from './inverted-index.js';
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
  db: Db;
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

function build(file: string, pipeline: TextPipeline, hash: string, log: Logger, sources: IndexSources): void {
  const started = Date.now();
  const laws = loadStatutes(sources.laws);
  const guides = loadGuides(sources.guides);
  const { cases } = loadCases(sources.cases);
  const docs = [...articleDocs(laws), ...guideDocs(guides), ...caseDocs(cases)];
  const building = file.replace(/\.sqlite$/, '.building.sqlite');
  // Remove the old index and any half-built file a crashed build left behind.
  for (const f of [file, building]) for (const g of [f, `${f}-wal`, `${f}-shm`]) rmSync(g, { force: true });
  const db = openDatabase(join(file, '..'), INDEX_NAME + '.building');
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    createIndexTables(db);
    db.exec(`
      CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE laws(id INTEGER PRIMARY KEY, title TEXT NOT NULL UNIQUE, kind TEXT NOT NULL);
      CREATE TABLE docs(id INTEGER PRIMARY KEY, kind TEXT NOT NULL, ref TEXT NOT NULL, law_id INTEGER, law TEXT,
        article INTEGER, label TEXT, law_kind TEXT, title TEXT NOT NULL, heading TEXT NOT NULL, text TEXT NOT NULL,
        topic TEXT, year INTEGER, version TEXT, effective_from TEXT);
      CREATE TABLE upcoming_versions(law TEXT PRIMARY KEY, version TEXT NOT NULL, effective_from TEXT NOT NULL);
      CREATE TABLE revision_notes(law TEXT NOT NULL, article INTEGER NOT NULL, effective_from TEXT NOT NULL,
        version TEXT NOT NULL, previous_version TEXT NOT NULL, previous_label TEXT NOT NULL, PRIMARY KEY(law, article));
      CREATE INDEX docs_law_article ON docs(law, article);
      CREATE TABLE curated(doc_id INTEGER PRIMARY KEY);
    `);
    const lawIds = new Map<string, number>();
    const insertLaw = db.prepare('INSERT INTO laws(id, title, kind) VALUES (?, ?, ?)');
    const insertDoc = db.prepare(`INSERT INTO docs(id, kind, ref, law_id, law, article, label, law_kind, title, heading, text, topic, year, version, effective_from)
      VALUES (@id, @kind, @ref, @lawId, @law, @article, @label, @lawKind, @title, @heading, @text, @topic, @year, @version, @effectiveFrom)`);
    const tokens = { words: [] as string[][], bigrams: [] as string[][], heading: [] as string[][] };
    db.transaction(() => {
      docs.forEach((doc, id) => {
        let lawId: number | null = null;
        if (doc.law) {
          lawId = lawIds.get(doc.law) ?? null;
          if (lawId === null) {
            lawId = lawIds.size;
            lawIds.set(doc.law, lawId);
            insertLaw.run(lawId, doc.law, doc.lawKind ?? 'law');
          }
        }
        insertDoc.run({ id, ...doc, lawId });
        const t = docTokens(pipeline, doc);
        tokens.words.push(t.words);
        tokens.bigrams.push(t.bigrams);
        tokens.heading.push(t.heading);
      });
      // Articles the guides and cases cite, resolved once here rather than at every start.
      const firstDoc = new Map<string, number>();
      docs.forEach((d, id) => { if (d.law && d.article !== null && !firstDoc.has(`${d.law}#${d.article}`)) firstDoc.set(`${d.law}#${d.article}`, id); });
      const insertCurated = db.prepare('INSERT OR IGNORE INTO curated(doc_id) VALUES (?)');
      for (const ref of [...guides.flatMap((g) => g.basis), ...cases.flatMap((c) => c.citedArticles)]) {
        const id = firstDoc.get(`${ref.law}#${ref.article}`);
        if (id !== undefined) insertCurated.run(id);
      }
      const insertNote = db.prepare(`INSERT OR IGNORE INTO revision_notes(law, article, effective_from, version, previous_version, previous_label)
        VALUES (@law, @article, @effectiveFrom, @version, @previousVersion, @previousLabel)`);
      for (const note of revisionNotes(laws, yearsBefore(lawToday(), REVISION_NOTE_YEARS))) insertNote.run(note);
      // A version adopted but not in force: an answer citing today's text says the law is about to change.
      const insertUpcoming = db.prepare('INSERT OR REPLACE INTO upcoming_versions(law, version, effective_from) VALUES (?, ?, ?)');
      for (const l of laws) if (l.status === 'upcoming' && l.effectiveFrom) insertUpcoming.run(l.title, versionId(l), l.effectiveFrom);
      writeField(db, FIELDS.words, tokens.words);
      writeField(db, FIELDS.bigrams, tokens.bigrams);
      writeField(db, FIELDS.heading, tokens.heading);
      db.prepare('INSERT INTO meta(key, value) VALUES (?, ?)').run('hash', hash);
      db.prepare('INSERT INTO meta(key, value) VALUES (?, ?)').run('builtAt', new Date().toISOString());
    })();
  } finally {
    db.close();
  }
  renameSync(building, file);
  log.info('knowledge index built', { docs: docs.length, laws: laws.length, guides: guides.length, cases: cases.length, ms: Date.now() - started });
}

function storedHash(file: string): string | null {
  if (!existsSync(file)) return null;
  try {
    const db = openDatabase(join(file, '..'), INDEX_NAME);
    try {
      const row = db.prepare("SELECT value FROM meta WHERE key = 'hash'").get() as { value: string } | undefined;
      return row?.value ?? null;
    } finally {
      db.close();
    }
  } catch {
    return null; // unreadable or half-written: rebuild
  }
}

/** Opens the index under `dataDir`, building it first if it is missing or stale. */
/** Documents kept in memory per open index (a few megabytes of statute text at most). */
const DOCS_CACHED = 4_000;

export function openKnowledgeIndex(
  dataDir: string,
  pipeline: TextPipeline,
  log: Logger,
  sources: IndexSources = DEFAULT_SOURCES,
): KnowledgeIndex {
  const file = join(dataDir, `${INDEX_NAME}.sqlite`);
  const hash = dataHash(sources);
  let rebuilt = false;
  if (storedHash(file) !== hash) {
    mkdirSync(dataDir, { recursive: true });
    // Another process may be building the same index right now: wait for it instead of racing it.
    rebuilt = withFileLock(join(dataDir, `${INDEX_NAME}.lock`), () => storedHash(file) === hash, () => build(file, pipeline, hash, log, sources));
  }
  const db = openDatabase(dataDir, INDEX_NAME);
  db.pragma('query_only = ON');
  const laws = db.prepare('SELECT title, kind FROM laws ORDER BY id').all() as Array<{ title: string; kind: string }>;
  const rows = db.prepare('SELECT kind, law_id AS lawId, article FROM docs ORDER BY id').all() as Array<{ kind: DocKind; lawId: number | null; article: number | null }>;
  const curated = new Uint8Array(rows.length);
  for (const { id } of db.prepare('SELECT doc_id AS id FROM curated').all() as Array<{ id: number }>) curated[id] = 1;
  const docs: DocTable = {
    count: rows.length, kind: rows.map((r) => r.kind), lawId: Int32Array.from(rows, (r) => r.lawId ?? -1),
    article: Int32Array.from(rows, (r) => r.article ?? 0), curated, laws,
  };
  const selectDoc = db.prepare('SELECT * FROM docs WHERE id = ?');
  const selectArticle = db.prepare('SELECT * FROM docs WHERE law = ? AND article = ? ORDER BY id LIMIT 1');
  const selectNote = db.prepare(`SELECT law, article, effective_from AS effectiveFrom, version, previous_version AS previousVersion,
    previous_label AS previousLabel FROM revision_notes WHERE law = ? AND article = ?`);
  const selectHeading = db.prepare('SELECT heading FROM docs WHERE law = ? AND article = ? ORDER BY id LIMIT 1');
  const selectUpcoming = db.prepare('SELECT version, effective_from AS effectiveFrom FROM upcoming_versions WHERE law = ?');
  // The index is read-only while open, so documents read for one answer serve the next (the same guides, cases
  // and much-cited articles come back answer after answer). Bounded: cleared when full.
  const docCache = new Map<number, SearchDoc>();
  const articleCache = new Map<string, SearchDoc | undefined>();
  const remember = <K, V>(cache: Map<K, V>, k: K, v: V) => {
    if (cache.size >= DOCS_CACHED) cache.clear();
    cache.set(k, v);
  };
  const toDoc = (r: Record<string, unknown> | undefined): SearchDoc | undefined =>
    r && {
      kind: r.kind as DocKind, ref: r.ref as string, law: r.law as string | null, article: r.article as number | null,
      label: r.label as string | null, lawKind: r.law_kind as string | null, title: r.title as string,
      heading: r.heading as string, text: r.text as string, topic: r.topic as string | null, year: r.year as number | null,
      version: r.version as string | null, effectiveFrom: r.effective_from as string | null,
    };
  return {
    db,
    docs,
    rebuilt,
    hash,
    fields: {
      words: new FieldScorer(db, FIELDS.words),
      bigrams: new FieldScorer(db, FIELDS.bigrams),
      heading: new FieldScorer(db, FIELDS.heading),
    },
    getDoc(id) {
      let d = docCache.get(id);
      if (!d) {
        d = toDoc(selectDoc.get(id) as Record<string, unknown> | undefined);
        if (!d) throw new Error(`no document ${id}`);
        remember(docCache, id, d);
      }
      return d;
    },
    findArticle: (law, article) => {
      const k = `${law}#${article}`;
      if (articleCache.has(k)) return articleCache.get(k);
      const d = toDoc(selectArticle.get(law, article) as Record<string, unknown> | undefined);
      remember(articleCache, k, d);
      return d;
    },
    articleId: (law, article) => (selectArticle.get(law, article) as { id: number } | undefined)?.id,
    articleHeading: (law, article) => (selectHeading.get(law, article) as { heading: string } | undefined)?.heading,
    articleRefs: () => docs.kind.flatMap((k, id) => (k === 'article' ? [{ id, law: laws[docs.lawId[id]!]!.title, article: docs.article[id]! }] : [])),
    revisionNote: (law, article) => selectNote.get(law, article) as RevisionNote | undefined,
    upcoming: (law) => selectUpcoming.get(law) as { version: string; effectiveFrom: string } | undefined,
    close: () => db.close(),
  };
}
