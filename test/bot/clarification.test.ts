/**
 * An unclear question gets numbered readings; the citizen's number answers the original question as meant.
 */
import { MemoryStorage, TestAdapter } from 'botbuilder';
import { createPreapplicationRepository } from '../../src/storage/repositories/preapplication-repository.js';
import { memoryStateDatabase } from '../../src/storage/sqlite/memory-state-database.js';
import { describe, expect, it } from 'vitest';
import { REPLIES } from '../../src/assistant/replies-zh.js';
import { LawlineBot } from '../../src/bot/lawline-bot.js';
import type { Lawline } from '../../src/assistant/lawline.js';
import { createPreapplicationStore } from '../../src/preapplication/preapplication-store.js';
import { testLawline } from '../support/lawline.js';
import { says, saysNot } from './bot-harness.js';

const UNCLEAR = '那个房子的事情怎么弄';

/** The shared assistant, except that UNCLEAR is read as a toss-up between two legal topics. */
function unsureAbout(base: Lawline): Lawline {
  const recognise: Lawline['recognise'] = (text) => {
    const r = base.recognise(text);
    if (text !== UNCLEAR) return r;
    return {
      ...r,
      intent: 'consult', intentConfidence: 0.95,
      domain: '房产纠纷', domainConfidence: 0.25,
      domains: [{ label: '房产纠纷', confidence: 0.25 }, { label: '拆迁安置', confidence: 0.22 }, { label: '婚姻家庭', confidence: 0.05 }],
      domainScores: { 房产纠纷: 0.25, 拆迁安置: 0.22, 婚姻家庭: 0.05 },
    };
  };
  return { ...base, recognise };
}

function botFor(lawline: Lawline): TestAdapter {
  const bot = new LawlineBot(lawline, { storage: new MemoryStorage(), preapplications: createPreapplicationStore(createPreapplicationRepository(memoryStateDatabase())) });
  return new TestAdapter(async (context) => bot.run(context));
}

describe('clarifying readings in a conversation', () => {
  it('a number picks a reading and the question is answered for that topic', async () => {
    const lawline = unsureAbout(testLawline());
    let chosen = '';
    await botFor(lawline)
      .send(UNCLEAR)
      .assertReply(says(REPLIES.clarifyPrefix, '1. 房产纠纷方面的问题', '2. 拆迁安置方面的问题'))
      .send('2')
      .assertReply((a) => {
        chosen = a.text ?? '';
        expect(a.channelData?.lawline?.domain).toBe('拆迁安置');
        // The next steps are those knowledge/topics.yaml names for 拆迁安置.
        expect(a.channelData?.lawline?.guides.map((g: { id: string }) => g.id)).toContain('administrative-reconsideration');
      })
      .startTest();
    expect(chosen).not.toContain(REPLIES.clarifyPrefix);
  });

  it('a reply that is not one of the numbers is taken as a new message', async () => {
    const lawline = unsureAbout(testLawline());
    await botFor(lawline)
      .send(UNCLEAR)
      .assertReply(says(REPLIES.clarifyPrefix))
      .send('你好')
      .assertReply(saysNot(REPLIES.clarifyPrefix))
      .startTest();
  });
});
