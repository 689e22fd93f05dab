/**
 * The workspace API on the real server: answer feedback (anyone), the hardship standard (admin; eligibility uses
 * it at once), and the overview (admin, supervisor), which counts the conversations, hand-offs, ratings and votes
 * this test makes itself.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PATHS } from '../../src/config/paths.js';
import { createAnswerFeedback } from '../../src/feedback/answer-feedback.js';
import { createLogger } from '../../src/logging/logger.js';
import { createFeedbackRepository } from '../../src/storage/repositories/feedback-repository.js';
import { createHardshipStandardRepository, HARDSHIP_SUBJECT } from '../../src/storage/repositories/hardship-standard-repository.js';
import { memoryStateDatabase } from '../../src/storage/sqlite/memory-state-database.js';
import { chinaDay } from '../../src/stats/china-day.js';
import { directLineCitizen, DUTY_LAWYER, startServer, type ServerHarness } from '../support/server-harness.js';

/** A test-only figure (not Qingyuan's): 48,000 yuan a year puts the 50 % line at 2,000 yuan a month per person. */
const TEST_STANDARD = { cityUrbanIncomePerYear: 48000, year: 2099, source: 'https://example.invalid/test-only' };
const LOW_INCOME = { id: 'low', matter: 'labour_remuneration', household: { size: 1, monthlyIncome: 1500 } };

describe('POST /api/v1/feedback', () => {
  let h: ServerHarness;
  beforeAll(async () => { h = await startServer(); });
  afterAll(async () => h?.close());

  it('stores a vote from anyone, without a token', async () => {
    const res = await h.request('POST', '/api/v1/feedback', { conversationId: 'c1', question: '狗咬人谁负责', helpful: false, comment: '没说到点子上' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ id: expect.any(Number) });
    expect((await h.request('POST', '/api/v1/feedback', { question: '离婚怎么办', helpful: true })).status).toBe(201);
    const today = chinaDay(Date.now());
    expect(await createFeedbackRepository(h.state.sql).counts({ from: today, to: today })).toEqual({ helpful: 1, notHelpful: 1 });
  });

  it.each([
    [{ helpful: true }, /question: required/],
    [{ question: '  ', helpful: true }, /question: must not be empty/],
    [{ question: '问', helpful: 'yes' }, /helpful: expected true or false/],
    [{ question: '问' }, /helpful: required/],
    [{ question: '问', helpful: true, conversationId: 5 }, /conversationId: expected a string/],
    [{ question: '问', helpful: true, comment: 'x'.repeat(1001) }, /comment/],
    [{ question: '问', helpful: true, score: 5 }, /score/],
  ])('answers 400 naming the field for %j', async (body, error) => {
    const res = await h.request('POST', '/api/v1/feedback', body);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(error);
  });

  it('logs the vote with the question masked', async () => {
    const lines: string[] = [];
    const feedback = createAnswerFeedback(createFeedbackRepository(memoryStateDatabase()), createLogger('info', (l) => lines.push(l)));
    await feedback.record({ question: '我叫张三丰，电话13812345678，狗咬了我', helpful: false });
    expect(lines.join('')).toContain('answer feedback');
    expect(lines.join('')).not.toMatch(/13812345678|张三丰/);
  });
});

