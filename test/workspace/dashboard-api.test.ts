/**
 * What the dashboard adds to the overview, on the real server, from traffic this test makes itself: hand-offs asked
 * for inside the legal-aid check, POST /api/v1/ask under its own channel, emergencies and what followed, callbacks
 * closed within one working day, pre-applications by status and matter with the time to a decision, masked recent
 * comments; the CSV export; and transcripts, which only admins may open and every opening is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDay } from '../../src/stats/china-day.js';
import { oneWorkingDayAfter } from '../../src/stats/working-day.js';
import { directLineCitizen, DUTY_LAWYER, startServer, type ServerHarness } from '../support/server-harness.js';

const SNAPSHOT = { decision: 'eligible' as const, meansTest: 'passed', codes: [], reasons: [] };

describe('the dashboard\'s overview, CSV and transcripts', () => {
  let h: ServerHarness;
  let admin: string;
  let supervisor: string;
  let lawyer: string;
  const today = chinaDay(Date.now());
  const overview = async (extra = '') => {
    const res = await h.request('GET', `/api/v1/stats/overview?from=${today}&to=${today}${extra}`, undefined, supervisor);
    expect(res.status).toBe(200);
    return res.body;
  };
  const onDuty = (status: 'online' | 'offline') => h.request('PUT', '/api/v1/lawyers/me/presence', { status }, lawyer);

  beforeAll(async () => {
    h = await startServer();
    admin = await h.login('boss', 'admin');
    supervisor = await h.login('sup', 'supervisor');
    lawyer = await h.login('duty1', 'lawyer');
    expect((await h.request('PUT', '/api/v1/handoff/roster', { lawyers: [DUTY_LAWYER] }, admin)).status).toBe(200);
  });
  afterAll(async () => h?.close());

  it('counts a hand-off asked for inside the legal-aid check as handed off', async () => {
    await onDuty('online');
    const before = await overview();
    const citizen = await directLineCitizen(h);
    await citizen.say('我想申请法律援助');
    await citizen.say('转人工');
    const after = await overview();
    expect(after.handoff.requests).toBe(before.handoff.requests + 1);
    expect(after.answered.handedOff).toBe(before.answered.handedOff + 1);
    expect(after.consultations.byIntent.legal_aid).toBe((before.consultations.byIntent.legal_aid ?? 0) + 1);
    await onDuty('offline');
  });

  it('counts POST /api/v1/ask under the channel "api", one consultation per call, and its emergencies', async () => {
    const before = await overview();
    expect((await h.request('POST', '/api/v1/ask', { text: '公司拖欠我三个月工资怎么办' })).status).toBe(200);
    expect((await h.request('POST', '/api/v1/ask', { text: '我老公现在拿刀要砍我' })).status).toBe(200);
    expect((await h.request('POST', '/api/v1/ask', { text: '你好' })).status).toBe(200); // small talk: not counted
    const after = await overview();
    expect(after.consultations.total).toBe(before.consultations.total + 2);
    expect(after.consultations.byChannel.api).toBe((before.consultations.byChannel.api ?? 0) + 2);
    expect(after.consultations.byTopic['劳动纠纷']).toBe((before.consultations.byTopic['劳动纠纷'] ?? 0) + 1);
    // The API hands nothing off: its emergency got the safety advice alone.
    expect(after.emergencies.flagged).toBe(before.emergencies.flagged + 1);
    expect(after.emergencies.safetyAdviceOnly).toBe(before.emergencies.safetyAdviceOnly + 1);
    expect(after.answered.handedOff).toBe(before.answered.handedOff);
  });

  it('follows an emergency in chat to the duty lawyer who accepted it', async () => {
    await onDuty('online');
    const before = await overview();
    const citizen = await directLineCitizen(h);
    await citizen.say('他现在拿刀要砍我，我在英德');
    const item = (await h.request('GET', '/api/v1/handoff/queue', undefined, lawyer)).body.queue.find((t: any) => t.reason === 'emergency');
    expect(item).toBeDefined();
    expect((await h.request('POST', `/api/v1/handoff/${item.id}/accept`, undefined, lawyer)).status).toBe(200);
    const after = await overview();
    expect(after.emergencies).toMatchObject({
      flagged: before.emergencies.flagged + 1, handedOff: before.emergencies.handedOff + 1,
      accepted: before.emergencies.accepted + 1, acceptedWithin30s: before.emergencies.acceptedWithin30s + 1,
      safetyAdviceOnly: before.emergencies.safetyAdviceOnly,
    });
    await h.request('POST', `/api/v1/handoff/${item.id}/close`, {}, lawyer);
    await onDuty('offline');
  });

  it('counts callbacks left with nobody on duty, and those closed within one working day', async () => {
    const before = await overview();
    const citizen = await directLineCitizen(h);
    await citizen.say('我在清城区，公司拖欠我三个月工资');
    await citizen.say('转人工');
    await citizen.say('回电');
    await citizen.say('13912345678');
    await citizen.say('明天上午');
    const [open] = (await h.request('GET', '/api/v1/handoff/callbacks', undefined, lawyer)).body.callbacks;
    expect(open).toBeDefined();
    let after = await overview();
    expect(after.handoff.callbacks).toMatchObject({ requested: before.handoff.callbacks.requested + 1, closed: before.handoff.callbacks.closed });
    expect((await h.request('PUT', `/api/v1/handoff/callbacks/${open.id}`, { status: 'done' }, lawyer)).status).toBe(200);
    after = await overview();
    expect(after.handoff.callbacks.closed).toBe(before.handoff.callbacks.closed + 1);
    expect(after.handoff.callbacks.closedWithinOneWorkingDay).toBe(before.handoff.callbacks.closedWithinOneWorkingDay + 1);
    expect(after.handoff.callbacks.closedWithinOneWorkingDayShare).toBeGreaterThan(0);
  });

  it('counts pre-applications by status and matter, and the time to a decision', async () => {
    const make = (matter: 'labour_remuneration' | 'support_payment') => h.preapplications.create({
      name: '张某某', phone: '13812345678', county: '英德市', matter, summary: '测试', eligibility: SNAPSHOT, conversationId: 'c-pre', channelId: 'directline',
    });
    const decided = await make('labour_remuneration');
    await make('support_payment');
    await h.preapplications.changeStatus(decided.reference, 'under_review', 'agent1');
    await h.preapplications.changeStatus(decided.reference, 'accepted', 'agent1');
    const o = await overview();
    expect(o.legalAid).toMatchObject({ preapplications: 2, byStatus: { accepted: 1, submitted: 1 }, byMatter: { labour_remuneration: 1, support_payment: 1 }, decided: 1 });
    expect(o.legalAid.decisionMedianMs).toBeGreaterThanOrEqual(0);
    expect(o.legalAid.decisionP90Ms).toBe(o.legalAid.decisionMedianMs);
    const elsewhere = await overview('&county=连州');
    expect(elsewhere.legalAid).toMatchObject({ preapplications: 0, decided: 0, decisionMedianMs: null });
  });

  it('lists recent comments newest first, with personal data masked', async () => {
    await h.request('POST', '/api/v1/feedback', { question: '问1', helpful: false, comment: '我叫王小明，电话13812345678，没说清楚' });
    await h.request('POST', '/api/v1/feedback', { question: '问2', helpful: true, comment: '讲得清楚' });
    const { recentComments } = (await overview()).satisfaction;
    expect(recentComments.slice(0, 2).map((c: any) => [c.source, c.helpful, c.comment])).toEqual([
      ['feedback', true, '讲得清楚'], ['feedback', false, expect.stringContaining('没说清楚')]]);
    expect(JSON.stringify(recentComments)).not.toMatch(/13812345678|王小明/);
  });

  it('exports each view as CSV for admins and supervisors; 400 naming the view; 401/403 for others', async () => {
    const res = await fetch(`${h.base}/api/v1/stats/overview.csv?view=handoff&from=${today}&to=${today}`, { headers: { authorization: `Bearer ${supervisor}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain(`lawline-overview-handoff-${today}-${today}.csv`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs to read UTF-8
    const text = new TextDecoder().decode(bytes);
    const o = await overview();
    expect(text.startsWith('分组,项目,数值\r\n')).toBe(true);
    expect(text).toContain(`线上三十秒,转人工请求,${o.handoff.requests}\r\n`);
    expect(text).toContain(`回电,一个工作日内处理,${o.handoff.callbacks.closedWithinOneWorkingDay}\r\n`);
    const all = await (await fetch(`${h.base}/api/v1/stats/overview.csv?from=${today}&to=${today}&county=英德`, { headers: { authorization: `Bearer ${admin}` } })).text();
    expect(all).toContain('按渠道,网站,');
    expect(all).toContain('典型案例（年度）,年度目标,30');
    expect(all).toContain('后续处理,值班律师已接入,');
    const bad = await h.request('GET', '/api/v1/stats/overview.csv?view=everything', undefined, admin);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^view: /);
    expect((await h.request('GET', '/api/v1/stats/overview.csv?county=纽约', undefined, admin)).body.error).toMatch(/county: unknown/);
    expect((await h.request('GET', '/api/v1/stats/overview.csv')).status).toBe(401);
    expect((await h.request('GET', '/api/v1/stats/overview.csv', undefined, lawyer)).status).toBe(403);
  });

  it('opens a transcript for admins only, auditing each view under transcript:<conversationId>', async () => {
    const citizen = await directLineCitizen(h);
    await citizen.say('邻居装修把我家墙弄裂了怎么办');
    const path = `/api/v1/transcripts/${encodeURIComponent(citizen.conversationId)}`;
    const audits = () => h.state.sql.all<{ subject: string; actor: string; new_value: string }>(
      'SELECT subject, actor, new_value FROM staff_data_audit WHERE subject = ? ORDER BY id', [`transcript:${citizen.conversationId}`]);

    expect((await h.request('GET', path)).status).toBe(401);
    expect((await h.request('GET', path, undefined, supervisor)).status).toBe(403);
    expect((await h.request('GET', path, undefined, lawyer)).status).toBe(403);
    expect(await audits()).toEqual([]);

    const res = await h.request('GET', path, undefined, admin);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ conversationId: citizen.conversationId, channelId: 'directline' });
    expect(res.body.lines.find((l: any) => l.from === 'citizen')?.text).toBe('邻居装修把我家墙弄裂了怎么办');
    expect(res.body.lines.some((l: any) => l.from === 'bot')).toBe(true);
    expect((await h.request('GET', `${path}?channel=directline`, undefined, admin)).status).toBe(200);
    expect((await audits()).map((a) => [a.actor, JSON.parse(a.new_value)])).toEqual([
      ['boss', { action: 'viewed', channelId: 'directline' }], ['boss', { action: 'viewed', channelId: 'directline' }]]);

    expect((await h.request('GET', '/api/v1/transcripts/no-such-conversation', undefined, admin)).status).toBe(404);
    expect((await h.request('GET', `${path}?channel=`, undefined, admin)).status).toBe(400);
  });
});

describe('one working day', () => {
  const at = (s: string) => Date.parse(`${s}+08:00`);
  it.each([
    ['2026-12-01T10:00:00', '2026-12-02T10:00:00'], // Tuesday → Wednesday
    ['2026-12-04T10:00:00', '2026-12-07T10:00:00'], // Friday → Monday
    ['2026-12-05T22:00:00', '2026-12-08T00:00:00'], // Saturday: counts from Monday 00:00
    ['2026-12-06T23:59:00', '2026-12-08T00:00:00'], // Sunday, late (China time, not UTC)
  ])('a callback requested %s is due by %s', (requested, due) => {
    expect(oneWorkingDayAfter(at(requested))).toBe(at(due));
  });
});
