/**
 * The data staff keep, on the real server: the service directory (the bot's where-to-go answers and eligibility's
 * where-to-apply use an edit at once, on every channel), the case library (validated like the files, articles
 * checked against the statutes, counted in the overview, seen by answers), and the audit API over logins, hand-off
 * events and staff-data changes. Every phone and address here is obviously fake test data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRegion, type Office } from '../../src/config/region.js';
import { PATHS } from '../../src/config/paths.js';
import { loadCases } from '../../src/knowledge/cases.js';
import { chinaDay } from '../../src/stats/china-day.js';
import { directLineCitizen, startServer, type ServerHarness } from '../support/server-harness.js';
import { APPID, replyFields, signedQuery, startCustomerServiceStub, textXml, TOKEN } from '../channels/wechat/wechat-kit.js';

const FILE_REGION = loadRegion(PATHS.region);
const fileOffice = (id: string) => {
  const { id: _id, ...office } = FILE_REGION.offices.find((o) => o.id === id)!;
  return office as Omit<Office, 'id'>;
};
/** Test-only contacts: 0000- numbers and an example.invalid source exist nowhere. */
const FAKE_PHONE = '0000-0000123';
const FAKE_SOURCE = 'https://example.invalid/test-only';
const WHERE_NOTARY = '清远市公证处的联系电话是多少';

