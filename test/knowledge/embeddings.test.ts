/**
 * The embedding stage of retrieval, run offline through @xenova/transformers with a tiny model built by the test:
 * loading, rank fusion, re-ranking with a persistent vector cache, and the assistant end to end.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLawline } from '../../src/assistant/lawline.js';
import { DataFileError } from '../../src/errors.js';
import { openEmbeddingCache } from '../../src/storage/embedding-cache.js';
import { createEmbeddingReranker, loadEmbeddingReranker } from '../../src/knowledge/embedding-reranker.js';
import { createEmbedder, inspectModelFolder, modelFingerprint, type Embedder } from '../../src/knowledge/embeddings.js';
import { fuseRanks } from '../../src/knowledge/rank-fusion.js';
import type { SearchHit } from '../../src/knowledge/retrieval.js';
import { createLogger } from '../../src/logging/logger.js';
import { testConfig } from '../support/lawline.js';
import { writeTinyModel, type TinyModel } from '../support/tiny-model.js';

// One dimension per concept: 老婆 and 配偶 share no character but the same dimension.
const GROUPS = ['老婆配偶妻夫', '工资薪酬', '车祸撞', '房屋租赁', '离婚抚养孩子'];

let tmp: string;
let model: TinyModel;
let embed: Embedder;

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), 'lawline-embeddings-'));
  model = writeTinyModel(tmp, { groups: GROUPS });
  embed = await createEmbedder(model.dir);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

/** A candidate with no title, so the embedded text is exactly `text`. */
function hit(id: number, text: string, ref = `测试法#${id}`): SearchHit {
  return {
    id, score: 100 - id,
    doc: { kind: 'article', ref, law: '测试法', article: id, label: `第${id}条`, lawKind: 'law', title: '', heading: '', text, topic: null, year: null, version: null, effectiveFrom: null },
  };
}

/** Counts what reaches the model. */
function counting(inner: Embedder) {
  const stats = { calls: 0, texts: [] as string[] };
  const fn: Embedder = async (texts) => {
    stats.calls++;
    stats.texts.push(...texts);
    return inner(texts);
  };
  return { fn, stats };
}

describe('createEmbedder', () => {
  it('loads the local model with remote models disabled and returns unit vectors of the model size', async () => {
    const { env } = await import('@xenova/transformers');
    expect(env.allowRemoteModels).toBe(false);
    const [wife, spouse, wage, unknown] = await embed(['老婆', '配偶', '工资', 'hello 世界']);
    for (const v of [wife!, spouse!, wage!, unknown!]) {
      expect(v).toHaveLength(model.dim);
      expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    }
    expect(dot(wife!, spouse!)).toBeCloseTo(1, 5);
    expect(dot(wife!, wage!)).toBeCloseTo(0, 5);
    expect(await embed([])).toEqual([]);
  });

  it('uses onnx/model_quantized.onnx when present, as real exports ship it', async () => {
    const quantized = writeTinyModel(tmp, { name: 'tiny-quantized', groups: GROUPS, quantizedFile: true });
    expect(inspectModelFolder(quantized.dir).quantized).toBe(true);
    expect(inspectModelFolder(model.dir).quantized).toBe(false);
    const [v] = await (await createEmbedder(quantized.dir))(['配偶']);
    expect(dot(v!, (await embed(['妻']))[0]!)).toBeCloseTo(1, 5);
  });

  it('rejects a missing folder, a folder without weights and broken weights with errors naming the file', async () => {
    const missing = join(tmp, 'no-such-model');
    await expect(createEmbedder(missing)).rejects.toThrow(DataFileError);
    await expect(createEmbedder(missing)).rejects.toThrow(/no-such-model: embedding model folder not found/);

    const noWeights = writeTinyModel(tmp, { name: 'no-weights', groups: GROUPS });
    rmSync(join(noWeights.dir, 'onnx', 'model.onnx'));
    await expect(createEmbedder(noWeights.dir)).rejects.toThrow(/no-weights[/\\]onnx: no model_quantized.onnx or model.onnx/);

    const badConfig = writeTinyModel(tmp, { name: 'bad-config', groups: GROUPS });
    writeFileSync(join(badConfig.dir, 'config.json'), '{"hidden_size": 4}');
    await expect(createEmbedder(badConfig.dir)).rejects.toThrow(/config\.json: model_type: Required/);

    const broken = writeTinyModel(tmp, { name: 'broken', groups: GROUPS });
    writeFileSync(join(broken.dir, 'onnx', 'model.onnx'), 'not a model');
    await expect(createEmbedder(broken.dir)).rejects.toThrow(/broken: embedding model failed to load/);
  });

  it('fingerprints the model files, so another build gets another fingerprint', () => {
    const other = writeTinyModel(tmp, { name: 'other', groups: GROUPS });
    expect(modelFingerprint(model.dir)).toBe(modelFingerprint(model.dir));
    expect(modelFingerprint(other.dir)).not.toBe(modelFingerprint(model.dir));
  });
});

