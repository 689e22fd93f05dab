/**
 * What a citizen reads, on the situations the issues name: the law in force (仲裁法 2025, 治安管理处罚法 2025),
 * the court that hears a suit against a county government, protection orders after a break-up, legal aid a minor
 * gets without applying, and everyday questions answered first in plain words. These check behaviour through
 * the whole assistant (bank, learned ranking, guides); nothing here is keyed to a question in the code.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Lawline } from '../../src/assistant/lawline.js';
import { DISCLAIMER } from '../../src/knowledge/answer-composer.js';
import { testLawline } from '../support/lawline.js';

let lawline: Lawline;
beforeAll(() => {
  lawline = testLawline();
});

const cites = (r: { citations: Array<{ law: string; article: number }> }, law: string, article: number) =>
  r.citations.slice(0, 5).some((c) => c.law === law && c.article === article);

describe('the law as it stands today', () => {
  it('setting aside an arbitral award: 仲裁法 (2025) Art. 72, three months, never six, with the revision named', async () => {
    const r = await lawline.ask('和供货商的买卖合同纠纷在仲裁委员会仲裁了，裁决对我不公平，想向法院申请撤销裁决，多久内要提出');
    expect(cites(r, '仲裁法', 72)).toBe(true);
    expect(r.answer).toMatch(/3个月|三个月/);
    expect(r.answer).not.toMatch(/6个月|六个月/);
    expect(r.answer).toContain('2026年3月1日');
    const art72 = r.citations.find((c) => c.law === '仲裁法' && c.article === 72)!;
    expect(art72).toMatchObject({ version: '2025-09-12', effectiveFrom: '2026-03-01' });
  });

  it('a slap from a neighbour: 治安管理处罚法 (2025) Art. 51 with its 500–1000 元 fine, not the old 200–500', async () => {
    const r = await lawline.ask('邻居吵架动手打了我一巴掌，没受什么伤，报警的话派出所会怎么处罚他');
    expect(cites(r, '治安管理处罚法', 51)).toBe(true);
    expect(r.answer).toMatch(/500元以上1000元以下|五百元以上一千元以下/);
    expect(r.answer).not.toMatch(/二百元以上五百元以下|200元以上500元以下/);
  });

  it('suing a county government: the intermediate court, under 行政诉讼法 Art. 15', async () => {
    const r = await lawline.ask('县政府征收我家的地，补偿太低，我要告县政府，应该去哪个法院起诉');
    expect(cites(r, '行政诉讼法', 15)).toBe(true);
    expect(r.direct).toContain('中级人民法院');
  });

  it('a protection order after a break-up: 妇女权益保障法 Art. 29', async () => {
    const r = await lawline.ask('分手后前男友一直纠缠骚扰我，到处发我的照片，能申请人身安全保护令吗');
    expect(cites(r, '妇女权益保障法', 29)).toBe(true);
    expect(r.direct.startsWith('可以')).toBe(true);
  });

  it('a minor in criminal detention gets a lawyer without applying: 法律援助法 Art. 25', async () => {
    const r = await lawline.ask('我儿子16岁因为打架被刑事拘留了，家里没钱请律师怎么办');
    expect(cites(r, '法律援助法', 25)).toBe(true);
  });
});

describe('answers a citizen can act on', () => {
  it.each([
    ['借给朋友五万块没打借条，只有微信转账记录，能要回来吗', '最高人民法院关于审理民间借贷案件适用法律若干问题的规定', 16, /^可以/],
    ['被邻居家的狗咬了，狗主人不肯赔', '民法典', 1245, /^要赔/],
    ['离婚的话孩子两岁，抚养权一般判给谁', '民法典', 1084, /两周岁/],
  ])('%s → the governing law, and the answer first', async (q, law, article, first) => {
    const r = await lawline.ask(q);
    expect(cites(r, law, article)).toBe(true);
    expect(r.faq).not.toBeNull();
    expect(r.direct).toMatch(first);
    expect(r.answer.startsWith(r.direct)).toBe(true);
    expect(r.answer.endsWith(DISCLAIMER)).toBe(true);
  });

  it('quotes the paragraph that carries the rule: the under-two rule is 民法典 Art. 1084 ¶3', async () => {
    const r = await lawline.ask('离婚的话孩子两岁，抚养权一般判给谁');
    const c = r.citations.find((x) => x.law === '民法典' && x.article === 1084)!;
    expect(c.paragraph).toBe(3);
    expect(c.text).toMatch(/^离婚后，不满两周岁的子女/);
    expect(r.answer).toContain('《民法典》第一千零八十四条第三款');
  });

  it.each([
    ['对方欠钱不还，多久之内必须起诉', '民法典', 188, /3年|三年/],
    ['在工地上摔伤了，包工头不管，我能找谁赔', '最高人民法院关于审理工伤保险行政案件若干问题的规定', 3, /单位/],
  ])('%s → an answer in the first sentence (at least as a reading of the question), resting on the law it quotes', async (q, law, article, fact) => {
    const r = await lawline.ask(q);
    expect(cites(r, law, article)).toBe(true);
    expect(r.direct.split('。')[0]).toMatch(fact);
    expect(r.answer.startsWith(r.direct)).toBe(true);
  });

  it('a cracked wall from a neighbour\'s renovation: tort law, not the 融资租赁 articles that share the word 索赔', async () => {
    const r = await lawline.ask('邻居装修把我家墙弄裂了，怎么索赔');
    expect(r.citations.some((c) => c.law === '民法典' && [741, 743].includes(c.article))).toBe(false);
    expect(r.citations.some((c) => c.law === '民法典' && [1165, 1193, 295].includes(c.article))).toBe(true);
  });

  it('a known question asked in other words gets its bank entry (most of a sample of the bank)', async () => {
    const entries = [...lawline.learned.bank.values()].filter((_, i) => i % 97 === 0);
    let matched = 0;
    for (const e of entries) {
      // The entry's last phrasing, with its punctuation and spacing changed: the same question, typed differently.
      const q = `${e.questions.at(-1)!.replace(/[，。？！?,.!\s]/g, ' ')}？`;
      if ((await lawline.ask(q)).faq?.id === e.id) matched += 1;
    }
    expect(matched / entries.length).toBeGreaterThan(0.7);
  });
});
