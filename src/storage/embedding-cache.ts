/**
 * @module storage/embedding-cache
 * Document vectors computed so far, in `<dataDir>/embeddings.sqlite` (the knowledge index stays read-only),
 * keyed by model fingerprint, document ref and a hash of the embedded text: a new model or an amended
 * article simply misses the cache.
 */
import { createHash } from 'node:crypto';
import { openDatabase } from './database.js';

export interface CachedDoc { ref: string; text: string }

export interface EmbeddingCache {
  /** Vectors found for `docs`, by position (undefined = not cached). */
  get(docs: CachedDoc[]): Array<Float32Array | undefined>;
  put(entries: Array<CachedDoc & { vector: Float32Array }>): void;
  /** Vectors stored for this model. */
  count(): number;
  close(): void;
}

export const EMBEDDING_DB = 'embeddings';

function textHash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}

/** Opens (creating if needed) the cache for one model fingerprint. */
export function openEmbeddingCache(dataDir: string, fingerprint: string): EmbeddingCache {
  const db = openDatabase(dataDir, EMBEDDING_DB);
  db.exec(`CREATE TABLE IF NOT EXISTS vectors(
    model TEXT NOT NULL, ref TEXT NOT NULL, text_hash TEXT NOT NULL, vector BLOB NOT NULL,
    PRIMARY KEY (model, ref, text_hash)) WITHOUT ROWID`);
  const select = db.prepare('SELECT vector FROM vectors WHERE model = ? AND ref = ? AND text_hash = ?').pluck();
  const insert = db.prepare('INSERT OR REPLACE INTO vectors(model, ref, text_hash, vector) VALUES (?, ?, ?, ?)');
  const countRows = db.prepare('SELECT count(*) FROM vectors WHERE model = ?').pluck();
  const putAll = db.transaction((entries: Array<CachedDoc & { vector: Float32Array }>) => {
    for (const e of entries) {
      insert.run(fingerprint, e.ref, textHash(e.text), Buffer.from(e.vector.buffer, e.vector.byteOffset, e.vector.byteLength));
    }
  });
  return {
    get: (docs) =>
      docs.map((d) => {
        const blob = select.get(fingerprint, d.ref, textHash(d.text)) as Buffer | undefined;
        // Copy into an aligned buffer: a Buffer's offset need not be a multiple of 4.
        return blob && new Float32Array(new Uint8Array(blob).buffer);
      }),
    put: (entries) => putAll(entries),
    count: () => countRows.get(fingerprint) as number,
    close: () => db.close(),
  };
}