describe('the service directory', () => {
  let h: ServerHarness;
  let admin: string;
  let supervisor: string;
  beforeAll(async () => {
    h = await startServer();
    admin = await h.login('boss', 'admin');
    supervisor = await h.login('sup', 'supervisor');
  });
  afterAll(async () => h?.close());

  it('answers 401 without a token, 403 for agents and lawyers; supervisors read, only admins edit', async () => {
    const body = fileOffice('city-notary');
    expect((await h.request('GET', '/api/v1/directory')).status).toBe(401);
    expect((await h.request('PUT', '/api/v1/directory/offices/city-notary', body)).status).toBe(401);
    for (const role of ['agent', 'lawyer'] as const) {
      const token = await h.login(`${role}-dir`, role);
      expect((await h.request('GET', '/api/v1/directory', undefined, token)).status).toBe(403);
      expect((await h.request('PUT', '/api/v1/directory/offices/city-notary', body, token)).status).toBe(403);
    }
    expect((await h.request('PUT', '/api/v1/directory/offices/city-notary', body, supervisor)).status).toBe(403);
    const list = await h.request('GET', '/api/v1/directory', undefined, supervisor);
    expect(list.status).toBe(200);
    expect(list.body.offices.map((o: Office) => o.id)).toEqual(FILE_REGION.offices.map((o) => o.id));
    expect(list.body.offices[0].edited).toBeNull();
    expect(list.body.counties).toHaveLength(FILE_REGION.counties.length);
    expect(list.body.kinds.notary).toBe('公证处');
  });

  it.each([
    ['city-notary', /phone\.confirmed: Required/, { ...fileOffice('city-notary'), phone: { value: FAKE_PHONE } }],
    ['city-notary', /phone: confirmed is true but value is null/, { ...fileOffice('city-notary'), phone: { value: null, confirmed: true } }],
    ['city-notary', /phone\.source: Invalid url/, { ...fileOffice('city-notary'), phone: { value: FAKE_PHONE, confirmed: false, source: 'a notice' } }],
    ['city-notary', /kind: Invalid enum value/, { ...fileOffice('city-notary'), kind: 'bakery' }],
    ['city-notary', /Unrecognized key\(s\) in object: 'fax'/, { ...fileOffice('city-notary'), fax: '1' }],
    ['new-office', /county: unknown county id "atlantis"/, { ...fileOffice('yangshan-notary'), county: 'atlantis' }],
    ['new-office', /county: county is required exactly when level is "county"/, { ...fileOffice('city-notary'), county: 'yangshan' }],
    ['New Office', /id: expected a lowercase slug/, fileOffice('city-notary')],
    ['city-notary', /services\.0/, { ...fileOffice('city-notary'), services: [''] }],
  ])('answers 400 naming the field: office %s → %s', async (id, error, body) => {
    const res = await h.request('PUT', `/api/v1/directory/offices/${encodeURIComponent(id)}`, body, admin);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(error);
  });

  it('an edited phone is in the next where-to-go answer on every channel, marked for 12348 until confirmed; audited', async () => {
    const before = await h.request('POST', '/api/v1/ask', { text: WHERE_NOTARY });
    expect(before.body.intent).toBe('institution_lookup');
    expect(before.body.answer).toContain('清远市公证处');
    expect(before.body.answer).not.toContain(FAKE_PHONE);

    const unconfirmed = { ...fileOffice('city-notary'), phone: { value: FAKE_PHONE, confirmed: false, source: FAKE_SOURCE, sourceDate: '2099-01' }, services: ['办理公证'] };
    const put = await h.request('PUT', '/api/v1/directory/offices/city-notary', unconfirmed, admin);
    expect(put.status).toBe(200);
    expect(put.body.previous.phone).toEqual({ value: null, confirmed: false });
    expect(put.body.office).toMatchObject({ id: 'city-notary', phone: { value: FAKE_PHONE }, edited: { by: 'boss' } });

    const api = (await h.request('POST', '/api/v1/ask', { text: WHERE_NOTARY })).body.answer as string;
    expect(api).toContain(`${FAKE_PHONE}（2099-01公布，未经核实，请先拨打12348核实）`);
    expect(api).toContain('服务：办理公证');
    const citizen = await directLineCitizen(h);
    const chat = (await citizen.say(WHERE_NOTARY)).map((a) => a.text ?? '').join('\n');
    expect(chat).toContain(`${FAKE_PHONE}（2099-01公布，未经核实`);

    const confirmed = { ...unconfirmed, phone: { value: FAKE_PHONE, confirmed: true, source: FAKE_SOURCE, sourceDate: '2099-02-01' } };
    expect((await h.request('PUT', '/api/v1/directory/offices/city-notary', confirmed, admin)).status).toBe(200);
    const after = (await h.request('POST', '/api/v1/ask', { text: WHERE_NOTARY })).body.answer as string;
    expect(after).toContain(`电话：${FAKE_PHONE}\n`);
    expect((await h.request('GET', '/api/v1/directory', undefined, supervisor)).body.offices.find((o: Office) => o.id === 'city-notary'))
      .toMatchObject({ phone: { value: FAKE_PHONE, confirmed: true }, edited: { by: 'boss' } });

    const audit = (await h.request('GET', '/api/v1/audit?action=staff_data.edit', undefined, admin)).body.entries
      .filter((e: any) => e.subject === 'office:city-notary');
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({ actor: 'boss', action: 'staff_data.edit', oldValue: { id: 'city-notary', phone: { value: null } }, newValue: { phone: { value: FAKE_PHONE, confirmed: false } } });
    expect(audit[0]).toMatchObject({ oldValue: { phone: { confirmed: false } }, newValue: { phone: { confirmed: true } } });
  });

  it('eligibility\'s where-to-apply names an office staff added for a county at once', async () => {
    const check = { id: 'c1', matter: 'labour_remuneration', county: '阳山县', household: { size: 1, monthlyIncome: 1500 } };
    const before = (await h.request('POST', '/api/v1/eligibility', check)).body.whereToApply;
    expect(before.offices.map((o: { id: string }) => o.id)).not.toContain('yangshan-legal-aid-test');
    const office = {
      kind: 'legal_aid', level: 'county', county: 'yangshan', name: '测试用法律援助机构', nameConfirmed: false,
      address: { value: null, confirmed: false }, phone: { value: FAKE_PHONE, confirmed: false, source: FAKE_SOURCE }, hours: { value: null, confirmed: false },
    };
    const existing = FILE_REGION.offices.find((o) => o.kind === 'legal_aid' && o.county === 'yangshan');
    const id = existing?.id ?? 'yangshan-legal-aid-test';
    const res = await h.request('PUT', `/api/v1/directory/offices/${id}`, office, admin);
    expect(res.status).toBe(existing ? 200 : 201);
    const after = (await h.request('POST', '/api/v1/eligibility', check)).body;
    expect(after.whereToApply.offices[0]).toMatchObject({ id, name: '测试用法律援助机构', phone: { value: FAKE_PHONE, confirmed: false } });
    expect(after.whereToApply.confirmAdvice).toContain('12348');
  });
});

