import { beforeAll, describe, expect, it } from 'vitest';
import type { Lawline } from '../../src/assistant/lawline.js';
import { clarifyingReadings, clarifyingText, withReading } from '../../src/assistant/clarify.js';
import { REPLIES } from '../../src/assistant/replies-zh.js';
import { SERVICE_INTENTS, TOPIC_LABELS } from '../../src/vocabulary.js';
import { testLawline } from '../support/lawline.js';

let lawline: Lawline;
beforeAll(() => {
  lawline = testLawline();
});

describe('classify', () => {
  it('returns intent, domain, confidence, risk, entities and up to three alternatives', () => {
    const c = lawline.classify('公司拖欠我三个月工资怎么办');
    expect(c.intent).toBe('consult');
    expect(c.domain).toBe('劳动纠纷');
    expect(c.risk).toBeNull();
    expect(c.confidence).toBeGreaterThan(0.5);
    expect(c.confidence).toBeLessThanOrEqual(1);
    expect(c.entities.some((e) => e.type === 'duration' && e.text === '三个月')).toBe(true);
    expect(c.alternatives.length).toBeLessThanOrEqual(3);
    expect(c.alternatives[0]!.intent).toBe(c.intent);
    for (let i = 1; i < c.alternatives.length; i++) {
      expect(c.alternatives[i - 1]!.confidence).toBeGreaterThanOrEqual(c.alternatives[i]!.confidence);
    }
  });

  it.each(['离婚后孩子归谁', '被车撞了', '我要做公证', '你好', 'asdfgh'])('stays inside the shared label sets: %s', (text) => {
    const c = lawline.classify(text);
    expect(SERVICE_INTENTS).toContain(c.intent);
    expect(TOPIC_LABELS).toContain(c.domain);
  });

  it('flags danger now', () => {
    expect(lawline.classify('他拿着刀说要杀了我').risk).toBe('emergency');
  });

  it('recognises dialect the same way as Mandarin', () => {
    expect(lawline.classify('老细唔俾人工').domain).toBe('劳动纠纷');
  });
});

describe('clarifying readings', () => {
  it('offers numbered readings when the intent is unsure, and none when it is clear', () => {
    const r = lawline.recognise('我想申请法律援助');
    expect(clarifyingReadings(lawline, r)).toBeNull();
    const unsure = {
      ...r,
      intentConfidence: 0.4,
      intents: [
        { label: 'legal_aid' as const, confidence: 0.4 },
        { label: 'find_lawyer' as const, confidence: 0.35 },
        { label: 'notary' as const, confidence: 0.05 },
      ],
    };
    const readings = clarifyingReadings(lawline, unsure)!;
    expect(readings.map((c) => c.intent)).toEqual(['legal_aid', 'find_lawyer']);
    expect(readings[0]!.label).toBe(lawline.intentLabels.get('legal_aid'));
    const summary = clarifyingText(readings);
    expect(summary.startsWith(REPLIES.clarifyPrefix)).toBe(true);
    expect(summary).toContain(`1. ${readings[0]!.label}`);
    expect(summary).toContain(`2. ${readings[1]!.label}`);
    // Once a reading is picked the recognition is certain, so no further readings are offered.
    const picked = withReading(unsure, readings[1]!);
    expect([picked.intent, picked.intentConfidence]).toEqual(['find_lawyer', 1]);
    expect(clarifyingReadings(lawline, picked)).toBeNull();
  });
});
