/**
 * @module knowledge/learned-artifact
 * The learned part of retrieval as one versioned file in the data directory, like the classifiers: the ranker and
 * entry-match models, the known questions already tokenised, and the question bank as loaded. It is keyed by a
 * hash of everything it was built from and rebuilt when that changes; a start with a current file reads it
 * instead of parsing thousands of YAML files and re-training.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KnownMaterial } from './known-questions.js';
import type { LearnedModelsJSON } from './learned-retrieval.js';
import type { LoadedQaEntry } from './qa-bank.js';

/** Bump when the features, the training or the file layout change. */
export const LEARNED_VERSION = 'learned-13';

export interface LearnedArtifact {
  version: string;
  models: LearnedModelsJSON;
  material: KnownMaterial;
  bank: LoadedQaEntry[];
  /** What training saw, for the bench and the logs. */
  trainedOn: { realQuestions: number; bankEntries: number; knownQuestions: number; trainingQueries: number; ms: number };
}

const NAME = /^learned-[0-9a-f]{16}\.json$/;

/** Reads the artifact for `hash`, or builds, writes (atomically) and returns it; older artifacts are removed. */
export function loadOrBuildLearned(dataDir: string, hash: string, build: () => LearnedArtifact): { artifact: LearnedArtifact; built: boolean; bytes: number; file: string } {
  const file = join(dataDir, `learned-${hash.slice(0, 16)}.json`);
  if (existsSync(file)) {
    try {
      const artifact = JSON.parse(readFileSync(file, 'utf8')) as LearnedArtifact;
      if (artifact.version === LEARNED_VERSION) return { artifact, built: false, bytes: statSync(file).size, file };
    } catch {
      // a damaged file is rebuilt below
    }
  }
  const artifact = build();
  mkdirSync(dataDir, { recursive: true });
  for (const old of readdirSync(dataDir)) if (NAME.test(old)) rmSync(join(dataDir, old), { force: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(artifact));
  renameSync(tmp, file);
  return { artifact, built: true, bytes: statSync(file).size, file };
}