describe('PUT /api/v1/region/hardship-standard', () => {
  let h: ServerHarness;
  let admin: string;
  beforeAll(async () => {
    h = await startServer();
    admin = await h.login('boss', 'admin');
  });
  afterAll(async () => h?.close());

  it('answers 401 without a token and 403 for other roles; supervisors read it', async () => {
    expect((await h.request('PUT', '/api/v1/region/hardship-standard', TEST_STANDARD)).status).toBe(401);
    expect((await h.request('GET', '/api/v1/region/hardship-standard')).status).toBe(401);
    for (const role of ['agent', 'lawyer', 'supervisor'] as const) {
      const token = await h.login(`${role}-hs`, role);
      expect((await h.request('PUT', '/api/v1/region/hardship-standard', TEST_STANDARD, token)).status).toBe(403);
      expect((await h.request('GET', '/api/v1/region/hardship-standard', undefined, token)).status).toBe(role === 'supervisor' ? 200 : 403);
    }
  });

  it.each([
    [{ ...TEST_STANDARD, cityUrbanIncomePerYear: -1 }, /cityUrbanIncomePerYear: must be more than 0/],
    [{ ...TEST_STANDARD, cityUrbanIncomePerYear: '48000' }, /cityUrbanIncomePerYear: expected a number/],
    [{ ...TEST_STANDARD, cityUrbanIncomePerYear: 48000.123 }, /cityUrbanIncomePerYear: must have at most two decimals/],
    [{ cityUrbanIncomePerYear: 48000, source: TEST_STANDARD.source }, /year: required/],
    [{ ...TEST_STANDARD, year: 2025.5 }, /year: must be a whole year/],
    [{ ...TEST_STANDARD, source: '统计公报' }, /source: must be a URL/],
    [{ ...TEST_STANDARD, note: 'x' }, /note/],
  ])('answers 400 naming the field for %j', async (body, error) => {
    const res = await h.request('PUT', '/api/v1/region/hardship-standard', body, admin);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(error);
  });

  it('has no default: until an admin sets it the means test is unknown; after, a low income passes at once', async () => {
    expect((await h.request('GET', '/api/v1/region/hardship-standard', undefined, admin)).body).toEqual({ standard: null });
    const before = await h.request('POST', '/api/v1/eligibility', LOW_INCOME);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ meansTest: 'unknown', decision: 'needs_review' });

    const set = await h.request('PUT', '/api/v1/region/hardship-standard', TEST_STANDARD, admin);
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ standard: { ...TEST_STANDARD, updatedBy: 'boss', updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) }, previous: null });

    const after = await h.request('POST', '/api/v1/eligibility', LOW_INCOME);
    expect(after.body).toMatchObject({ meansTest: 'passed', decision: 'eligible' });
    expect(after.body.codes).toContain('means.standard_config');
    expect(JSON.stringify(after.body.reasons)).toContain('2099');
    // Above the line it fails: the figure, not a default, decides.
    expect((await h.request('POST', '/api/v1/eligibility', { ...LOW_INCOME, household: { size: 1, monthlyIncome: 2500 } })).body.meansTest).toBe('failed');
    expect((await h.request('GET', '/api/v1/region/hardship-standard', undefined, admin)).body.standard).toMatchObject(TEST_STANDARD);
  });

  it('audits every change: who, when, the old and the new value', async () => {
    const next = { ...TEST_STANDARD, cityUrbanIncomePerYear: 50000.5, year: 2100 };
    const res = await h.request('PUT', '/api/v1/region/hardship-standard', next, admin);
    expect(res.body.previous).toMatchObject(TEST_STANDARD);
    const audit = await createHardshipStandardRepository(h.state.sql).audit(HARDSHIP_SUBJECT);
    const last = audit.at(-1)!;
    expect(last.actor).toBe('boss');
    expect(last.at).toBeGreaterThan(Date.now() - 60_000);
    expect(JSON.parse(last.oldValue!)).toEqual({ year: 2099, incomeFen: 4_800_000, source: TEST_STANDARD.source });
    expect(JSON.parse(last.newValue!)).toEqual({ year: 2100, incomeFen: 5_000_050, source: TEST_STANDARD.source });
  });
});

