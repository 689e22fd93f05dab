/**
 * @module storage/knowledge-index-store
 * The knowledge index's SQLite file: documents, laws, the articles curated content cites, revision notes,
 * announced versions and the inverted index's postings. Written once per content hash into a temporary file
 * and renamed; read-only afterwards. The knowledge layer decides what goes in; only this module speaks SQL.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Db } from './database.js';

/** A stored document (an article, a guide or a case), as the knowledge layer describes it. */
export interface StoredDoc {
  kind: string; ref: string; law: string | null; article: number | null; label: string | null; lawKind: string | null;
  title: string; heading: string; text: string; topic: string | null; year: number | null; version: string | null; effectiveFrom: string | null;
}

/** An article whose figures a recent revision changed (see knowledge/revision-notes.ts). */
export interface StoredRevisionNote { law: string; article: number; effectiveFrom: string; version: string; previousVersion: string; previousLabel: string }

/** Everything one build writes. Document ids are positions in `docs`; token lists are per document, per field. */
export interface KnowledgeIndexContent {
  hash: string;
  docs: StoredDoc[];
  /** Ids of the documents curated guides and cases cite. */
  curated: number[];
  notes: StoredRevisionNote[];
  upcoming: Array<{ law: string; version: string; effectiveFrom: string }>;
  /** Field name → token lists by document id. */
  fields: Record<string, string[][]>;
}

/** One term's postings: document ids and term frequencies. */
export interface Postings { docs: Int32Array; tfs: Uint16Array }

/** The read side of one field: document lengths, and postings read term by term. */
export interface PostingsSource { lengths: Uint32Array; read(term: string): Postings | null }

