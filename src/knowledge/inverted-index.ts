/**
 * @module knowledge/inverted-index
 * A BM25 inverted index with several fields, persisted in SQLite and read lazily term by term,
 * so start-up costs nothing and a query touches only its own postings.
 */
import type { Db } from '../storage/database.js';

/** One query term with its weight (a citizen's own word 1.0, a synonym expansion less). */
export interface WeightedTerm { term: string; weight: number }

interface Postings { docs: Int32Array; tfs: Uint16Array; idf: number }

const K1 = 1.2;
const B = 0.75;

/** Builds postings for `field` from token lists, one list per document id (0-based, dense). */
export function writeField(db: Db, field: string, tokensByDoc: string[][]): void {
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

/** Creates the tables an inverted index needs. */
export function createIndexTables(db: Db): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS postings(field TEXT NOT NULL, term TEXT NOT NULL, docs BLOB NOT NULL, tfs BLOB NOT NULL,
      PRIMARY KEY(field, term)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS field_lengths(field TEXT PRIMARY KEY, lengths BLOB NOT NULL);
  `);
}

/** Read side of one field: BM25 scores for weighted terms. */
export class FieldScorer {
  private readonly lengths: Uint32Array;
  private readonly avgLength: number;
  /** BM25's length normalisation per document, computed once rather than per posting. */
  private readonly norms: Float64Array;
  private readonly cache = new Map<string, Postings | null>();
  private readonly select;

  constructor(db: Db, readonly field: string) {
    const row = db.prepare('SELECT lengths FROM field_lengths WHERE field = ?').get(field) as { lengths: Buffer } | undefined;
    if (!row) throw new Error(`index has no field ${field}`);
    this.lengths = new Uint32Array(toArrayBuffer(row.lengths));
    let total = 0;
    for (const l of this.lengths) total += l;
    this.avgLength = total / Math.max(1, this.lengths.length) || 1;
    this.norms = Float64Array.from(this.lengths, (l) => K1 * (1 - B + (B * l) / this.avgLength));
    this.select = db.prepare('SELECT docs, tfs FROM postings WHERE field = ? AND term = ?');
  }

  get docCount(): number { return this.lengths.length; }

  /** Document frequency of a term (0 if unseen). */
  df(term: string): number { return this.postings(term)?.docs.length ?? 0; }

  /** Adds weight × BM25 of each term into `scores` (indexed by doc id), restricted to docs where `allow` is 1. */
  accumulate(terms: WeightedTerm[], weight: number, scores: Float64Array, allow?: Uint8Array): void {
    for (const { term, weight: tw } of terms) {
      const p = this.postings(term);
      if (!p) continue;
      const w = weight * tw * p.idf * (K1 + 1);
      const { docs, tfs } = p;
      const norms = this.norms;
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i]!;
        if (allow && !allow[d]) continue;
        const tf = tfs[i]!;
        scores[d]! += (w * tf) / (tf + norms[d]!);
      }
    }
  }

  private postings(term: string): Postings | null {
    const hit = this.cache.get(term);
    if (hit !== undefined) return hit;
    const row = this.select.get(this.field, term) as { docs: Buffer; tfs: Buffer } | undefined;
    let value: Postings | null = null;
    if (row) {
      const docs = new Int32Array(toArrayBuffer(row.docs));
      const n = this.lengths.length;
      value = { docs, tfs: new Uint16Array(toArrayBuffer(row.tfs)), idf: Math.log(1 + (n - docs.length + 0.5) / (docs.length + 0.5)) };
    }
    if (this.cache.size > 50_000) this.cache.clear();
    this.cache.set(term, value);
    return value;
  }
}

/** Copies a Buffer into its own aligned ArrayBuffer (Buffers from SQLite may share an unaligned pool). */
function toArrayBuffer(buf: Buffer): ArrayBuffer {
  const ab = new ArrayBuffer(buf.byteLength);
  new Uint8Array(ab).set(buf);
  return ab;
}
