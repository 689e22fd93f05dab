/**
 * @module knowledge/embeddings
 * Loads a local BERT-style sentence-embedding model (for example an exported bge-small-zh) with
 * @xenova/transformers — never from a model hub — and turns texts into mean-pooled, L2-normalised vectors.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { DataFileError, formatZodIssues } from '../errors.js';

/** Texts in, one normalised vector per text out (same order). */
export type Embedder = (texts: string[]) => Promise<Float32Array[]>;

const QUANTIZED = join('onnx', 'model_quantized.onnx');
const FULL = join('onnx', 'model.onnx');

const modelConfigSchema = z.object({ model_type: z.string().min(1) }).passthrough();
const tokenizerConfigSchema = z.object({ model_max_length: z.number().int().positive(), pad_token: z.unknown() }).passthrough();

function readJson(file: string, schema: z.ZodTypeAny): unknown {
  if (!existsSync(file)) throw new DataFileError(file, 'missing (an embedding model folder needs config.json, tokenizer.json, tokenizer_config.json and onnx/model_quantized.onnx or onnx/model.onnx)');
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new DataFileError(file, `not valid JSON (${(err as Error).message})`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new DataFileError(file, formatZodIssues(parsed.error));
  return parsed.data;
}

/** What an embedding model folder holds; throws a DataFileError naming the missing or broken file. */
export function inspectModelFolder(modelDir: string): { dir: string; onnxFile: string; quantized: boolean } {
  const dir = resolve(modelDir);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new DataFileError(dir, 'embedding model folder not found (LAWLINE_EMBEDDING_MODEL must name a local model folder)');
  }
  readJson(join(dir, 'config.json'), modelConfigSchema);
  readJson(join(dir, 'tokenizer_config.json'), tokenizerConfigSchema);
  readJson(join(dir, 'tokenizer.json'), z.object({ model: z.object({ vocab: z.unknown() }).passthrough() }).passthrough());
  const quantized = existsSync(join(dir, QUANTIZED));
  if (!quantized && !existsSync(join(dir, FULL))) {
    throw new DataFileError(join(dir, 'onnx'), 'no model_quantized.onnx or model.onnx');
  }
  return { dir, onnxFile: join(dir, quantized ? QUANTIZED : FULL), quantized };
}

/**
 * Identifies the model's weights and vocabulary, so cached vectors are never mixed across models.
 * Hashes the files themselves (a 24 MB quantized bge-small-zh takes ~50 ms), not paths or dates.
 */
export function modelFingerprint(modelDir: string): string {
  const { dir, onnxFile } = inspectModelFolder(modelDir);
  const hash = createHash('sha256');
  for (const file of [join(dir, 'config.json'), join(dir, 'tokenizer.json'), join(dir, 'tokenizer_config.json'), onnxFile]) {
    hash.update(basename(file)).update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

// transformers reads model paths from a process-wide `env`: load one model at a time.
let loading: Promise<unknown> = Promise.resolve();

/**
 * Loads the model in `modelDir` (offline; remote models disabled) and returns the embedding function.
 * A missing or broken folder rejects with a DataFileError naming the file.
 */
export async function createEmbedder(modelDir: string): Promise<Embedder> {
  const { dir, quantized } = inspectModelFolder(modelDir);
  const { env, pipeline } = await import('@xenova/transformers');
  const load = loading.then(async () => {
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.useFSCache = false; // a file cache keyed by folder name could shadow a different local model
    env.localModelPath = dirname(dir);
    return pipeline('feature-extraction', basename(dir), { quantized, local_files_only: true });
  });
  loading = load.catch(() => undefined);
  let extractor: Awaited<typeof load>;
  try {
    extractor = await load;
  } catch (err) {
    throw new DataFileError(dir, `embedding model failed to load: ${(err as Error).message}`);
  }
  return async (texts) => {
    if (texts.length === 0) return [];
    const output = await extractor(texts, { pooling: 'mean', normalize: true });
    const [rows, dim] = output.dims as [number, number];
    const data = output.data as Float32Array;
    return Array.from({ length: rows }, (_, i) => data.slice(i * dim, (i + 1) * dim));
  };
}