describe('fuseRanks (k = 60)', () => {
  const cases: Array<[string, Parameters<typeof fuseRanks>[0], number[], number?]> = [
    ['one ranking is kept as is', [{ ids: [3, 1, 2], weight: 1 }], [3, 1, 2]],
    ['agreeing rankings keep their order', [{ ids: [1, 2, 3], weight: 1 }, { ids: [1, 2, 3], weight: 1 }], [1, 2, 3]],
    // 1 and 3 both score 1/61 + 1/63 > 2/62: the tie goes to the first ranking's order.
    ['opposite rankings: the ends beat the middle, ties follow the first ranking', [{ ids: [1, 2, 3], weight: 1 }, { ids: [3, 2, 1], weight: 1 }], [1, 3, 2]],
    ['rank 4 lexical + rank 1 cosine beats rank 2 + rank 3', [{ ids: [1, 2, 3, 4], weight: 1 }, { ids: [4, 1, 2, 3], weight: 1 }], [1, 4, 2, 3]],
    ['a zero weight leaves the other ranking alone', [{ ids: [1, 2, 3], weight: 1 }, { ids: [3, 2, 1], weight: 0 }], [1, 2, 3]],
    ['a heavier second ranking wins', [{ ids: [1, 2, 3], weight: 1 }, { ids: [3, 2, 1], weight: 2 }], [3, 2, 1]],
    ['an id in only one ranking scores only there', [{ ids: [1, 2], weight: 1 }, { ids: [2], weight: 1 }], [2, 1]],
    ['a duplicate counts once, at its best rank', [{ ids: [1, 2, 1], weight: 1 }, { ids: [2, 1], weight: 1 }], [1, 2]],
    ['k = 0: 1 + 1/3 beats 1/2 + 1/2', [{ ids: [1, 2, 3], weight: 1 }, { ids: [3, 2, 1], weight: 1 }], [1, 3, 2], 0],
    ['no rankings, nothing fused', [], []],
  ];
  it.each(cases)('%s', (_name, rankings, expected, k) => {
    expect(fuseRanks(rankings, k)).toEqual(expected);
  });

  it('rejects negative weights and k', () => {
    expect(() => fuseRanks([{ ids: [1], weight: -1 }])).toThrow(RangeError);
    expect(() => fuseRanks([{ ids: [1], weight: 1 }], -1)).toThrow(RangeError);
  });
});

