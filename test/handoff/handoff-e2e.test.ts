/**
 * End to end on the real server: a citizen on Direct Line asks for a person, a duty lawyer on the HTTP API
 * accepts, they chat, the lawyer closes, the citizen rates, and the stats show it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directLineCitizen, DUTY_LAWYER, startServer, type ServerHarness } from '../support/server-harness.js';

const texts = (activities: Array<{ type: string; text?: string }>) => activities.filter((a) => a.type === 'message').map((a) => a.text ?? '');

describe('hand-off end to end (Direct Line → lawyer API)', () => {
  let h: ServerHarness;
  let lawyer: string;
  let admin: string;
  let other: string;

  beforeAll(async () => {
    h = await startServer();
    admin = await h.login('boss', 'admin');
    lawyer = await h.login('duty1', 'lawyer');
    other = await h.login('duty2', 'lawyer');
    const roster = await h.request('PUT', '/api/v1/handoff/roster', { lawyers: [DUTY_LAWYER, { ...DUTY_LAWYER, username: 'duty2', name: '李值班' }] }, admin);
    expect({ status: roster.status, body: roster.body }).toEqual({ status: 200, body: { lawyers: 2 } });
  });
  afterAll(async () => h?.close());

  it('runs the whole hand-off and the stats reflect it', async () => {
    expect((await h.request('PUT', '/api/v1/lawyers/me/presence', { status: 'online' }, lawyer)).body).toEqual({ status: 'online', onShift: true });

    const citizen = await directLineCitizen(h);
    await citizen.say('我在英德的工厂上班，老板拖欠了三个月工资');
    const asked = await citizen.say('转人工');
    expect(asked.some((a) => a.type === 'event' && a.name === 'handoff.initiate')).toBe(true);
    expect(texts(asked).join('\n')).toMatch(/排队转接值班律师.*第1位/);

    // The ticket is in the queue, offered to the lawyer who is online.
    const queue = await h.request('GET', '/api/v1/handoff/queue', undefined, lawyer);
    expect(queue.status).toBe(200);
    const item = queue.body.queue.find((t: any) => t.channelId === 'directline');
    expect(item).toMatchObject({ position: 1, topic: '劳动纠纷', county: 'yingde', offeredToMe: true });
    expect(JSON.stringify(queue.body)).not.toContain('拖欠'); // no transcript in the queue

    // While waiting the citizen may keep typing; it is kept for the lawyer.
    expect(texts(await citizen.say('公司叫某某电子厂')).join()).toContain('已记下您的留言');

    expect((await h.request('GET', `/api/v1/handoff/${item.id}/messages`, undefined, lawyer)).status).toBe(403);
    const accepted = await h.request('POST', `/api/v1/handoff/${item.id}/accept`, undefined, lawyer);
    expect(accepted.body).toMatchObject({ status: 'assigned', lawyer: 'duty1' });
    const joined = await citizen.read();
    expect(texts(joined).join()).toContain('值班律师陈值班（清远测试律师事务所）已接入');
    expect(joined.find((a) => a.name === 'handoff.status')?.value).toMatchObject({ state: 'accepted' });

    const conversation = await h.request('GET', `/api/v1/handoff/${item.id}/messages`, undefined, lawyer);
    expect(conversation.body.ticket.summary).toMatchObject({ topic: '劳动纠纷', county: 'yingde' });
    expect(conversation.body.ticket.transcript.map((l: any) => l.text)).toContain('我在英德的工厂上班，老板拖欠了三个月工资');
    expect(conversation.body.messages.map((m: any) => m.text)).toContain('公司叫某某电子厂');
    expect((await h.request('GET', `/api/v1/handoff/${item.id}/messages`, undefined, other)).status).toBe(403);
    expect((await h.request('GET', `/api/v1/handoff/${item.id}/messages`, undefined, admin)).status).toBe(200);

    // Both ways; the bot says nothing while the lawyer owns the chat.
    expect((await h.request('POST', `/api/v1/handoff/${item.id}/messages`, { text: '您好，有劳动合同吗？' }, lawyer)).status).toBe(201);
    expect(texts(await citizen.read())).toEqual(['【陈值班律师】您好，有劳动合同吗？']);
    expect(await citizen.say('有的，签了两年')).toEqual([]);
    const after = await h.request('GET', `/api/v1/handoff/${item.id}/messages?after=${conversation.body.messages.at(-1).id}`, undefined, lawyer);
    expect(after.body.messages.map((m: any) => [m.kind, m.text])).toEqual([['lawyer', '您好，有劳动合同吗？'], ['citizen', '有的，签了两年']]);
    expect((await h.request('POST', `/api/v1/handoff/${item.id}/notes`, { text: '可申请劳动仲裁' }, lawyer)).status).toBe(201);

    const closed = await h.request('POST', `/api/v1/handoff/${item.id}/close`, { returnToBot: true }, lawyer);
    expect(closed.body).toMatchObject({ status: 'closed', returnToBot: true });
    const bye = await citizen.read();
    expect(texts(bye).join()).toMatch(/回复1到5/);
    expect(bye.find((a) => a.name === 'handoff.status')?.value).toMatchObject({ state: 'completed' });
    expect(texts(await citizen.say('4 很专业'))).toEqual([expect.stringContaining('感谢您的评价')]);
    // The bot is back.
    expect(texts(await citizen.say('劳动仲裁要多久')).join().length).toBeGreaterThan(10);

    const stats = await h.request('GET', '/api/v1/stats/handoff', undefined, admin);
    expect(stats.body).toMatchObject({ tickets: 1, accepted: 1, abandoned: 0, callbacks: 0, rating: { count: 1, average: 4 }, acceptedWithin30s: 1 });
    expect(stats.body.timeToAcceptMs.p50).toBeGreaterThanOrEqual(0);
    expect(stats.body.ratingsByLawyer).toEqual([{ key: 'duty1', ratings: 1, average: 4 }]);
    expect((await h.request('GET', '/api/v1/stats/handoff', undefined, lawyer)).status).toBe(403);
  });

  it('guards the API: roles, validation and the escalation from the assist console', async () => {
    expect((await h.request('GET', '/api/v1/handoff/queue')).status).toBe(401);
    const agent = await h.login('agent1', 'agent');
    expect((await h.request('GET', '/api/v1/handoff/queue', undefined, agent)).status).toBe(403);
    expect((await h.request('PUT', '/api/v1/lawyers/me/presence', { status: 'away' }, lawyer)).body.error).toMatch(/^status: /);
    const notRostered = await h.login('duty9', 'lawyer');
    expect((await h.request('PUT', '/api/v1/lawyers/me/presence', { status: 'online' }, notRostered)).status).toBe(403);
    const bad = await h.request('PUT', '/api/v1/handoff/roster', { lawyers: [{ ...DUTY_LAWYER, capacity: 0, counties: ['火星'] }] }, admin);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/lawyers\[0\]\.capacity: .*lawyers\[0\]\.counties: "火星"/);
    expect((await h.request('GET', '/api/v1/handoff/roster', undefined, admin)).body.lawyers).toHaveLength(2);

    const escalated = await h.request('POST', '/api/v1/handoff/escalate', { summary: '来电老人咨询赡养费，情绪激动', topic: '婚姻家庭', county: '连州', phone: '13800138000' }, agent);
    expect(escalated.status).toBe(201);
    expect((await h.request('POST', '/api/v1/handoff/escalate', { summary: 'x', phone: '123' }, agent)).status).toBe(400);
    const queue = await h.request('GET', '/api/v1/handoff/queue', undefined, lawyer);
    expect(queue.body.queue.find((t: any) => t.id === escalated.body.id)).toMatchObject({ reason: 'escalation', topic: '婚姻家庭', county: 'lianzhou' });
    expect((await h.request('GET', '/api/v1/handoff/callbacks', undefined, lawyer)).body.callbacks).toHaveLength(1);
  });
});