describe('the service directory on WeChat', () => {
  let stub: Awaited<ReturnType<typeof startCustomerServiceStub>>;
  let h: ServerHarness;
  beforeAll(async () => {
    stub = await startCustomerServiceStub();
    h = await startServer({ WECHAT_TOKEN: TOKEN, WECHAT_APPID: APPID, WECHAT_APPSECRET: 'secret', WECHAT_API_BASE: stub.base, WECHAT_REPLY_DEADLINE_MS: '4500' });
  });
  afterAll(async () => {
    await h?.close();
    await stub?.close();
  });

  it('answers where to go with the phone an admin just saved', async () => {
    const admin = await h.login('boss', 'admin');
    const office = { ...fileOffice('city-notary'), phone: { value: FAKE_PHONE, confirmed: false, source: FAKE_SOURCE, sourceDate: '2099-01' } };
    expect((await h.request('PUT', '/api/v1/directory/offices/city-notary', office, admin)).status).toBe(200);
    const openid = 'oDirectory_citizen_0001';
    const res = await fetch(`${h.base}/wechat?${new URLSearchParams(signedQuery({ openid }))}`, {
      method: 'POST', headers: { 'content-type': 'text/xml' }, body: textXml(WHERE_NOTARY, '620000000001', openid),
    });
    expect(res.status).toBe(200);
    const body = await res.text();
    // The passive reply, or (past the reply deadline) the customer-service message.
    const text = body && body !== 'success' ? replyFields(body).Content ?? '' : (await stub.send(0)).body.text.content;
    expect(text).toContain(FAKE_PHONE);
    expect(text).toContain('12348');
  });
});

/** A made-up case for the test: every fact in it is invented, its article is real (民法典 Art. 1245). */
const NEW_CASE = {
  year: 2026, yearBasis: 'published', title: '测试案例：饲养的宠物狗咬伤邻居儿童', caseName: null, publisher: null, publishedOn: null,
  topic: '侵权', keywords: ['宠物狗', '咬伤', '狂犬疫苗', '饲养人', '动物致害'],
  facts: '（测试用虚构案情）邻居饲养的宠物狗未拴绳，咬伤了一名儿童，家长为其注射狂犬疫苗后要求饲养人赔偿。',
  outcome: '（测试用）饲养人承担赔偿责任。', reasoning: null, significance: null,
  citedArticles: [{ law: '民法典', article: 1245 }], source: '测试数据',
};

