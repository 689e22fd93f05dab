/**
 * A document draft over WeChat with the real bot: the questions arrive as text replies and the draft as whole
 * download URLs (LAWLINE_PUBLIC_URL) within WeChat's text limit.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LawlineBot } from '../../../src/bot/lawline-bot.js';
import { LocalChannelAdapter } from '../../../src/channels/local-adapter.js';
import { TEXT_LIMIT_BYTES } from '../../../src/channels/wechat/reply-shaper.js';
import { createDraftLinks } from '../../../src/documents/draft-links.js';
import { createDocumentDraftRepository } from '../../../src/storage/repositories/document-draft-repository.js';
import { memoryStateDatabase } from '../../../src/storage/sqlite/memory-state-database.js';
import { testLawline } from '../../support/lawline.js';
import { replyFields, startChannel, textXml } from './wechat-kit.js';

const links = createDraftLinks(createDocumentDraftRepository(memoryStateDatabase()), randomBytes(32), { ttlMs: 30 * 60_000 });
let channel: Awaited<ReturnType<typeof startChannel>>;
beforeAll(async () => {
  const bot = new LawlineBot(testLawline(), { drafts: { links, publicUrl: 'https://law.example.invalid' } });
  channel = await startChannel({ adapter: new LocalChannelAdapter((context) => bot.run(context)), replyDeadline: () => new Promise(() => undefined) });
});
afterAll(() => channel.close());

let msgId = 9000;
async function say(text: string): Promise<string> {
  const res = await channel.post(textXml(text, String(msgId++), 'oDraft_citizen'));
  expect(res.status).toBe(200);
  return replyFields(res.text).Content!;
}

describe('a draft over WeChat', () => {
  it('asks in text and answers with whole download URLs that open the draft', async () => {
    expect(await say('人民调解申请书怎么写')).toContain('一般就是您本人');
    expect(await say('陈美玲')).toContain('被申请人的名称');
    expect(await say('邻居刘某')).toContain('哪些请求');
    expect(await say('停止漏水并修复')).toContain('事情经过');
    expect(await say('楼上卫生间漏水三个月')).toContain('证据');
    const done = await say('照片、维修单');
    expect(Buffer.byteLength(done)).toBeLessThanOrEqual(TEXT_LIMIT_BYTES);
    const url = /https:\/\/law\.example\.invalid\/api\/v1\/documents\/download\/([\w.-]+)\?format=pdf/.exec(done);
    expect(url, done).not.toBeNull();
    expect(done).toContain('受理机构留了空白');
    expect(await links.open(url![1]!)).toMatchObject({ kind: 'mediation_application', fields: { applicant: { name: '陈美玲' }, evidence: ['照片', '维修单'] } });
  });
});
