/**
 * The pieces knowledge upkeep lays over a running process: the staff overlay's phrasing match (character-bigram
 * Dice, as natural's DiceCoefficient measures it), the review queue's clustering, and the text pipeline's run-time
 * additions (which replace each other and keep the files' lexicon).
 */
import DiceCoefficient from 'natural/lib/natural/distance/dice_coefficient.js';
import { describe, expect, it } from 'vitest';
import type { LoadedQaEntry } from '../../src/knowledge/qa-bank.js';
import { OVERLAY_MATCH_MIN, StaffOverlay } from '../../src/knowledge/staff-overlay.js';
import { closestCluster, CLUSTER_MIN } from '../../src/upkeep/review-queue.js';
import { testLawline } from '../support/lawline.js';

const entry = (id: string): LoadedQaEntry => ({
  id, topic: '人身损害', questions: ['q1', 'q2', 'q3', 'q4', 'q5'], answer: 'a', basis: [{ law: '民法典', article: 1245 }],
  guides: [], cases: [], figures: [], reviewed: { on: '2026-12-04', laws: {} }, file: `staff:${id}`,
});

describe('the staff overlay', () => {
  const dog = entry('dog');
  const wage = entry('wage');
  const overlay = new StaffOverlay();
  overlay.replace(3, [
    { normalised: '隔壁阿婆养的大黄把我仔的腿啃出血了，打针的钱谁来出', entry: dog },
    { normalised: '老细唔俾人工点算', entry: wage },
  ], [dog]);

  it.each([
    ['隔壁阿婆养的大黄把我仔的腿啃出血了，打针的钱谁来出', 'dog'],
    ['隔壁阿婆养的大黄把我仔的腿啃出血了打针的钱谁来出？', 'dog'], // punctuation does not count
    ['请问隔壁阿婆养的大黄把我仔的腿啃出血了，打针的钱谁来出', 'dog'],
    ['老细唔俾人工点算', 'wage'],
    ['隔壁阿婆养的猫把我的沙发抓烂了', null],
    ['老细唔俾假期点算', null],
  ])('%s → %s', (question, id) => {
    const m = overlay.match(question);
    expect(m?.entry.id ?? null).toBe(id);
    // The score is natural's Dice over the same keys.
    if (m) expect(m.probability).toBeCloseTo(DiceCoefficient(question.replace(/[\s\p{P}\p{S}]+/gu, ''), m.entry.id === 'dog' ? '隔壁阿婆养的大黄把我仔的腿啃出血了打针的钱谁来出' : '老细唔俾人工点算'), 3);
    if (m) expect(m.probability).toBeGreaterThanOrEqual(OVERLAY_MATCH_MIN);
  });

  it('knows its version and entries, and an empty overlay matches nothing', () => {
    expect(overlay.version).toBe(3);
    expect(overlay.entry('dog')).toBe(dog);
    expect(overlay.entry('wage')).toBeUndefined(); // filed under, not written by staff
    expect([...overlay.entries(new Map([['x', entry('x')]]))].map((e) => e.id)).toEqual(['dog', 'x']);
    const empty = new StaffOverlay();
    expect(empty.match('隔壁阿婆养的大黄把我仔的腿啃出血了')).toBeNull();
  });
});

describe('clustering the review queue', () => {
  const open = [{ id: 1, question: '邻居家的狗咬了我要怎么赔' }, { id: 2, question: '公司不给交社保怎么办' }];
  it.each([
    ['邻居家的狗咬了我要怎么赔偿', 1],
    ['邻居家的狗咬了我，要怎么赔？', 1],
    ['公司不给我交社保怎么办', 2],
    ['邻居家的猫抓了我要怎么赔', null],
    ['离婚后孩子归谁', null],
  ])('%s → cluster %s', (question, id) => {
    expect(closestCluster(question, open)).toBe(id);
  });
  it('threshold sits between a changed word and a changed subject', () => {
    expect(DiceCoefficient('邻居家的狗咬了我要怎么赔偿', '邻居家的狗咬了我要怎么赔')).toBeGreaterThanOrEqual(CLUSTER_MIN);
    expect(DiceCoefficient('邻居家的猫抓了我要怎么赔', '邻居家的狗咬了我要怎么赔')).toBeLessThan(CLUSTER_MIN);
  });
});

describe('the text pipeline\'s run-time additions', () => {
  it('rewrite and expand from the next analysis on; a new set replaces the last; the files\' lexicon stays', () => {
    const { pipeline } = testLawline();
    try {
      expect(pipeline.analyse('隔篱屋的狗').normalised).toBe('隔篱屋的狗');
      expect(pipeline.analyse('唔俾人工').normalised).toBe('不给工资'); // from dialect.yaml
      pipeline.setAdditions({ dialect: [{ from: '隔篱屋', to: '邻居家' }], synonyms: [{ terms: ['狗仔'], legal: ['饲养动物'] }] });
      expect(pipeline.analyse('隔篱屋的狗').normalised).toBe('邻居家的狗');
      expect(pipeline.analyse('唔俾人工').normalised).toBe('不给工资');
      expect(pipeline.analyse('狗仔咬人').expansions).toEqual(expect.arrayContaining(['饲养', '动物']));
      pipeline.setAdditions({ dialect: [], synonyms: [] });
      expect(pipeline.analyse('隔篱屋的狗').normalised).toBe('隔篱屋的狗');
    } finally {
      pipeline.setAdditions({ dialect: [], synonyms: [] });
    }
  });
});
