/**
 * @module cli/knowledge-command
 * `lawline knowledge export <dir>`: writes the knowledge edits staff made in the workspace (live ones, from the state
 * database) as files in the repository's layout under <dir> — knowledge/qa/<topic>/<id>.yaml for new entries and for
 * file entries that gained phrasings, intents/lexicon/staff-synonyms.yaml and staff-dialect.yaml — each checked with
 * the schema its folder is read with. Export into a checkout to review the diff and commit it. Prints
 * `{"ok":true,"version":N,"files":[…]}`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config } from '../config/config.js';
import { PATHS } from '../config/paths.js';
import { loadQaBank } from '../knowledge/qa-bank.js';
import { loadTopicPriors } from '../knowledge/topic-priors.js';
import { openStateSql } from '../server/lawline-state.js';
import { createUpkeepRepository } from '../storage/repositories/upkeep-repository.js';
import { liveKnowledge } from '../upkeep/edit-docs.js';
import { exportKnowledge } from '../upkeep/export-knowledge.js';

export const KNOWLEDGE_USAGE = 'usage: lawline knowledge export <dir>   (the live knowledge edits as files in the repository layout)';

/** Runs `lawline knowledge <args>`; returns the exit code (0 ok, 2 usage error). */
export async function runKnowledgeCommand(args: string[], config: Config, out: (line: string) => void): Promise<number> {
  const [action, dir, ...rest] = args;
  if (action !== 'export' || !dir || rest.length) {
    out(KNOWLEDGE_USAGE);
    return 2;
  }
  const sql = await openStateSql(config);
  let exported;
  try {
    const repo = createUpkeepRepository(sql);
    const [version, edits] = [await repo.version(), await repo.edits({ live: true })];
    const bank = new Map(loadQaBank(PATHS.qa).entries.map((e) => [e.id, e]));
    // Only the topics' folder names are needed here, not the laws they lean on.
    const priors = loadTopicPriors(PATHS.topics, new Map());
    exported = { version, files: exportKnowledge(version, liveKnowledge(edits), bank, (t) => priors.slugOf(t)) };
  } finally {
    await sql.close();
  }
  for (const f of exported.files) {
    const target = join(dir, f.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.content);
  }
  out(JSON.stringify({ ok: true, version: exported.version, files: exported.files.map((f) => f.path) }));
  return 0;
}