describe('the case library', () => {
  let h: ServerHarness;
  let admin: string;
  let supervisor: string;
  const files = loadCases(PATHS.cases);
  beforeAll(async () => {
    h = await startServer();
    admin = await h.login('boss', 'admin');
    supervisor = await h.login('sup', 'supervisor');
  });
  afterAll(async () => h?.close());

  it('answers 401 without a token, 403 for agents and supervisors editing; supervisors read', async () => {
    expect((await h.request('GET', '/api/v1/cases')).status).toBe(401);
    expect((await h.request('POST', '/api/v1/cases', NEW_CASE)).status).toBe(401);
    const agent = await h.login('agent-c', 'agent');
    expect((await h.request('GET', '/api/v1/cases', undefined, agent)).status).toBe(403);
    expect((await h.request('POST', '/api/v1/cases', NEW_CASE, supervisor)).status).toBe(403);
    expect((await h.request('PUT', `/api/v1/cases/${files.cases[0]!.id}`, NEW_CASE, supervisor)).status).toBe(403);
    const list = await h.request('GET', '/api/v1/cases', undefined, supervisor);
    expect(list.status).toBe(200);
    expect(list.body.cases).toHaveLength(files.cases.length);
    expect(list.body.target).toBe(30);
    for (const y of files.perYear) expect(list.body.perYear).toContainEqual(y);
  });

  it.each([
    [/citedArticles\.0\.article: 民法典 has no article 99999/, { ...NEW_CASE, citedArticles: [{ law: '民法典', article: 99999 }] }],
    [/citedArticles\.1\.law: no statute titled "宠物法"/, { ...NEW_CASE, citedArticles: [{ law: '民法典', article: 1245 }, { law: '宠物法', article: 1 }] }],
    [/citedArticles\.0\.article: Expected number/, { ...NEW_CASE, citedArticles: [{ law: '民法典', article: '1245' }] }],
    [/keywords: Array must contain at least 5/, { ...NEW_CASE, keywords: ['狗'] }],
    [/topic: Invalid enum value/, { ...NEW_CASE, topic: '宠物' }],
    [/facts: String must contain at least 1/, { ...NEW_CASE, facts: '' }],
    [/year: Number must be greater than or equal to 1990/, { ...NEW_CASE, year: 1800 }],
    [/Unrecognized key\(s\) in object: 'id'/, { ...NEW_CASE, id: '2026-x-01' }],
  ])('answers 400 naming the field: %s', async (error, body) => {
    const res = await h.request('POST', '/api/v1/cases', body, admin);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(error);
  });

  it('adds a case under a new id, counts it in its year and in the overview, audits it, and answers cite it at once', async () => {
    const res = await h.request('POST', '/api/v1/cases', NEW_CASE, admin);
    expect(res.status).toBe(201);
    expect(res.body.case).toMatchObject({ ...NEW_CASE, id: '2026-staff-01', reviewed: null, edited: { by: 'boss' } });
    expect((await h.request('POST', '/api/v1/cases', { ...NEW_CASE, title: '测试案例二' }, admin)).body.case.id).toBe('2026-staff-02');

    const list = (await h.request('GET', '/api/v1/cases', undefined, supervisor)).body;
    expect(list.cases).toHaveLength(files.cases.length + 2);
    expect(list.perYear.find((y: { year: number }) => y.year === 2026)).toEqual({ year: 2026, count: 2 + files.cases.filter((c) => c.year === 2026).length, target: 30, shortfall: 28 - files.cases.filter((c) => c.year === 2026).length });
    const today = chinaDay(Date.now());
    const overview = (await h.request('GET', `/api/v1/stats/overview?from=${today}&to=${today}`, undefined, supervisor)).body;
    expect(overview.caseLibrary.byYear['2026']).toBe(2 + files.cases.filter((c) => c.year === 2026).length);
    for (const y of files.perYear.filter((p) => p.year !== 2026)) expect(overview.caseLibrary.byYear[String(y.year)]).toBe(y.count);

    const audit = (await h.request('GET', '/api/v1/audit?action=staff_data&actor=boss', undefined, admin)).body.entries;
    expect(audit.map((e: any) => e.subject)).toEqual(['case:2026-staff-02', 'case:2026-staff-01']);
    expect(audit[1]).toMatchObject({ oldValue: null, newValue: { id: '2026-staff-01', title: NEW_CASE.title } });

    const answer = (await h.request('POST', '/api/v1/ask', { text: '邻居家的宠物狗把我孩子咬伤了，打了狂犬疫苗，饲养人要不要赔' })).body;
    expect(answer.cases.map((c: { id: string }) => c.id)).toContain('2026-staff-01');
    expect(answer.answer).toContain(NEW_CASE.title);
  });

  it('edits a file\'s case: the old value audited is the file\'s; a case keeps its year; an unknown id is 404', async () => {
    const file = files.cases[0]!;
    const { id: _id, reviewed: _r, ...body } = file;
    const edited = { ...body, title: `${file.title}（已更正）` };
    const res = await h.request('PUT', `/api/v1/cases/${file.id}`, edited, admin);
    expect(res.status).toBe(200);
    expect(res.body.previous.title).toBe(file.title);
    expect(res.body.case).toMatchObject({ id: file.id, title: edited.title, edited: { by: 'boss' } });
    expect((await h.request('GET', '/api/v1/cases', undefined, supervisor)).body.cases.find((c: { id: string }) => c.id === file.id).title).toBe(edited.title);
    const [entry] = (await h.request('GET', '/api/v1/audit?action=staff_data', undefined, admin)).body.entries;
    expect(entry).toMatchObject({ subject: `case:${file.id}`, oldValue: { title: file.title }, newValue: { title: edited.title } });

    const moved = await h.request('PUT', `/api/v1/cases/${file.id}`, { ...body, year: file.year + 1 }, admin);
    expect(moved.status).toBe(400);
    expect(moved.body.error).toMatch(/^year: case .* belongs to/);
    expect((await h.request('PUT', '/api/v1/cases/2099-none-01', NEW_CASE, admin)).status).toBe(404);
  });
});

