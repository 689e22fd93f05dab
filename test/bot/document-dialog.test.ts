import { randomBytes } from 'node:crypto';
import { TestAdapter, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { LawlineBot } from '../../src/bot/lawline-bot.js';
import { createDraftLinks, type DraftLinks } from '../../src/documents/draft-links.js';
import { createDocumentDraftRepository } from '../../src/storage/repositories/document-draft-repository.js';
import { memoryStateDatabase } from '../../src/storage/sqlite/memory-state-database.js';
import { SqlStorage } from '../../src/storage/sql-storage.js';
import { createLogger } from '../../src/logging/logger.js';
import { testLawline } from '../support/lawline.js';
import { says } from './bot-harness.js';

function harness(lines: string[] = []): { adapter: TestAdapter; links: DraftLinks } {
  const links = createDraftLinks(createDocumentDraftRepository(memoryStateDatabase()), randomBytes(32), { ttlMs: 30 * 60_000 });
  const bot = new LawlineBot({ ...testLawline(), log: createLogger('debug', (l) => lines.push(l)) }, { storage: new SqlStorage(memoryStateDatabase()), drafts: { links, publicUrl: 'https://law.example.invalid' } });
  return { adapter: new TestAdapter(async (context) => bot.run(context)), links };
}

const TOKEN = /https:\/\/law\.example\.invalid\/api\/v1\/documents\/download\/([\w.-]+)\?format=docx/;

describe('the draft conversation', () => {
  it('drafts a labour-arbitration application from the request, asking only what is missing, and links it', async () => {
    const lines: string[] = [];
    const { adapter, links } = harness(lines);
    let token = '';
    await adapter
      .send('公司拖欠我两个月工资8000元一直不给，劳动仲裁申请书怎么写').assertReply(says('起草一份草稿', '跳过'))
      .assertReply(says('申请人', '姓名'))
      .send('我叫李明华').assertReply(says('被申请人', '全称'))
      .send('清远市宏达电子有限公司').assertReply(says('哪些请求', '裁决被申请人支付拖欠的工资'))
      .send('1. 支付拖欠工资8000元\n2. 支付解除劳动合同的经济补偿').assertReply(says('您前面说过', '公司拖欠我两个月工资8000元一直不给', '1. 就用这段'))
      .send('1').assertReply(says('证据'))
      .send('工资条、微信聊天记录').assertReply((a: Partial<Activity>) => {
        says('《劳动人事争议仲裁申请书》草稿已生成', 'format=pdf', '30分钟内有效', '清远市劳动人事争议仲裁委员会', '12348', '《劳动争议调解仲裁法》第28条第2款')(a);
        token = TOKEN.exec(a.text ?? '')![1]!;
        const data = (a.channelData as { lawline: { downloads: Array<{ format: string; path: string }> } }).lawline;
        expect(data.downloads.map((d) => d.format)).toEqual(['docx', 'pdf']);
        expect(data.downloads[0]!.path).toBe(`/api/v1/documents/download/${token}?format=docx`);
      })
      .startTest();
    expect(await links.open(token)).toEqual({
      kind: 'labour_arbitration_application',
      fields: {
        applicant: { name: '李明华' }, respondent: { name: '清远市宏达电子有限公司' },
        claims: ['支付拖欠工资8000元', '支付解除劳动合同的经济补偿'], facts: '公司拖欠我两个月工资8000元一直不给。',
        evidence: ['工资条', '微信聊天记录'],
      },
    });
    // The draft is logged by its kind; the names and what happened are not.
    expect(lines.join('\n')).toContain('document draft offered');
    for (const personal of ['李明华', '宏达电子', '8000元']) expect(lines.join('\n')).not.toContain(personal);
  });

  it('asks the kind and the case type with numbered choices when the request names neither; 跳过 leaves blanks', async () => {
    const { adapter, links } = harness();
    let token = '';
    await adapter
      .send('申请书怎么写').assertReply(says('起草一份草稿'))
      .assertReply(says('请回复数字', '1. 劳动仲裁申请书', '2. 民事起诉状', '3. 法律援助申请表', '4. 人民调解申请书'))
      .send('7').assertReply(says('请回复上面列出的数字'))
      .send('2').assertReply(says('哪一类纠纷', '1. 借款纠纷', '2. 离婚纠纷', '3. 人身损害赔偿'))
      .send('2').assertReply(says('原告'))
      .send('跳过').assertReply(says('被告'))
      .send('跳过').assertReply(says('哪些请求', '判决原告与被告离婚'))
      .send('跳过').assertReply(says('事情经过'))
      .send('跳过').assertReply(says('证据'))
      .send('跳过').assertReply((a: Partial<Activity>) => {
        says('《民事起诉状》草稿已生成', '受理机构留了空白')(a);
        token = TOKEN.exec(a.text ?? '')![1]!;
      })
      .startTest();
    expect(await links.open(token)).toMatchObject({
      kind: 'civil_complaint', variant: 'divorce', fields: { applicant: {}, respondent: {}, claims: [], facts: '', evidence: [] },
    });
  });

  it('leaves the choice for a question typed instead, and starts afresh on a new request to write', async () => {
    const { adapter } = harness();
    await adapter
      .send('申请书怎么写').assertReply(says('起草一份草稿')).assertReply(says('1. 劳动仲裁申请书'))
      .send('人民调解申请书怎么写').assertReply(says('起草一份草稿')).assertReply(says('申请人（一般就是您本人）'))
      .send('取消').assertReply(says('已取消起草'))
      .send('申请书怎么写').assertReply(says('起草一份草稿')).assertReply(says('1. 劳动仲裁申请书'))
      .send('公司拖欠我工资三个月了怎么办').assertReply((a: Partial<Activity>) => expect(a.text).not.toContain('请回复上面列出的数字'))
      .startTest();
  });

  it('takes the kind and the case type from the words used, and stops on 取消', async () => {
    const { adapter } = harness();
    await adapter
      .send('他借钱不还，我想起诉，起诉状怎么写').assertReply(says('起草一份草稿'))
      .assertReply(says('原告'))
      .send('取消').assertReply(says('已取消起草'))
      .startTest();
  });
});
