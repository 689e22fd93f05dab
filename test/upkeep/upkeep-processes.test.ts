/**
 * A knowledge edit reaches every process on the same database without a restart: a second, real lawline process
 * (src/server/main.ts) polling every second answers with an entry an admin wrote on the first, within its polling
 * interval, and stops once the edit is undone. Runs on SQLite (two processes on one file) and, when configured, on
 * PostgreSQL.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type ServerHarness } from '../support/server-harness.js';
import { forEachBackend, type TestBackend } from '../support/test-databases.js';
import { startLawline, type LawlineProcess } from '../cluster/lawline-process.js';

const QUESTION = '隔壁阿婆养的大黄把我仔的腿啃出血了，打针的钱谁来出';
const POLL_SECONDS = 1;

/** Polls `probe` until it holds, failing after `ms`. */
async function within(ms: number, probe: () => Promise<boolean>): Promise<number> {
  const started = Date.now();
  for (;;) {
    if (await probe()) return Date.now() - started;
    if (Date.now() - started > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

forEachBackend('a knowledge edit in every process', (backend: TestBackend) => {
  let fresh: Awaited<ReturnType<TestBackend['fresh']>>;
  let a: ServerHarness;
  let b: LawlineProcess;
  let admin: string;
  const askB = async () => (await (await fetch(`${b.base}/api/v1/ask`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: QUESTION }) })).json()) as { faq: { id: string } | null; citations: Array<{ law: string; article: number }> };

  beforeAll(async () => {
    fresh = await backend.fresh();
    a = await startServer(fresh.env);
    b = await startLawline({ ...fresh.env, LAWLINE_KNOWLEDGE_POLL_SECONDS: String(POLL_SECONDS), LAWLINE_RATE_LIMIT_PER_MINUTE: '0' });
    admin = await a.login('boss', 'admin');
  }, 300_000);
  afterAll(async () => {
    await b?.stop();
    await a?.close();
    await fresh?.drop();
  });

  it('the second process answers with the new entry within its polling interval, and forgets it after undo', async () => {
    expect((await askB()).faq).toBeNull();
    await a.request('POST', '/api/v1/ask', { text: QUESTION });
    let item: { id: number } | undefined;
    await within(10_000, async () => {
      item = ((await a.request('GET', '/api/v1/upkeep/queue', undefined, admin)).body as Array<{ id: number; examples: string[] }>).find((i) => i.examples.includes(QUESTION));
      return Boolean(item);
    });
    const made = await a.request('POST', `/api/v1/upkeep/${item!.id}/resolve`, {
      action: 'new_entry', topic: '人身损害',
      questions: ['邻居家的狗把小孩咬伤了谁赔', '别人养的狗咬了我家孩子找谁负责', '被人家养的狗咬伤打疫苗的钱谁出', '大黄狗咬人主人要不要赔'],
      answer: '一般由狗的饲养人或者管理人赔偿；能证明损害是被侵权人故意或者重大过失造成的，可以不承担或者减轻责任。',
      basis: [{ law: '民法典', article: 1245 }],
    }, admin);
    expect(made.status).toBe(200);
    const entryId = made.body.edit.target as string;
    // One polling interval plus the time to read the edits and answer, with room for a busy machine.
    const took = await within(POLL_SECONDS * 1000 + 4000, async () => (await askB()).faq?.id === entryId);
    expect(took).toBeLessThan(POLL_SECONDS * 1000 + 4000);
    expect((await askB()).citations[0]).toMatchObject({ law: '民法典', article: 1245 });
    expect(b.logs.some((l) => l.includes('"knowledge edits applied"'))).toBe(true);

    expect((await a.request('POST', `/api/v1/upkeep/edits/${made.body.edit.id}/undo`, undefined, admin)).status).toBe(200);
    await within(POLL_SECONDS * 1000 + 4000, async () => (await askB()).faq === null);
  });
});