describe('GET /api/v1/stats/overview', () => {
  let h: ServerHarness;
  let admin: string;
  let supervisor: string;
  const today = chinaDay(Date.now());
  beforeAll(async () => {
    h = await startServer();
    admin = await h.login('boss', 'admin');
    supervisor = await h.login('sup', 'supervisor');
  });
  afterAll(async () => h?.close());

  it('answers 401 without a token and 403 for agents and lawyers; supervisors may read it and nothing else', async () => {
    expect((await h.request('GET', '/api/v1/stats/overview')).status).toBe(401);
    expect((await h.request('GET', '/api/v1/stats/overview', undefined, await h.login('agent1', 'agent'))).status).toBe(403);
    expect((await h.request('GET', '/api/v1/stats/overview', undefined, await h.login('duty9', 'lawyer'))).status).toBe(403);
    expect((await h.request('GET', '/api/v1/stats/overview', undefined, supervisor)).status).toBe(200);
    expect((await h.request('GET', '/api/v1/stats/handoff', undefined, supervisor)).status).toBe(403);
    expect((await h.request('PUT', '/api/v1/region/hardship-standard', TEST_STANDARD, supervisor)).status).toBe(403);
    expect((await h.request('GET', '/api/v1/handoff/queue', undefined, supervisor)).status).toBe(403);
  });

  it.each([
    ['from=2026-13-01&to=2026-12-31', /from: must be a (date|real calendar date)/],
    ['from=yesterday', /from: must be a date YYYY-MM-DD/],
    ['from=2026-12-01&to=2026-02-30', /to: must be a real calendar date/],
    ['from=2026-12-31&to=2026-12-01', /to: must not be before from/],
    ['from=2020-01-01&to=2026-12-31', /from: the period may span at most/],
    ['county=纽约', /county: unknown county-level unit "纽约"/],
    ['from=2026-12-01&from=2026-12-02', /from: /],
  ])('answers 400 naming the parameter for ?%s', async (query, error) => {
    const res = await h.request('GET', `/api/v1/stats/overview?${query}`, undefined, admin);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(error);
  });

  it('counts the conversations, hand-offs, ratings, votes and checks this test made', async () => {
    const lawyer = await h.login('duty1', 'lawyer');
    expect((await h.request('PUT', '/api/v1/handoff/roster', { lawyers: [DUTY_LAWYER] }, admin)).status).toBe(200);
    await h.request('PUT', '/api/v1/lawyers/me/presence', { status: 'online' }, lawyer);

    // Two conversations on Direct Line: one answered by the bot (in 英德), one handed off, accepted and rated 4.
    const asker = await directLineCitizen(h);
    await asker.say('我在英德的工厂上班，老板拖欠了三个月工资怎么办');
    await h.request('POST', '/api/v1/feedback', { conversationId: asker.conversationId, question: '老板拖欠工资怎么办', helpful: true });
    const caller = await directLineCitizen(h);
    await caller.say('转人工');
    const item = (await h.request('GET', '/api/v1/handoff/queue', undefined, lawyer)).body.queue.find((t: any) => t.channelId === 'directline');
    expect((await h.request('POST', `/api/v1/handoff/${item.id}/accept`, undefined, lawyer)).status).toBe(200);
    await h.request('POST', `/api/v1/handoff/${item.id}/close`, { returnToBot: true }, lawyer);
    await caller.read();
    await caller.say('4');
    await h.request('POST', '/api/v1/feedback', { question: '没用的回答', helpful: false });
    await h.request('POST', '/api/v1/eligibility', { ...LOW_INCOME, county: '英德市' });

    const res = await h.request('GET', `/api/v1/stats/overview?from=${today}&to=${today}`, undefined, supervisor);
    expect(res.status).toBe(200);
    const o = res.body;
    // The shape, in its order; the dashboard's additions come after it.
    expect(Object.keys(o)).toEqual(['consultations', 'answered', 'handoff', 'satisfaction', 'legalAid', 'caseLibrary', 'upkeep', 'emergencies']);
    expect(o.consultations).toMatchObject({ total: 2, byChannel: { directline: 2 }, byDay: [{ date: today, count: 2 }] });
    expect(o.consultations.byCounty['英德市']).toBe(1);
    expect(o.consultations.byTopic['劳动纠纷']).toBeGreaterThanOrEqual(1);
    expect(o.answered.handedOff).toBe(1);
    expect(o.answered.bot + o.answered.clarified + o.answered.unanswered).toBeGreaterThanOrEqual(1);
    expect(o.handoff).toMatchObject({ requests: 1, acceptedWithin30sShare: 1, abandoned: 0 });
    expect(o.handoff.waitMedianMs).toBeGreaterThanOrEqual(0);
    expect(o.handoff.waitP90Ms).toBeGreaterThanOrEqual(o.handoff.waitMedianMs);
    expect(o.satisfaction).toMatchObject({ ratings: 1, average: 4, helpful: 1, notHelpful: 1, shareAtLeast4: 1 });
    expect(o.legalAid).toMatchObject({ checks: 1, preapplications: 0, byStatus: {}, byMatter: {}, decided: 0, decisionMedianMs: null });
    expect(Object.values(o.legalAid.byDecision)).toEqual([1]);
    // The case library by year: as many cases as the year's folder holds files.
    const yearDirs = readdirSync(PATHS.cases).filter((d) => /^\d{4}$/.test(d));
    expect(o.caseLibrary).toEqual({ byYear: Object.fromEntries(yearDirs.map((y) => [y, readdirSync(join(PATHS.cases, y)).filter((f) => f.endsWith('.yaml')).length])), target: 30 });
    // The 没用 vote put its question in the knowledge-upkeep review queue; nothing was resolved yet.
    expect(o.upkeep).toEqual({ open: 1, resolved: 0, medianHoursToResolve: null });

    // One county: the hand-off's ticket has no county, the 英德 conversation and check count.
    const yingde = (await h.request('GET', `/api/v1/stats/overview?from=${today}&to=${today}&county=英德`, undefined, admin)).body;
    expect(yingde.consultations).toMatchObject({ total: 1, byCounty: { 英德市: 1 } });
    expect(yingde.satisfaction).toMatchObject({ helpful: 1, notHelpful: 0 });
    expect(yingde.legalAid.checks).toBe(1);

    // Another period counts none of it, every day listed.
    const before = (await h.request('GET', '/api/v1/stats/overview?from=2026-01-01&to=2026-01-03', undefined, admin)).body;
    expect(before.consultations).toEqual({ total: 0, byChannel: {}, byTopic: {}, byIntent: {}, byCounty: {}, byDay: [
      { date: '2026-01-01', count: 0 }, { date: '2026-01-02', count: 0 }, { date: '2026-01-03', count: 0 }] });
    expect(before.handoff).toEqual({ requests: 0, acceptedWithin30sShare: null, waitMedianMs: null, waitP90Ms: null, abandoned: 0, accepted: 0,
      callbacks: { requested: 0, closed: 0, closedWithinOneWorkingDay: 0, closedWithinOneWorkingDayShare: null } });
  });

  it('counts an emergency, answered with safety advice and queued for a lawyer, as handed off', async () => {
    const overview = async () => (await h.request('GET', `/api/v1/stats/overview?from=${today}&to=${today}`, undefined, admin)).body;
    const before = await overview();
    const citizen = await directLineCitizen(h);
    await citizen.say('我老公现在拿刀要砍我');
    const after = await overview();
    expect(after.consultations.total).toBe(before.consultations.total + 1);
    expect(after.answered.handedOff).toBe(before.answered.handedOff + 1);
    expect(after.handoff.requests).toBe(before.handoff.requests + 1);
  });
});
