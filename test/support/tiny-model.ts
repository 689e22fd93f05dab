/**
 * @module test/support/tiny-model
 * Writes a tiny BERT-style feature-extraction model folder (config.json, tokenizer.json, tokenizer_config.json,
 * onnx/model.onnx) so the embedding code runs offline through the same @xenova/transformers path a real model
 * uses. The "model" is one embedding look-up: every character of a concept group lights the same dimension, so
 * 老婆 and 配偶 embed close together while sharing no character.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;
const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'] as const;

export interface TinyModelOptions {
  /** Folder name under `parentDir` (the model id transformers sees). */
  name?: string;
  /** Concept groups: each string's characters share one vector dimension. */
  groups: string[];
  /** Write onnx/model_quantized.onnx (the file real exports ship) instead of onnx/model.onnx. */
  quantizedFile?: boolean;
  /** Stored in config.json so each build has its own fingerprint (fresh vector cache); random by default. */
  buildId?: string;
}

export interface TinyModel {
  dir: string;
  /** Vector size: one dimension per group plus one for unknown characters. */
  dim: number;
  vocab: string[];
}

function tensor(name: string, dims: number[], values: number[], type: 'float' | 'int64'): onnxProto.onnx.ITensorProto {
  return type === 'float'
    ? { name, dims, dataType: onnx.TensorProto.DataType.FLOAT, floatData: values }
    : { name, dims, dataType: onnx.TensorProto.DataType.INT64, int64Data: values };
}

function valueInfo(name: string, elemType: number, shape: Array<string | number>): onnxProto.onnx.IValueInfoProto {
  const dim = shape.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d }));
  return { name, type: { tensorType: { elemType, shape: { dim } } } };
}

/** The graph: last_hidden_state = (E[input_ids] + T[token_type_ids]) · attention_mask. */
function modelBytes(table: number[][], dim: number): Uint8Array {
  const INT64 = onnx.TensorProto.DataType.INT64;
  const FLOAT = onnx.TensorProto.DataType.FLOAT;
  const seq = ['batch', 'sequence'];
  const graph: onnxProto.onnx.IGraphProto = {
    name: 'tiny-bert',
    input: [valueInfo('input_ids', INT64, seq), valueInfo('attention_mask', INT64, seq), valueInfo('token_type_ids', INT64, seq)],
    output: [valueInfo('last_hidden_state', FLOAT, [...seq, dim])],
    initializer: [
      tensor('word_embeddings', [table.length, dim], table.flat(), 'float'),
      tensor('type_embeddings', [2, dim], new Array(2 * dim).fill(0), 'float'),
      tensor('last_axis', [1], [-1], 'int64'),
    ],
    node: [
      { opType: 'Gather', input: ['word_embeddings', 'input_ids'], output: ['words'], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }] },
      { opType: 'Gather', input: ['type_embeddings', 'token_type_ids'], output: ['types'], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }] },
      { opType: 'Add', input: ['words', 'types'], output: ['summed'] },
      { opType: 'Cast', input: ['attention_mask'], output: ['mask'], attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT }] },
      { opType: 'Unsqueeze', input: ['mask', 'last_axis'], output: ['mask3'] },
      { opType: 'Mul', input: ['summed', 'mask3'], output: ['last_hidden_state'] },
    ],
  };
  const model = onnx.ModelProto.create({ irVersion: 7, producerName: 'lawline-tiny-model', opsetImport: [{ domain: '', version: 13 }], graph });
  return onnx.ModelProto.encode(model).finish();
}

function tokenizerJson(vocab: string[]): object {
  const id = (t: string) => vocab.indexOf(t);
  const special = (t: string) => ({ id: id(t), content: t, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  const seq = (s: 'A' | 'B', typeId: number) => ({ Sequence: { id: s, type_id: typeId } });
  const tok = (t: string, typeId: number) => ({ SpecialToken: { id: t, type_id: typeId } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map(special),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [tok('[CLS]', 0), seq('A', 0), tok('[SEP]', 0)],
      pair: [tok('[CLS]', 0), seq('A', 0), tok('[SEP]', 0), seq('B', 1), tok('[SEP]', 1)],
      special_tokens: Object.fromEntries(['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [id(t)], tokens: [t] }])),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100,
      vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
    },
  };
}

/** Writes the model folder `<parentDir>/<name>` and returns its path, size and vocabulary. */
export function writeTinyModel(parentDir: string, options: TinyModelOptions): TinyModel {
  const dir = join(parentDir, options.name ?? 'tiny-model');
  const dim = options.groups.length + 1;
  const unkDim = options.groups.length;
  const vocab: string[] = [...SPECIAL];
  const table: number[][] = SPECIAL.map((t) => {
    const row = new Array<number>(dim).fill(0);
    if (t === '[UNK]') row[unkDim] = 1; // [CLS]/[SEP]/[PAD] stay zero so they do not pull all vectors together
    return row;
  });
  options.groups.forEach((group, g) => {
    for (const ch of group) {
      if (vocab.includes(ch)) throw new Error(`tiny model: character ${ch} is in two groups`);
      vocab.push(ch);
      const row = new Array<number>(dim).fill(0);
      row[g] = 1;
      table.push(row);
    }
  });
  mkdirSync(join(dir, 'onnx'), { recursive: true });
  const json = (file: string, value: unknown) => writeFileSync(join(dir, file), JSON.stringify(value, null, 1));
  json('config.json', {
    model_type: 'bert', architectures: ['BertModel'], hidden_size: dim, vocab_size: vocab.length,
    num_hidden_layers: 0, num_attention_heads: 1, max_position_embeddings: 512, type_vocab_size: 2,
    lawline_test_build: options.buildId ?? randomUUID(),
  });
  json('tokenizer.json', tokenizerJson(vocab));
  json('tokenizer_config.json', {
    tokenizer_class: 'BertTokenizer', model_max_length: 512, do_lower_case: true,
    pad_token: '[PAD]', unk_token: '[UNK]', cls_token: '[CLS]', sep_token: '[SEP]',
  });
  writeFileSync(join(dir, 'onnx', options.quantizedFile ? 'model_quantized.onnx' : 'model.onnx'), modelBytes(table, dim));
  return { dir, dim, vocab };
}