/** Creates the postings tables (exported for the BM25 tests, which build a field in memory). */
export function createPostingsTables(db: Db): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS postings(field TEXT NOT NULL, term TEXT NOT NULL, docs BLOB NOT NULL, tfs BLOB NOT NULL,
      PRIMARY KEY(field, term)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS field_lengths(field TEXT PRIMARY KEY, lengths BLOB NOT NULL);
  `);
}

/** Writes the postings of `field` from token lists, one list per document id (0-based, dense). */
export function writePostings(db: Db, field: string, tokensByDoc: string[][]): void {
  const map = new Map<string, Map<number, number>>();
  const lengths = new Uint32Array(tokensByDoc.length);
  tokensByDoc.forEach((tokens, doc) => {
    lengths[doc] = tokens.length;
    for (const t of tokens) {
      let m = map.get(t);
      if (!m) map.set(t, (m = new Map()));
      m.set(doc, (m.get(doc) ?? 0) + 1);
    }
  });
  const insert = db.prepare('INSERT INTO postings(field, term, docs, tfs) VALUES (?, ?, ?, ?)');
  for (const [term, m] of map) {
    const docs = Int32Array.from(m.keys());
    const tfs = Uint16Array.from(m.values(), (v) => Math.min(v, 65535));
    insert.run(field, term, Buffer.from(docs.buffer), Buffer.from(tfs.buffer));
  }
  db.prepare('INSERT INTO field_lengths(field, lengths) VALUES (?, ?)').run(field, Buffer.from(lengths.buffer));
}

/** Reads one field's postings lazily (a query touches only its own terms). */
export function postingsSource(db: Db, field: string): PostingsSource {
  const row = db.prepare('SELECT lengths FROM field_lengths WHERE field = ?').get(field) as { lengths: Buffer } | undefined;
  if (!row) throw new Error(`index has no field ${field}`);
  const select = db.prepare('SELECT docs, tfs FROM postings WHERE field = ? AND term = ?');
  return {
    lengths: new Uint32Array(toArrayBuffer(row.lengths)),
    read(term) {
      const hit = select.get(field, term) as { docs: Buffer; tfs: Buffer } | undefined;
      return hit ? { docs: new Int32Array(toArrayBuffer(hit.docs)), tfs: new Uint16Array(toArrayBuffer(hit.tfs)) } : null;
    },
  };
}

/** Copies a Buffer into its own aligned ArrayBuffer (Buffers from SQLite may share an unaligned pool). */
function toArrayBuffer(buf: Buffer): ArrayBuffer {
  const ab = new ArrayBuffer(buf.byteLength);
  new Uint8Array(ab).set(buf);
  return ab;
}

/** Writes the index to `<dir>/<name>.sqlite` through a temporary file, so a crash never leaves half an index. */
export function writeKnowledgeIndex(dir: string, name: string, content: KnowledgeIndexContent): void {
  const file = join(dir, `${name}.sqlite`);
  const building = join(dir, `${name}.building.sqlite`);
  // Remove the old index and any half-built file a crashed build left behind.
  for (const f of [file, building]) for (const g of [f, `${f}-wal`, `${f}-shm`]) rmSync(g, { force: true });
  const db = openDatabase(dir, `${name}.building`);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    createPostingsTables(db);
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
    db.transaction(() => {
      content.docs.forEach((doc, id) => {
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
      });
      const insertCurated = db.prepare('INSERT OR IGNORE INTO curated(doc_id) VALUES (?)');
      for (const id of content.curated) insertCurated.run(id);
      const insertNote = db.prepare(`INSERT OR IGNORE INTO revision_notes(law, article, effective_from, version, previous_version, previous_label)
        VALUES (@law, @article, @effectiveFrom, @version, @previousVersion, @previousLabel)`);
      for (const note of content.notes) insertNote.run(note);
      const insertUpcoming = db.prepare('INSERT OR REPLACE INTO upcoming_versions(law, version, effective_from) VALUES (?, ?, ?)');
      for (const u of content.upcoming) insertUpcoming.run(u.law, u.version, u.effectiveFrom);
      for (const [field, tokens] of Object.entries(content.fields)) writePostings(db, field, tokens);
      db.prepare('INSERT INTO meta(key, value) VALUES (?, ?)').run('hash', content.hash);
      db.prepare('INSERT INTO meta(key, value) VALUES (?, ?)').run('builtAt', new Date().toISOString());
    })();
  } finally {
    db.close();
  }
  renameSync(building, file);
}

/** The content hash a finished index was built from, or null (missing, unreadable or half-written: rebuild). */
export function storedIndexHash(dir: string, name: string): string | null {
  if (!existsSync(join(dir, `${name}.sqlite`))) return null;
  try {
    const db = openDatabase(dir, name);
    try {
      const row = db.prepare("SELECT value FROM meta WHERE key = 'hash'").get() as { value: string } | undefined;
      return row?.value ?? null;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

/** The read side of a built index. */
export interface KnowledgeIndexStore {
  laws: Array<{ title: string; kind: string }>;
  /** Per document, in id order: what scoring keeps in memory. */
  docRows: Array<{ kind: string; lawId: number | null; article: number | null }>;
  curated: number[];
  doc(id: number): StoredDoc | undefined;
  /** The first article with that law and number. */
  article(law: string, article: number): (StoredDoc & { id: number }) | undefined;
  heading(law: string, article: number): string | undefined;
  revisionNote(law: string, article: number): StoredRevisionNote | undefined;
  upcoming(law: string): { version: string; effectiveFrom: string } | undefined;
  postings(field: string): PostingsSource;
  close(): void;
}

export function openKnowledgeIndexStore(dir: string, name: string): KnowledgeIndexStore {
  const db = openDatabase(dir, name);
  db.pragma('query_only = ON');
  const selectDoc = db.prepare('SELECT * FROM docs WHERE id = ?');
  const selectArticle = db.prepare('SELECT * FROM docs WHERE law = ? AND article = ? ORDER BY id LIMIT 1');
  const selectNote = db.prepare(`SELECT law, article, effective_from AS effectiveFrom, version, previous_version AS previousVersion,
    previous_label AS previousLabel FROM revision_notes WHERE law = ? AND article = ?`);
  const selectHeading = db.prepare('SELECT heading FROM docs WHERE law = ? AND article = ? ORDER BY id LIMIT 1');
  const selectUpcoming = db.prepare('SELECT version, effective_from AS effectiveFrom FROM upcoming_versions WHERE law = ?');
  const toDoc = (r: Record<string, unknown> | undefined): (StoredDoc & { id: number }) | undefined =>
    r && {
      id: r.id as number, kind: r.kind as string, ref: r.ref as string, law: r.law as string | null, article: r.article as number | null,
      label: r.label as string | null, lawKind: r.law_kind as string | null, title: r.title as string,
      heading: r.heading as string, text: r.text as string, topic: r.topic as string | null, year: r.year as number | null,
      version: r.version as string | null, effectiveFrom: r.effective_from as string | null,
    };
  return {
    laws: db.prepare('SELECT title, kind FROM laws ORDER BY id').all() as Array<{ title: string; kind: string }>,
    docRows: db.prepare('SELECT kind, law_id AS lawId, article FROM docs ORDER BY id').all() as Array<{ kind: string; lawId: number | null; article: number | null }>,
    curated: (db.prepare('SELECT doc_id AS id FROM curated').all() as Array<{ id: number }>).map((r) => r.id),
    doc: (id) => toDoc(selectDoc.get(id) as Record<string, unknown> | undefined),
    article: (law, article) => toDoc(selectArticle.get(law, article) as Record<string, unknown> | undefined),
    heading: (law, article) => (selectHeading.get(law, article) as { heading: string } | undefined)?.heading,
    revisionNote: (law, article) => selectNote.get(law, article) as StoredRevisionNote | undefined,
    upcoming: (law) => selectUpcoming.get(law) as { version: string; effectiveFrom: string } | undefined,
    postings: (field) => postingsSource(db, field),
    close: () => db.close(),
  };
}
