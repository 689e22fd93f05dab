import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PATHS } from '../../src/config/paths.js';
import { crossCheck, loadIntentData, type IntentData } from '../../src/understanding/intent-data.js';
import { SERVICE_INTENTS, TOPIC_LABELS } from '../../src/vocabulary.js';

const temps: string[] = [];
function copyIntents(): string {
  const dir = mkdtempSync(join(tmpdir(), 'intents-'));
  temps.push(dir);
  cpSync(PATHS.intents, dir, { recursive: true });
  return dir;
}
afterEach(() => {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('intents/ data', () => {
  const data = loadIntentData(PATHS.intents);

  it('has a file for every service intent and every topic label, each with examples', () => {
    expect(data.intents.map((i) => i.intent).sort()).toEqual([...SERVICE_INTENTS].sort());
    expect(data.topics.map((t) => t.topic).sort()).toEqual([...TOPIC_LABELS].sort());
    for (const i of data.intents) expect(i.examples.length, i.intent).toBeGreaterThan(0);
    for (const t of data.topics) expect(t.examples.length, t.topic).toBeGreaterThan(0);
    expect(data.emergency?.positive.length).toBeGreaterThan(0);
    expect(data.emergency?.negative.length).toBeGreaterThan(0);
  });

  it('lists no utterance under two labels', () => {
    expect(crossCheck(data)).toEqual([]);
  });
});

describe('loadIntentData validation', () => {
  it('names the file and the field of a bad intent file', () => {
    const dir = copyIntents();
    writeFileSync(join(dir, 'service', 'notary.yaml'), 'intent: notarise\nlabel: 公证\ndescription: x\nexamples: [我要公证]\n');
    expect(() => loadIntentData(dir)).toThrow(/notary\.yaml: intent: /);
  });

  it('names the file of invalid YAML', () => {
    const dir = copyIntents();
    writeFileSync(join(dir, 'topics', 'labour.yaml'), 'topic: [劳动纠纷\n');
    expect(() => loadIntentData(dir)).toThrow(/labour\.yaml: not valid YAML/);
  });

  it('rejects an empty example and reads numeric examples as text', () => {
    const dir = copyIntents();
    writeFileSync(join(dir, 'service', 'notary.yaml'), 'intent: notary\nlabel: 公证\ndescription: x\nexamples: ["  "]\n');
    expect(() => loadIntentData(dir)).toThrow(/notary\.yaml: examples\.0/);
    writeFileSync(join(dir, 'service', 'notary.yaml'), 'intent: notary\nlabel: 公证\ndescription: x\nexamples: [12348, 我要公证]\n');
    expect(loadIntentData(dir).intents.find((i) => i.intent === 'notary')?.examples).toEqual(['12348', '我要公证']);
  });

  it('treats a missing emergency file as no emergency data', () => {
    const dir = copyIntents();
    rmSync(join(dir, 'emergency.yaml'));
    expect(loadIntentData(dir).emergency).toBeNull();
  });
});

describe('crossCheck', () => {
  it('reports an utterance listed under two labels and a label defined twice', () => {
    const data: IntentData = {
      intents: [
        { intent: 'notary', label: '公证', description: 'x', examples: ['我要办公证'] },
        { intent: 'mediation', label: '调解', description: 'x', examples: ['我要办公证'] },
        { intent: 'mediation', label: '调解', description: 'x', examples: ['调解'] },
      ],
      topics: [],
      emergency: null,
    };
    const problems = crossCheck(data);
    expect(problems).toContain('intents/service: "我要办公证" is an example of both notary and mediation');
    expect(problems).toContain('intents/service: label mediation is defined twice');
  });
});
