/**
 * Contract suites of the workspace's stores, against every backend: answer feedback, the hardship standard and
 * its audit, the service log, and the overview's aggregates over a period and a county.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createFeedbackRepository } from '../../src/storage/repositories/feedback-repository.js';
import { createHardshipStandardRepository, HARDSHIP_SUBJECT } from '../../src/storage/repositories/hardship-standard-repository.js';
import { rebuildConsultationRollup } from '../../src/storage/consultation-rollup.js';
import { createOverviewRepository } from '../../src/storage/repositories/overview-repository.js';
import { createServiceLogRepository, type ConsultationRow } from '../../src/storage/repositories/service-log-repository.js';
import type { SqlClient } from '../../src/storage/sql-client.js';
import { forEachBackend } from '../support/test-databases.js';

const DEC1 = Date.parse('2026-12-01T00:00:00+08:00');
const DEC2 = DEC1 + 86_400_000;
const YINGDE = ['英德市', '英德', 'yingde'];
const period = { fromDay: '2026-12-01', toDay: '2026-12-02', fromMs: DEC1, toMs: DEC2 + 86_400_000 };

forEachBackend('answer feedback store contract', (backend) => {
  let sql: SqlClient;
  beforeEach(async () => { sql = await backend.open(); });
  afterEach(async () => sql.close());

  it('stores votes and counts them by day, and by the county the conversation asked about', async () => {
    const repo = createFeedbackRepository(sql);
    const vote = (conversationId: string | null, helpful: boolean, day: string) =>
      repo.insert({ conversationId, question: '狗咬人谁负责', helpful, comment: null, createdAt: DEC1, day });
    const first = await vote('c1', true, '2026-12-01');
    expect(await vote('c2', false, '2026-12-01')).toBeGreaterThan(first);
    await vote(null, false, '2026-12-02');
    await vote('c1', true, '2026-11-30'); // outside the period
    expect(await repo.counts({ from: '2026-12-01', to: '2026-12-02' })).toEqual({ helpful: 1, notHelpful: 2 });
    await createServiceLogRepository(sql).addConsultation({
      at: DEC1, day: '2026-12-01', channelId: 'directline', conversationId: 'c1', intent: 'consult', topic: '侵权', county: '英德市', outcome: 'bot',
    });
    expect(await repo.counts({ from: '2026-12-01', to: '2026-12-02', county: YINGDE })).toEqual({ helpful: 1, notHelpful: 0 });
    expect(await repo.counts({ from: '2026-12-03', to: '2026-12-31' })).toEqual({ helpful: 0, notHelpful: 0 });
  });
});

forEachBackend('hardship standard store contract', (backend) => {
  let sql: SqlClient;
  beforeEach(async () => { sql = await backend.open(); });
  afterEach(async () => sql.close());

  it('has no standard until one is set, then audits every change with who, when, old and new value', async () => {
    const repo = createHardshipStandardRepository(sql);
    expect(await repo.current()).toBeNull();
    const first = { year: 2025, incomeFen: 4_500_012, source: 'https://example.gov.cn/a', updatedBy: 'boss', updatedAt: DEC1 };
    expect(await repo.set(first)).toBeNull();
    expect(await repo.current()).toEqual(first);
    const second = { year: 2026, incomeFen: 4_800_000, source: 'https://example.gov.cn/b', updatedBy: 'chief', updatedAt: DEC2 };
    expect(await repo.set(second)).toEqual(first);
    expect(await repo.current()).toEqual(second);
    const audit = await repo.audit(HARDSHIP_SUBJECT);
    expect(audit.map((a) => [a.actor, a.at])).toEqual([['boss', DEC1], ['chief', DEC2]]);
    expect(audit[0]!.oldValue).toBeNull();
    expect(JSON.parse(audit[0]!.newValue!)).toEqual({ year: 2025, incomeFen: 4_500_012, source: 'https://example.gov.cn/a' });
    expect(JSON.parse(audit[1]!.oldValue!)).toEqual(JSON.parse(audit[0]!.newValue!));
    expect(JSON.parse(audit[1]!.newValue!)).toMatchObject({ year: 2026, incomeFen: 4_800_000 });
  });

  it('a standard one process sets is the one another process reads next (no cache to go stale)', async () => {
    const { a, b, close } = await backend.openTwo();
    try {
      expect(await createHardshipStandardRepository(b).current()).toBeNull();
      await createHardshipStandardRepository(a).set({ year: 2099, incomeFen: 4_800_000, source: 'https://example.invalid/x', updatedBy: 'boss', updatedAt: DEC1 });
      expect((await createHardshipStandardRepository(b).current())?.incomeFen).toBe(4_800_000);
    } finally {
      await close();
    }
  });

  it('orders concurrent changes: each audit row replaces the value before it', async () => {
    const repo = createHardshipStandardRepository(sql);
    await Promise.all([1, 2, 3, 4].map((i) => repo.set({ year: 2020 + i, incomeFen: i * 100, source: `https://example.gov.cn/${i}`, updatedBy: `a${i}`, updatedAt: DEC1 + i })));
    const audit = await repo.audit(HARDSHIP_SUBJECT);
    expect(audit).toHaveLength(4);
    for (let i = 1; i < audit.length; i++) expect(audit[i]!.oldValue).toBe(audit[i - 1]!.newValue);
  });
});

forEachBackend('service log and overview aggregates contract', (backend) => {
  let sql: SqlClient;
  beforeEach(async () => { sql = await backend.open(); });
  afterEach(async () => sql.close());

  const consultation = (over: Partial<ConsultationRow>): ConsultationRow => ({
    at: DEC1, day: '2026-12-01', channelId: 'directline', conversationId: 'c1', intent: 'consult', topic: '劳动纠纷', county: null, outcome: 'bot', ...over,
  });

  it('counts conversations by channel, topic, county and day, and questions by outcome', async () => {
    const log = createServiceLogRepository(sql);
    await log.addConsultation(consultation({ county: '英德市' }));
    await log.addConsultation(consultation({ county: '英德市', outcome: 'clarified' })); // same conversation: counted once
    await log.addConsultation(consultation({ conversationId: 'c2', channelId: 'wechat', topic: '婚姻家庭', outcome: 'unanswered' }));
    await log.addConsultation(consultation({ conversationId: 'c3', day: '2026-12-02', at: DEC2, outcome: 'handed_off', county: '清城区' }));
    await log.addConsultation(consultation({ conversationId: 'old', day: '2026-11-30', at: DEC1 - 1 }));
    await log.addEligibilityCheck({ at: DEC1, day: '2026-12-01', channelId: 'api', conversationId: null, county: '英德市', decision: 'eligible', meansTest: 'passed' });
    const rows = await createOverviewRepository(sql).overview(period, 30_000);
    expect(rows.consultations.total).toBe(3);
    expect(rows.consultations.byChannel).toEqual([{ key: 'directline', n: 2 }, { key: 'wechat', n: 1 }]);
    expect(new Map(rows.consultations.byTopic.map((r) => [r.key, r.n]))).toEqual(new Map([['劳动纠纷', 2], ['婚姻家庭', 1]]));
    expect(new Map(rows.consultations.byCounty.map((r) => [r.key, r.n]))).toEqual(new Map([[null, 1], ['英德市', 1], ['清城区', 1]]));
    expect(rows.consultations.byDay).toEqual([{ key: '2026-12-01', n: 2 }, { key: '2026-12-02', n: 1 }]);
    expect(new Map(rows.outcomes.map((r) => [r.key, r.n]))).toEqual(new Map([['bot', 1], ['clarified', 1], ['unanswered', 1], ['handed_off', 1]]));
    expect(rows.eligibilityChecks).toBe(1);

    const yingde = await createOverviewRepository(sql).overview({ ...period, county: YINGDE }, 30_000);
    expect(yingde.consultations.total).toBe(1);
    expect(yingde.outcomes.reduce((a, r) => a + r.n, 0)).toBe(2);
    expect(yingde.eligibilityChecks).toBe(1);
  });

  it('measures hand-off waits, abandoned requests, ratings and pre-applications in the period (tickets keep the county id)', async () => {
    const ticket = (id: string, created: number, assigned: number | null, status: string, county: string | null) => sql.run(
      `INSERT INTO handoff_tickets (id, channel_id, conversation_id, reason, status, priority, language, summary, transcript, created_at, assigned_at, county)
       VALUES (?, 'directline', ?, 'citizen_request', ?, 0, 'mandarin', '{}', '[]', ?, ?, ?)`, [id, id, status, created, assigned, county]);
    await ticket('t1', DEC1, DEC1 + 10_000, 'closed', 'yingde');
    await ticket('t2', DEC1, DEC1 + 20_000, 'closed', null);
    await ticket('t3', DEC1, DEC1 + 90_000, 'assigned', null);
    await ticket('t4', DEC2, null, 'cancelled', 'yingde');
    await ticket('t5', DEC1 - 1, DEC1, 'closed', null); // before the period
    await sql.run('INSERT INTO handoff_ratings (ticket_id, county, score, created_at) VALUES (?, ?, ?, ?)', ['t1', 'yingde', 5, DEC1 + 60_000]);
    await sql.run('INSERT INTO handoff_ratings (ticket_id, county, score, created_at) VALUES (?, ?, ?, ?)', ['t2', null, 2, DEC1 + 60_000]);
    const pre = (ref: string, status: string, county: string | null) => sql.run(
      `INSERT INTO preapplications (reference, name, phone, county, matter, summary, eligibility, status, conversation_id, channel_id, created_at, updated_at)
       VALUES (?, '某', '136', ?, 'labour_remuneration', '', '{}', ?, 'c', 'directline', ?, ?)`, [ref, county, status, DEC1, DEC1]);
    await pre('LA-1', 'submitted', '英德市');
    await pre('LA-2', 'submitted', null);
    await pre('LA-3', 'accepted', null);

    const rows = await createOverviewRepository(sql).overview(period, 30_000);
    expect(rows.handoff).toEqual({ requests: 4, accepted: 3, acceptedWithin: 2, waitMedianMs: 20_000, waitP90Ms: 90_000, abandoned: 1 });
    expect(rows.ratings).toEqual({ n: 2, avg: 3.5, atLeast4: 1 });
    expect(rows.preapplicationsByStatus).toEqual([{ key: 'accepted', n: 1 }, { key: 'submitted', n: 2 }]);

    const yingde = await createOverviewRepository(sql).overview({ ...period, county: YINGDE }, 30_000);
    expect(yingde.handoff).toEqual({ requests: 2, accepted: 1, acceptedWithin: 1, waitMedianMs: 10_000, waitP90Ms: 10_000, abandoned: 1 });
    expect(yingde.ratings).toEqual({ n: 1, avg: 5, atLeast4: 1 });
    expect(yingde.preapplicationsByStatus).toEqual([{ key: 'submitted', n: 1 }]);
  });
});

forEachBackend('dashboard aggregates contract', (backend) => {
  let sql: SqlClient;
  beforeEach(async () => { sql = await backend.open(); });
  afterEach(async () => sql.close());

  const ticket = (id: string, reason: string, status: string, created: number, assigned: number | null, county: string | null = null) => sql.run(
    `INSERT INTO handoff_tickets (id, channel_id, conversation_id, reason, status, priority, language, summary, transcript, created_at, assigned_at, county)
     VALUES (?, 'directline', ?, ?, ?, 0, 'mandarin', '{}', '[]', ?, ?, ?)`, [id, `conv-${id}`, reason, status, created, assigned, county]);

  it('counts intents, emergencies and what followed, callbacks with their close time, decisions and comments', async () => {
    const log = createServiceLogRepository(sql);
    const base = { at: DEC1, day: '2026-12-01', channelId: 'directline', topic: null, county: '英德市', outcome: 'handed_off' as const };
    await log.addConsultation({ ...base, conversationId: 'e1', intent: 'consult', risk: 'emergency' });
    await log.addConsultation({ ...base, conversationId: 'e2', intent: 'consult', risk: 'emergency', county: '清城区' });
    await log.addConsultation({ ...base, conversationId: 'a1', intent: 'legal_aid', outcome: 'bot' });
    await log.addEligibilityCheck({ at: DEC1, day: '2026-12-01', channelId: 'api', conversationId: null, county: '英德市', decision: 'eligible', meansTest: 'passed' });
    await log.addEligibilityCheck({ at: DEC1, day: '2026-12-01', channelId: 'api', conversationId: null, county: null, decision: 'needs_review', meansTest: 'unknown' });
    await ticket('t1', 'emergency', 'closed', DEC1, DEC1 + 5_000, 'yingde');
    await ticket('t2', 'emergency', 'cancelled', DEC1, null, 'qingcheng');
    await ticket('t3', 'citizen_request', 'callback', DEC1, null, 'yingde');
    await sql.run('INSERT INTO handoff_callbacks (ticket_id, phone, topic, county, created_at, status, closed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ['t3', '139', null, 'yingde', DEC1, 'done', DEC1 + 3_600_000]);
    await sql.run('INSERT INTO handoff_callbacks (ticket_id, phone, topic, county, created_at) VALUES (?, ?, ?, ?, ?)', ['t3', '139', null, 'yingde', DEC1]);
    await sql.run('INSERT INTO handoff_ratings (ticket_id, county, score, comment, created_at) VALUES (?, ?, ?, ?, ?)', ['t1', 'yingde', 5, '很及时', DEC1 + 60_000]);
    await createFeedbackRepository(sql).insert({ conversationId: 'a1', question: '问', helpful: false, comment: '没说清楚', createdAt: DEC1 + 120_000, day: '2026-12-01' });
    const pre = (ref: string, matter: string, county: string | null) => sql.run(
      `INSERT INTO preapplications (reference, name, phone, county, matter, summary, eligibility, status, conversation_id, channel_id, created_at, updated_at)
       VALUES (?, '某', '136', ?, ?, '', '{}', 'accepted', 'c', 'directline', ?, ?)`, [ref, county, matter, DEC1, DEC1]);
    await pre('LA-1', 'labour_remuneration', '英德市');
    await pre('LA-2', 'support_payment', null);
    const history = (ref: string, to: string, at: number) => sql.run(
      'INSERT INTO preapplication_history (reference, at, actor, from_status, to_status) VALUES (?, ?, ?, ?, ?)', [ref, at, 'agent', null, to]);
    await history('LA-1', 'under_review', DEC1 + 1_000);
    await history('LA-1', 'accepted', DEC1 + 86_400_000);
    await history('LA-2', 'rejected', DEC1 + 2 * 86_400_000);

    const repo = createOverviewRepository(sql);
    const rows = await repo.overview(period, 30_000);
    expect(new Map(rows.consultations.byIntent.map((r) => [r.key, r.n]))).toEqual(new Map([['consult', 2], ['legal_aid', 1]]));
    expect(rows.emergencies).toEqual({ flagged: 2, byStatus: [{ key: 'cancelled', n: 1 }, { key: 'closed', n: 1 }], accepted: 1, acceptedWithin: 1 });
    expect(rows.callbacks).toEqual({ requested: 2, closed: [{ createdAt: DEC1, closedAt: DEC1 + 3_600_000 }] });
    expect(rows.eligibilityByDecision).toEqual([{ key: 'eligible', n: 1 }, { key: 'needs_review', n: 1 }]);
    expect(rows.preapplicationsByMatter).toEqual([{ key: 'labour_remuneration', n: 1 }, { key: 'support_payment', n: 1 }]);
    expect(rows.decisions).toEqual({ n: 2, medianMs: 86_400_000, p90Ms: 2 * 86_400_000 });
    expect(rows.comments.map((c) => [c.source, c.comment, c.channelId, c.conversationId])).toEqual([
      ['feedback', '没说清楚', null, 'a1'], ['rating', '很及时', 'directline', 'conv-t1']]);

    const yingde = await repo.overview({ ...period, county: YINGDE }, 30_000);
    expect(yingde.emergencies).toEqual({ flagged: 1, byStatus: [{ key: 'closed', n: 1 }], accepted: 1, acceptedWithin: 1 });
    expect(yingde.decisions).toEqual({ n: 1, medianMs: 86_400_000, p90Ms: 86_400_000 });
    expect(yingde.comments).toHaveLength(2); // the vote's conversation asked about 英德
    const qingcheng = await repo.overview({ ...period, county: ['清城区', '清城', 'qingcheng'] }, 30_000);
    expect(qingcheng.comments).toEqual([]);
    expect(qingcheng.callbacks).toEqual({ requested: 0, closed: [] });
  });
});

forEachBackend('consultation rollup contract', (backend) => {
  let sql: SqlClient;
  beforeEach(async () => { sql = await backend.open(); });
  afterEach(async () => sql.close());

  const rollup = async () => (await sql.all<{ kind: string; county: string; day: string; key: string; conversations: number; questions: number }>(
    'SELECT kind, county, day, key, conversations, questions FROM consultation_rollup ORDER BY kind, county, day, key'))
    .map((r) => ({ ...r, conversations: Number(r.conversations), questions: Number(r.questions) }));

  it('keeps, question by question, the counts a rebuild from the logged questions computes', async () => {
    const log = createServiceLogRepository(sql);
    const q = (over: Partial<ConsultationRow>): ConsultationRow => ({
      at: DEC1, day: '2026-12-01', channelId: 'directline', conversationId: 'c1', intent: 'consult', topic: '劳动纠纷', county: null, outcome: 'bot', ...over,
    });
    // c1 names its county in the second question and asks again the next day; c1 on WeChat is another conversation.
    await log.addConsultation(q({}));
    await log.addConsultation(q({ at: DEC1 + 1, county: '英德市', outcome: 'clarified' }));
    await log.addConsultation(q({ at: DEC2, day: '2026-12-02', county: '英德市', topic: '婚姻家庭', risk: 'emergency', outcome: 'handed_off' }));
    await log.addConsultation(q({ channelId: 'wechat', intent: 'legal_aid', topic: null }));
    const kept = await rollup();
    const city = (kind: string) => kept.filter((r) => r.kind === kind && r.county === '*').map((r) => [r.day, r.key, r.conversations, r.questions]);
    expect(city('total')).toEqual([['2026-12-01', '', 2, 3], ['2026-12-02', '', 0, 1]]);
    expect(city('day')).toEqual([['2026-12-01', '2026-12-01', 2, 3], ['2026-12-02', '2026-12-02', 1, 1]]);
    expect(city('county')).toEqual([['2026-12-01', '', 2, 2], ['2026-12-01', '英德市', 1, 1], ['2026-12-02', '英德市', 0, 1]]);
    expect(kept.filter((r) => r.kind === 'total' && r.county === '英德市').map((r) => [r.day, r.conversations])).toEqual([['2026-12-01', 1], ['2026-12-02', 0]]);
    expect(city('risk')).toEqual([['2026-12-01', '', 0, 3], ['2026-12-02', 'emergency', 0, 1]]);

    await rebuildConsultationRollup(sql);
    expect(await rollup()).toEqual(kept);
    const rows = await createOverviewRepository(sql).overview(period, 30_000);
    expect(rows.consultations.total).toBe(2);
    expect(new Map(rows.consultations.byTopic.map((r) => [r.key, r.n]))).toEqual(new Map([[null, 1], ['劳动纠纷', 1], ['婚姻家庭', 1]]));
    expect(rows.emergencies.flagged).toBe(1);
  });
});
