/**
 * Knowledge upkeep on the real server (issue 14, item 2). The acceptance: a question about a dog bite, asked in words
 * the bank does not know, lands in the review queue; an admin turns it into a new entry based on 民法典 Art. 1245;
 * without a restart, asking it again returns that entry and cites Art. 1245; undo takes it away again. Around it:
 * roles, the 400s that name the field, the other actions, the edits list, export, the audit and the overview.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { qaEntrySchema } from '../../src/knowledge/schemas/qa.js';
import { directLineCitizen, startServer, type ServerHarness } from '../support/server-harness.js';
import { unfinishedCheck } from '../../src/upkeep/upkeep-reasons.js';
import { lawlineCli } from '../cluster/lawline-process.js';

/** In words no bank phrasing uses (checked below: the bank offers no entry for it). */
const DOG_BITE = '隔壁阿婆养的大黄把我仔的腿啃出血了，打针的钱谁来出';
const NEW_ENTRY = {
  action: 'new_entry',
  topic: '人身损害',
  questions: ['邻居家的狗把小孩咬伤了谁赔', '别人养的狗咬了我家孩子找谁负责', '被人家养的狗咬伤打疫苗的钱谁出', '大黄狗咬人主人要不要赔'],
  answer: '一般由狗的饲养人或者管理人赔偿。饲养的动物造成他人损害的，饲养人或者管理人应当承担侵权责任；能证明损害是被侵权人故意或者重大过失造成的，可以不承担或者减轻责任。请保留就医和打疫苗的票据，先与狗主人协商，协商不成可申请人民调解或起诉。',
  basis: [{ law: '民法典', article: 1245 }],
};