describe('embedding reranker', () => {
  // Lexically the spouse articles sit at 4 and 6; only the vectors know 配偶 answers 老婆.
  // Cosine to 老婆: 4 (配偶) = 1, 6 (夫妻 + two unknown characters) = 0.71, the rest 0.
  const candidates = [hit(1, '车祸撞人'), hit(2, '房屋租赁'), hit(3, '工资薪酬'), hit(4, '配偶'), hit(5, '房租'), hit(6, '夫妻财产')];

  it('moves the candidates whose vectors match the query up, by reciprocal-rank fusion', async () => {
    const cache = openEmbeddingCache(join(tmp, 'rerank-order'), 'fp');
    const rerank = createEmbeddingReranker({ embed, cache });
    // cosine ranks 4, 6, 1, 2, 3, 5; fused: 1 (1/61+1/63) > 4 (1/64+1/61) > 2 (1/62+1/64) > 6 (1/66+1/62) > 3 > 5
    expect(await rerank('老婆', candidates)).toEqual([1, 4, 2, 6, 3, 5]);
    // embedding counted twice: 4 (1/64+2/61) > 1 (1/61+2/63) > 6 (1/66+2/62) > 2 (1/62+2/64) > 3 > 5
    expect(await createEmbeddingReranker({ embed, cache, weights: { lexical: 1, embedding: 2 } })('老婆', candidates)).toEqual([4, 1, 6, 2, 3, 5]);
    expect(await createEmbeddingReranker({ embed, cache, weights: { lexical: 1, embedding: 0 } })('老婆', candidates)).toEqual([1, 2, 3, 4, 5, 6]);
    cache.close();
  });

  it('embeds each document once: later queries and a reopened cache reuse the stored vectors', async () => {
    const dir = join(tmp, 'rerank-cache');
    const counter = counting(embed);
    const cache = openEmbeddingCache(dir, 'fp');
    const rerank = createEmbeddingReranker({ embed: counter.fn, cache, batchSize: 4 });
    await rerank('老婆', candidates);
    expect(counter.stats.texts).toHaveLength(1 + 6);
    expect(counter.stats.calls).toBe(1 + 2); // the query, then 6 documents in batches of 4
    expect(cache.count()).toBe(6);

    counter.stats.texts.length = 0;
    // cosine ranks 3, 1, 2, 4: 1 (1/61+1/62) > 3 (1/63+1/61) > 2 (1/62+1/63) > 4
    expect(await rerank('工资', candidates.slice(0, 4))).toEqual([1, 3, 2, 4]);
    expect(counter.stats.texts).toEqual(['工资']);
    cache.close();

    const reopened = openEmbeddingCache(dir, 'fp');
    await createEmbeddingReranker({ embed: counter.fn, cache: reopened })('老婆', candidates);
    expect(counter.stats.texts).toEqual(['工资', '老婆']);
    // An amended article (same ref, new text) is embedded again; so is everything for another model.
    await createEmbeddingReranker({ embed: counter.fn, cache: reopened })('老婆', [hit(1, '车祸撞人'), hit(4, '配偶的义务', '测试法#4')]);
    expect(counter.stats.texts.slice(2)).toEqual(['老婆', '配偶的义务']);
    reopened.close();
    const otherModel = openEmbeddingCache(dir, 'another-fp');
    expect(otherModel.count()).toBe(0);
    otherModel.close();
  });

  it('keeps the lexical order and logs when the model fails at query time', async () => {
    const lines: string[] = [];
    const cache = openEmbeddingCache(join(tmp, 'rerank-fail'), 'fp');
    const failing: Embedder = async () => { throw new Error('session crashed'); };
    const rerank = createEmbeddingReranker({ embed: failing, cache, log: createLogger('warn', (l) => lines.push(l)) });
    expect(await rerank('老婆', candidates)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(lines.join('')).toContain('embedding rerank failed');
    cache.close();
  });

  it('loadEmbeddingReranker: a model that cannot load is logged and retrieval stays lexical', async () => {
    const lines: string[] = [];
    const loaded = loadEmbeddingReranker({ modelDir: join(tmp, 'absent'), dataDir: join(tmp, 'absent-data'), log: createLogger('info', (l) => lines.push(l)) });
    expect(await loaded.ready).toBe(false);
    expect(await loaded.rerank('老婆', candidates)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(lines.join('')).toMatch(/"level":"error".*embedding model unavailable/);
    loaded.close();
  });
});

describe('assistant with LAWLINE_EMBEDDING_MODEL', () => {
  it('answers with citations re-ranked by the tiny model, embedding only the candidates', async () => {
    const tiny = writeTinyModel(tmp, { name: 'tiny-e2e', groups: GROUPS });
    const lawline = createLawline({ config: testConfig({ LAWLINE_EMBEDDING_MODEL: tiny.dir }), log: createLogger('silent') });
    try {
      expect(lawline.embeddings).toBeDefined();
      const result = await lawline.ask('老婆要和我离婚，孩子抚养费怎么算？');
      expect(await lawline.embeddings!.ready).toBe(true);
      expect(result.citations.length).toBeGreaterThan(0);
      for (const c of result.citations) expect(lawline.index.findArticle(c.law, c.article)).toBeDefined();
      // Lazy: this fresh model fingerprint has vectors for at most one question's candidates, not the corpus.
      const cache = openEmbeddingCache(lawline.config.LAWLINE_DATA_DIR, modelFingerprint(tiny.dir));
      const stored = cache.count();
      cache.close();
      expect(stored).toBeGreaterThan(CITATION_MIN_CANDIDATES);
      expect(stored).toBeLessThanOrEqual(50);
    } finally {
      lawline.close();
    }
  });

  it('falls back to lexical retrieval when the configured model is missing', async () => {
    const lines: string[] = [];
    const lawline = createLawline({
      config: testConfig({ LAWLINE_EMBEDDING_MODEL: join(tmp, 'missing-model') }),
      log: createLogger('error', (l) => lines.push(l)),
    });
    try {
      const result = await lawline.ask('老婆要和我离婚，孩子抚养费怎么算？');
      expect(result.citations.length).toBeGreaterThan(0);
      expect(await lawline.embeddings!.ready).toBe(false);
      expect(lines.join('')).toContain('embedding model unavailable');
    } finally {
      lawline.close();
    }
  });
});

/** A divorce question matches far more than a page of articles lexically. */
const CITATION_MIN_CANDIDATES = 5;