describe('GET /api/v1/audit', () => {
  let h: ServerHarness;
  let admin: string;
  beforeAll(async () => {
    h = await startServer();
    admin = await h.login('boss', 'admin');
  });
  afterAll(async () => h?.close());
  const login = (username: string, password: string) => h.request('POST', '/api/v1/auth/login', { username, password });
  const audit = async (query: string) => {
    const res = await h.request('GET', `/api/v1/audit?${query}`, undefined, admin);
    expect(res.status).toBe(200);
    return res.body.entries as Array<{ at: string; actor: string; action: string; subject: string | null; detail: any }>;
  };

  it('answers 401 without a token and 403 for every role but admin', async () => {
    expect((await h.request('GET', '/api/v1/audit')).status).toBe(401);
    for (const role of ['agent', 'lawyer', 'supervisor'] as const) {
      expect((await h.request('GET', '/api/v1/audit', undefined, await h.login(`${role}-au`, role))).status).toBe(403);
    }
  });

  it('lists logins, failures, the lock and the refusal it causes, never with the password', async () => {
    const PASSWORD = 'wrong-guess-7319';
    await h.accounts.addUser({ username: 'clerk', password: 'clerk-password', role: 'agent' });
    for (let i = 0; i < 5; i += 1) expect((await login('clerk', PASSWORD)).status).toBe(401);
    // Refused while locked: written once for the lock, however often the script tries.
    for (let i = 0; i < 3; i += 1) expect((await login('clerk', PASSWORD)).status).toBe(429);
    const entries = await audit('actor=clerk');
    expect(entries.map((e) => e.action)).toEqual(['login.refused', 'login.locked', 'login.failure', 'login.failure', 'login.failure', 'login.failure']);
    expect(entries[0]!.detail).toMatchObject({ ip: expect.any(String), reason: 'account_locked', retryAfterMs: expect.any(Number) });
    expect(entries[1]!.detail).toMatchObject({ lockedForMs: 30_000 });
    expect(JSON.stringify(await audit(''))).not.toContain(PASSWORD);
    // The admin's own login is there too.
    expect((await audit('action=login.success&actor=boss')).map((e) => e.action)).toEqual(['login.success']);
  });

  it('leaves the citizen\'s own hand-off steps out unless asked for by name', async () => {
    const citizen = await directLineCitizen(h);
    await citizen.say('转人工');
    const mine = await audit('actor=citizen&action=handoff');
    expect(mine.map((e) => e.action)).toContain('handoff.created');
    expect((await audit('action=handoff&limit=200')).filter((e) => e.actor === 'citizen')).toEqual([]);
  });

  it('lists hand-off events with their ticket', async () => {
    const agent = await h.login('agent-ho', 'agent');
    const res = await h.request('POST', '/api/v1/handoff/escalate', { summary: '来电咨询工伤认定', topic: '劳动纠纷' }, agent);
    expect(res.status).toBe(201);
    const entries = await audit('action=handoff&actor=agent-ho');
    expect(entries.length).toBeGreaterThanOrEqual(1);
    expect(entries.every((e) => e.action.startsWith('handoff.') && e.subject)).toBe(true);
    expect(entries.map((e) => e.action)).toContain('handoff.escalated');
  });

  it('lists staff-data changes with the old and the new value', async () => {
    const standard = { cityUrbanIncomePerYear: 48000, year: 2099, source: 'https://example.invalid/test-only' };
    expect((await h.request('PUT', '/api/v1/region/hardship-standard', standard, admin)).status).toBe(200);
    const [entry] = await audit('action=staff_data.edit');
    expect(entry).toMatchObject({ actor: 'boss', action: 'staff_data.edit', subject: 'hardship_standard', detail: null });
    expect((entry as any).oldValue).toBeNull();
    expect((entry as any).newValue).toEqual({ year: 2099, incomeFen: 4_800_000, source: standard.source });
  });

  it('filters by period and pages', async () => {
    const today = chinaDay(Date.now());
    const all = await audit('limit=200');
    expect(all.length).toBeGreaterThan(3);
    expect(await audit(`from=${today}&to=${today}&limit=200`)).toEqual(all);
    expect(await audit('from=2000-01-01&to=2000-01-31')).toEqual([]);
    const first = (await h.request('GET', '/api/v1/audit?limit=2', undefined, admin)).body;
    expect(first).toMatchObject({ limit: 2, offset: 0, nextOffset: 2 });
    const second = (await h.request('GET', '/api/v1/audit?limit=2&offset=2', undefined, admin)).body;
    expect([...first.entries, ...second.entries]).toEqual(all.slice(0, 4));
    const last = (await h.request('GET', `/api/v1/audit?limit=2&offset=${all.length - 1}`, undefined, admin)).body;
    expect(last.nextOffset).toBeNull();
  });

  it.each([
    ['action=bogus', /action: the family must be one of/],
    ['action=login.maybe', /action: unknown event/],
    ['action=LOGIN', /action: expected a family/],
    ['from=2026-02-30', /from: must be a real calendar date/],
    ['from=2026-12-02&to=2026-12-01', /to: must not be before from/],
    ['limit=0', /limit: Number must be greater than or equal to 1/],
    ['limit=abc', /limit: expected a number/],
    ['offset=-1', /offset: /],
    ['actor=', /actor: must not be empty/],
    ['actor=a&actor=b', /actor: /],
    ['user=boss', /Unrecognized key\(s\) in object: 'user'/],
  ])('answers 400 naming the parameter for ?%s', async (query, error) => {
    const res = await h.request('GET', `/api/v1/audit?${query}`, undefined, admin);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(error);
  });
});