/** Polls `probe` until it returns something, or fails after `ms` (never a fixed sleep). */
async function eventually<T>(probe: () => Promise<T | undefined>, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface QueueItem { id: number; question: string; count: number; reasons: string[]; examples: string[] }

describe('knowledge upkeep over HTTP', () => {
  let h: ServerHarness;
  let admin: string;
  const queue = async () => (await h.request('GET', '/api/v1/upkeep/queue', undefined, admin)).body as QueueItem[];
  const queued = (question: string) => eventually(async () => (await queue()).find((i) => i.examples.includes(question)));
  const ask = async (text: string) => (await h.request('POST', '/api/v1/ask', { text })).body;

  const stateDir = mkdtempSync(join(tmpdir(), 'lawline-upkeep-state-'));
  beforeAll(async () => {
    h = await startServer({ LAWLINE_STATE_DIR: stateDir });
    admin = await h.login('boss', 'admin');
  });
  afterAll(async () => {
    await h?.close();
    rmSync(stateDir, { recursive: true, force: true });
  });

  it('answers 401 without a token and 403 for other roles', async () => {
    const agent = await h.login('agent1', 'agent');
    const supervisor = await h.login('super1', 'supervisor');
    for (const [method, path, body] of [
      ['GET', '/api/v1/upkeep/queue'], ['POST', '/api/v1/upkeep/1/resolve', { action: 'dismiss', reason: 'x' }],
      ['GET', '/api/v1/upkeep/edits'], ['POST', '/api/v1/upkeep/edits/1/undo'], ['GET', '/api/v1/upkeep/export'],
      ['GET', '/api/v1/upkeep/basis?law=民法典&article=1245'], ['GET', '/api/v1/upkeep/entries?q=狗'],
    ] as Array<[string, string, unknown?]>) {
      expect((await h.request(method, path, body)).status, path).toBe(401);
      expect((await h.request(method, path, body, agent)).status, path).toBe(403);
      expect((await h.request(method, path, body, supervisor)).status, path).toBe(403);
    }
  });

  it('acceptance: an unknown dog-bite question becomes a new entry on Art. 1245, answers at once, and undo takes it away', async () => {
    const before = await ask(DOG_BITE);
    expect(before.faq).toBeNull();
    const item = await queued(DOG_BITE);
    expect(item.reasons).toContain('unanswered');

    // A basis that does not exist is refused, naming the field; the item stays open.
    const wrong = await h.request('POST', `/api/v1/upkeep/${item.id}/resolve`, { ...NEW_ENTRY, basis: [{ law: '民法典', article: 1245 }, { law: '民法典', article: 9999 }] }, admin);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatch(/^basis\.1\.article: 民法典 has no article 9999/);
    const badParagraph = await h.request('POST', `/api/v1/upkeep/${item.id}/resolve`, { ...NEW_ENTRY, basis: [{ law: '民法典', article: 1245, paragraph: 3 }] }, admin);
    expect(badParagraph.status).toBe(400);
    expect(badParagraph.body.error).toMatch(/^basis\.0\.paragraph: /);

    const made = await h.request('POST', `/api/v1/upkeep/${item.id}/resolve`, NEW_ENTRY, admin);
    expect(made.status).toBe(200);
    expect(made.body.item).toMatchObject({ id: item.id, status: 'resolved', resolvedBy: 'boss' });
    const entryId: string = made.body.edit.target;
    expect(made.body.edit).toMatchObject({ kind: 'entry', live: true, doc: { id: entryId, topic: '人身损害', basis: [{ law: '民法典', article: 1245 }] } });
    expect(made.body.edit.doc.questions).toContain(DOG_BITE);
    expect((await queue()).some((i) => i.id === item.id)).toBe(false);

    // No restart: the same process answers with the new entry and cites Art. 1245 first.
    const after = await ask(DOG_BITE);
    expect(after.faq).toEqual({ id: entryId, question: DOG_BITE });
    expect(after.direct).toBe(NEW_ENTRY.answer);
    expect(after.citations[0]).toMatchObject({ law: '民法典', article: 1245 });
    // A near-identical wording of it too (a word added).
    expect((await ask(`请问${DOG_BITE}`)).faq?.id).toBe(entryId);

    // Every edit is audited under knowledge: in the staff-data audit.
    const audit = await h.state.sql.all<{ subject: string; actor: string; new_value: string }>("SELECT subject, actor, new_value FROM staff_data_audit WHERE subject LIKE 'knowledge:%' ORDER BY id");
    expect(audit.at(-1)).toMatchObject({ subject: `knowledge:entry/${entryId}`, actor: 'boss' });

    // Undo: the entry no longer answers, the item is back in the queue, and the undo is audited.
    const undone = await h.request('POST', `/api/v1/upkeep/edits/${made.body.edit.id}/undo`, undefined, admin);
    expect(undone.status).toBe(200);
    expect(undone.body).toMatchObject({ id: made.body.edit.id, live: false, undoneBy: 'boss' });
    expect(undone.body.undoneVersion).toBeGreaterThan(made.body.edit.version);
    expect((await ask(DOG_BITE)).faq).toBeNull();
    expect((await queue()).some((i) => i.id === item.id)).toBe(true);
    expect((await h.request('POST', `/api/v1/upkeep/edits/${made.body.edit.id}/undo`, undefined, admin)).status).toBe(409);
    const audited = await h.state.sql.all<{ subject: string; old_value: string | null; new_value: string }>("SELECT subject, old_value, new_value FROM staff_data_audit WHERE subject LIKE 'knowledge:%' ORDER BY id");
    expect(audited.at(-1)!.subject).toBe(`knowledge:entry/${entryId}`);
    expect(JSON.parse(audited.at(-1)!.new_value)).toMatchObject({ undone: true });
  });

  it('checks basis articles as they are typed', async () => {
    const ok = await h.request('GET', `/api/v1/upkeep/basis?law=${encodeURIComponent('民法典')}&article=1245`, undefined, admin);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ ok: true, law: '民法典', article: 1245, label: expect.any(String) });
    expect(ok.body.text).toMatch(/饲养的动物/);
    const missing = await h.request('GET', `/api/v1/upkeep/basis?law=${encodeURIComponent('民法典')}&article=9999`, undefined, admin);
    expect(missing.body).toMatchObject({ ok: false, problem: expect.stringMatching(/no article 9999/) });
    const bad = await h.request('GET', `/api/v1/upkeep/basis?law=${encodeURIComponent('民法典')}&article=abc`, undefined, admin);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^article: /);
  });

  it.each([
    [{ action: 'rename' }, /^action: expected add_phrasing, new_entry, synonym or dismiss/],
    [{ action: 'dismiss' }, /^reason: required/],
    [{ action: 'add_phrasing' }, /^entryId: required/],
    [{ ...NEW_ENTRY, topic: '养狗' }, /^topic: expected one of the topics/],
    [{ ...NEW_ENTRY, basis: [] }, /^basis: name at least one provision/],
    [{ ...NEW_ENTRY, basis: [{ law: '中华人民共和国民法典', article: 1245 }] }, /^basis\.0\.law: drop the 中华人民共和国 prefix/],
    [{ ...NEW_ENTRY, questions: ['狗咬人谁赔'] }, /^questions: at least 5 phrasings/],
    [{ ...NEW_ENTRY, answer: '赔偿5000元。' }, /^answer: .*5000.*not found in the cited provisions/],
    [{ ...NEW_ENTRY, guides: ['legal-aid', 'no-such-guide'] }, /^guides\.1: unknown guide "no-such-guide"/],
    [{ action: 'synonym' }, /^synonym: give either synonym/],
    [{ action: 'synonym', rewrite: { from: '' , to: '狗' } }, /^rewrite\.from/],
  ])('answers 400 naming the field for %j', async (body, error) => {
    await ask(DOG_BITE);
    const item = await queued(DOG_BITE);
    const res = await h.request('POST', `/api/v1/upkeep/${item.id}/resolve`, body, admin);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(error);
  });

  it('404 for an unknown item, 409 for one already resolved', async () => {
    expect((await h.request('POST', '/api/v1/upkeep/999999/resolve', { action: 'dismiss', reason: '重复' }, admin)).status).toBe(404);
    const question = '村里祠堂修缮的钱摊派到每户，不交会怎样';
    await ask(question);
    const item = await queued(question);
    expect((await h.request('POST', `/api/v1/upkeep/${item.id}/resolve`, { action: 'dismiss', reason: '不是法律问题' }, admin)).status).toBe(200);
    expect((await h.request('POST', `/api/v1/upkeep/${item.id}/resolve`, { action: 'dismiss', reason: '再来一次' }, admin)).status).toBe(409);
  });

  it('files a question under an existing entry, adds a dialect rewrite, lists the edits and exports them as files', async () => {
    const question = '隔篱屋只狗仔咬亲我个女，要唔要佢赔钱';
    await ask(question);
    const item = await queued(question);
    const picker = await h.request('GET', `/api/v1/upkeep/entries?q=${encodeURIComponent('被狗咬')}`, undefined, admin);
    const dogBite = (picker.body as Array<{ id: string }>).find((e) => e.id === 'personal-injury-dog-bite');
    expect(dogBite).toBeDefined();
    const unknownEntry = await h.request('POST', `/api/v1/upkeep/${item.id}/resolve`, { action: 'add_phrasing', entryId: 'no-such-entry' }, admin);
    expect(unknownEntry.body.error).toMatch(/^entryId: no question-bank entry/);
    const filed = await h.request('POST', `/api/v1/upkeep/${item.id}/resolve`, { action: 'add_phrasing', entryId: 'personal-injury-dog-bite' }, admin);
    expect(filed.status).toBe(200);
    expect((await ask(question)).faq?.id).toBe('personal-injury-dog-bite');
    // The same phrasing cannot go under a second entry.
    const again = '阿公种的龙眼树伸过来砸烂我屋企的车，点算';
    await ask(again);
    const second = await queued(again);
    const taken = await h.request('POST', `/api/v1/upkeep/${second.id}/resolve`, { action: 'add_phrasing', entryId: 'personal-injury-cat-scratch', question }, admin);
    expect(taken.status).toBe(400);
    expect(taken.body.error).toMatch(/^question: .* already a phrasing of entry personal-injury-dog-bite/);

    // A dialect rewrite: from now on 隔篱屋 is read as 邻居家, so both wordings get one answer.
    const [dialectWords, mandarin] = ['隔篱屋的狗把我咬了', '邻居家的狗把我咬了'];
    expect(await ask(dialectWords)).not.toEqual(await ask(mandarin));
    const rewrite = await h.request('POST', `/api/v1/upkeep/${second.id}/resolve`, { action: 'synonym', rewrite: { from: '隔篱屋', to: '邻居家' } }, admin);
    expect(rewrite.status).toBe(200);
    expect(rewrite.body.edit).toMatchObject({ kind: 'dialect', target: '隔篱屋', doc: { from: '隔篱屋', to: '邻居家' } });
    expect(await ask(dialectWords)).toEqual(await ask(mandarin));

    const list = await h.request('GET', '/api/v1/upkeep/edits', undefined, admin);
    expect(list.body.version).toBe(list.body.edits[0].version);
    expect(list.body.edits.slice(0, 2).map((e: { kind: string }) => e.kind)).toEqual(['dialect', 'phrasing']);

    const exported = await h.request('GET', '/api/v1/upkeep/export', undefined, admin);
    expect(exported.body.version).toBe(list.body.version);
    const files = new Map((exported.body.files as Array<{ path: string; content: string }>).map((f) => [f.path, f.content]));
    const dogFile = parse(files.get('knowledge/qa/personal-injury/personal-injury-dog-bite.yaml')!);
    expect(qaEntrySchema.parse(dogFile).questions).toContain(question);
    expect(parse(files.get('intents/lexicon/staff-dialect.yaml')!)).toEqual({ rewrites: [{ from: '隔篱屋', to: '邻居家' }] });

  });

  it('queues the question a citizen asked for a person about (转人工 after an answer), once', async () => {
    const question = '公司拖欠我三个月工资怎么办';
    const citizen = await directLineCitizen(h);
    await citizen.say(question);
    await citizen.say('转人工');
    const item = await queued(question);
    expect(item.reasons).toEqual(['handed_off']);
    expect(item.count).toBe(1);
  });

  it('counts an eligibility check as unfinished when it ends at needs_review for want of facts or scope, not for the unset standard', () => {
    expect(unfinishedCheck({ decision: 'needs_review', codes: ['scope.other_civil', 'means.standard_unset'] })).toBe(true);
    expect(unfinishedCheck({ decision: 'needs_review', codes: ['means.household_missing'] })).toBe(true);
    expect(unfinishedCheck({ decision: 'needs_review', codes: ['scope.art31', 'means.standard_unset'] })).toBe(false);
    expect(unfinishedCheck({ decision: 'eligible', codes: [] })).toBe(false);
  });

  it('counts the queue in the overview: open items, resolved ones and how long they took', async () => {
    const res = await h.request('GET', '/api/v1/stats/overview', undefined, admin);
    expect(res.status).toBe(200);
    const open = (await queue()).length;
    expect(res.body.upkeep.open).toBe(open);
    expect(res.body.upkeep.resolved).toBeGreaterThanOrEqual(2);
    expect(res.body.upkeep.medianHoursToResolve).toEqual(expect.any(Number));
  });

  // Last: spawnSync holds this process (and the server in it) while the CLI runs.
  it('exports the same files from the command line (lawline knowledge export DIR)', async () => {
    const exported = await h.request('GET', '/api/v1/upkeep/export', undefined, admin);
    const files = new Map((exported.body.files as Array<{ path: string; content: string }>).map((f) => [f.path, f.content]));
    expect(files.size).toBeGreaterThan(0);
    const out = mkdtempSync(join(tmpdir(), 'lawline-export-'));
    try {
      const run = lawlineCli({ LAWLINE_STATE_DIR: stateDir }, 'knowledge', 'export', out);
      expect(run.status, run.stderr).toBe(0);
      const printed = JSON.parse(run.stdout.trim());
      expect(printed).toEqual({ ok: true, version: exported.body.version, files: [...files.keys()] });
      for (const [path, content] of files) expect(readFileSync(join(out, path), 'utf8')).toBe(content);
      expect(lawlineCli({ LAWLINE_STATE_DIR: stateDir }, 'knowledge', 'import', out).status).toBe(2);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
