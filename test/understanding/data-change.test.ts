/**
 * "Adding an utterance or a synonym is a data change in intents/, not a code change": these tests change a
 * copy of intents/ only, rebuild from it with unchanged code, and show the new behaviour.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS } from '../../src/config/paths.js';
import { loadLexicon } from '../../src/text/lexicon.js';
import { createTextPipeline } from '../../src/text/text-pipeline.js';
import { messageFeatures } from '../../src/understanding/features.js';
import { loadIntentData } from '../../src/understanding/intent-data.js';
import { trainModels } from '../../src/understanding/trained-models.js';

/** A made-up word that no data file contains. */
const NEW_WORD = '嘀嗒嘣';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'intents-change-'));
  // Small data keeps training fast: all service intents, two topics, no emergency file.
  cpSync(join(PATHS.intents, 'service'), join(dir, 'service'), { recursive: true });
  cpSync(join(PATHS.intents, 'lexicon'), join(dir, 'lexicon'), { recursive: true });
  for (const f of ['labour.yaml', 'marriage-family.yaml']) cpSync(join(PATHS.intents, 'topics', f), join(dir, 'topics', f));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a data change in intents/ changes behaviour without code changes', () => {
  it('the made-up word is really unknown to the shipped data', () => {
    const everything = JSON.stringify(loadIntentData(PATHS.intents)) + readFileSync(join(PATHS.lexicon, 'synonyms.yaml'), 'utf8');
    expect(everything).not.toContain(NEW_WORD);
  });

  it('a new synonym line makes the pipeline add the legal term', () => {
    const before = createTextPipeline(loadLexicon(join(dir, 'lexicon'))).analyse(`${NEW_WORD}天天不回家`);
    expect(before.expansions).not.toContain('配偶');

    appendFileSync(join(dir, 'lexicon', 'synonyms.yaml'), `\n  - terms: [${NEW_WORD}]\n    legal: [配偶]\n`);
    const after = createTextPipeline(loadLexicon(join(dir, 'lexicon'))).analyse(`${NEW_WORD}天天不回家`);
    expect(after.matchedTerms).toContain(NEW_WORD);
    expect(after.expansions).toContain('配偶');
    // The classifiers see it too: synonym expansions are features.
    expect(messageFeatures(after)).toContain('x:配偶');
  });

  it('new utterances in one intent file teach the classifier the new word', () => {
    const pipeline = createTextPipeline(loadLexicon(join(dir, 'lexicon')));
    const query = messageFeatures(pipeline.analyse(`我想办${NEW_WORD}`));
    const before = trainModels(pipeline, loadIntentData(dir), []).intent.predict(query);
    expect(before.label).not.toBe('notary');

    const file = join(dir, 'service', 'notary.yaml');
    const notary = parse(readFileSync(file, 'utf8')) as { examples: string[] };
    notary.examples.push(`${NEW_WORD}怎么办理`, `我要做${NEW_WORD}`, `${NEW_WORD}要带什么材料`, `去哪里办${NEW_WORD}`, `${NEW_WORD}多少钱`);
    writeFileSync(file, stringify(notary));

    const after = trainModels(pipeline, loadIntentData(dir), []).intent.predict(query);
    expect(after.label).toBe('notary');
    expect(after.scores.notary).toBeGreaterThan(before.scores.notary!);
  });
});
