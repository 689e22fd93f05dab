/**
 * Hand-off end to end over WeChat on the real server: the citizen writes signed WeChat XML to /wechat, the duty
 * lawyer works the HTTP API, and everything the citizen receives outside a passive reply goes through the
 * customer-service API stub — including WeChat's 48-hour / 5-message window.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPID, replyFields, signedQuery, startCustomerServiceStub, textXml, TOKEN, type SendCall } from '../channels/wechat/wechat-kit.js';
import { DUTY_LAWYER, startServer, type ServerHarness } from '../support/server-harness.js';

const OPENID = 'oHandoff_citizen_0001';

describe('hand-off end to end (WeChat → lawyer API)', () => {
  let stub: Awaited<ReturnType<typeof startCustomerServiceStub>>;
  let h: ServerHarness;
  let msgId = 610000000000;

  beforeAll(async () => {
    stub = await startCustomerServiceStub();
    h = await startServer({
      WECHAT_TOKEN: TOKEN, WECHAT_APPID: APPID, WECHAT_APPSECRET: 'secret', WECHAT_API_BASE: stub.base, WECHAT_REPLY_DEADLINE_MS: '4500',
    });
  });
  afterAll(async () => {
    await h?.close();
    await stub?.close();
  });

  const request = (method: string, path: string, body?: unknown, token?: string) => h.request(method, path, body, token);
  const login = (username: string, role: 'admin' | 'lawyer') => h.login(username, role);

  /** The citizen's WeChat push; returns the passive reply's Content, or null for `success` / an empty body. */
  async function citizenSays(text: string, openid = OPENID): Promise<string | null> {
    const res = await fetch(`${h.base}/wechat?${new URLSearchParams(signedQuery({ openid }))}`, {
      method: 'POST', headers: { 'content-type': 'text/xml' }, body: textXml(text, String(++msgId), openid),
    });
    expect(res.status).toBe(200);
    const body = await res.text();
    if (body === '' || body === 'success') return null;
    return replyFields(body).Content ?? null;
  }

  /** Waits for the stub's `index`-th send and checks it went to the citizen. */
  async function sent(index: number, openid = OPENID): Promise<SendCall['body']> {
    const call = await stub.send(index);
    expect(call.body).toMatchObject({ touser: openid, msgtype: 'text' });
    return call.body;
  }

  let admin: string;
  let lawyer: string;

  it('queues, relays both ways within the window, closes and takes the rating', async () => {
    admin = await login('boss', 'admin');
    lawyer = await login('duty1', 'lawyer');
    expect((await request('PUT', '/api/v1/handoff/roster', { lawyers: [DUTY_LAWYER] }, admin)).body).toEqual({ lawyers: 1 });
    expect((await request('PUT', '/api/v1/lawyers/me/presence', { status: 'online' }, lawyer)).body).toMatchObject({ status: 'online' });

    // The bot answers the question (passively, or through the stub if it missed the reply deadline).
    let next = 0;
    const question = '我在英德的工厂上班，老板拖欠了三个月工资';
    const answer = (await citizenSays(question)) ?? (await sent(next++)).text.content;
    expect(answer.length).toBeGreaterThan(10);

    const queued = await citizenSays('转人工');
    expect(queued).toMatch(/排队转接值班律师.*第1位/);

    const queue = await request('GET', '/api/v1/handoff/queue', undefined, lawyer);
    const item = queue.body.queue.find((t: any) => t.channelId === 'wechat');
    expect(item).toMatchObject({ position: 1, topic: '劳动纠纷', county: 'yingde', offeredToMe: true });

    expect((await request('POST', `/api/v1/handoff/${item.id}/accept`, undefined, lawyer)).body).toMatchObject({ status: 'assigned', lawyer: 'duty1' });
    expect((await sent(next++)).text.content).toBe('值班律师陈值班（清远测试律师事务所）已接入，请直接向律师说明您的情况。');

    const first = await request('POST', `/api/v1/handoff/${item.id}/messages`, { text: '您好，有劳动合同吗？' }, lawyer);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ delivered: true, window: { open: true, remaining: 3 } }); // the join notice counts too
    expect((await sent(next++)).text.content).toBe('【陈值班律师】您好，有劳动合同吗？');

    // The citizen's reply goes to the lawyer; the bot says nothing, passively or later.
    expect(await citizenSays('有的，签了两年')).toBeNull();
    const read = await request('GET', `/api/v1/handoff/${item.id}/messages`, undefined, lawyer);
    expect(read.body.ticket.transcript.map((l: any) => l.text)).toContain(question);
    expect(read.body.messages.at(-1)).toMatchObject({ kind: 'citizen', text: '有的，签了两年' });
    expect(read.body.window).toMatchObject({ open: true, remaining: 5 }); // a citizen message opens a new window

    // Five messages fit in the window; the sixth is refused before it reaches WeChat.
    for (let i = 1; i <= 5; i++) {
      const r = await request('POST', `/api/v1/handoff/${item.id}/messages`, { text: `第${i}条` }, lawyer);
      expect(r.status).toBe(201);
      expect((await sent(next++)).text.content).toBe(`【陈值班律师】第${i}条`);
    }
    const refused = await request('POST', `/api/v1/handoff/${item.id}/messages`, { text: '第6条' }, lawyer);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'wechat_window_closed', window: { open: false, remaining: 0, reason: 'quota' } });
    const afterRefusal = await request('GET', `/api/v1/handoff/${item.id}/messages`, undefined, lawyer);
    expect(afterRefusal.body.messages.map((m: any) => m.text)).not.toContain('第6条');

    // The citizen writes again: the window reopens and the lawyer can close with a message the citizen receives.
    expect(await citizenSays('好的，我明白了')).toBeNull();
    expect((await request('POST', `/api/v1/handoff/${item.id}/close`, {}, lawyer)).body).toMatchObject({ status: 'closed' });
    expect((await sent(next++)).text.content).toMatch(/值班律师已结束本次咨询[\s\S]*回复1到5的数字/);
    expect(stub.sends).toHaveLength(next); // nothing else went out: no bot answers during the chat

    expect(await citizenSays('5')).toMatch(/感谢您的评价/);
    const stats = await request('GET', '/api/v1/stats/handoff', undefined, admin);
    expect(stats.body).toMatchObject({ tickets: 1, accepted: 1, rating: { count: 1, average: 5 } });
    expect(stats.body.ratingsByLawyer).toEqual([{ key: 'duty1', ratings: 1, average: 5 }]);
  });

  it('sends the citizen\'s numbers to the lawyer and the rating, not to the numbered answer shown before the hand-off', async () => {
    const citizen = 'oHandoff_citizen_0002';
    const before = stub.sends.length;
    // An emergency answer hides its sections behind numbers and opens a priority ticket in the same reply.
    const first = await citizenSays('我老公天天打我，现在他拿着刀要砍我', citizen);
    expect(first).toMatch(/回复2查看[\s\S]*已为您优先排队转接值班律师/);
    const queue = await request('GET', '/api/v1/handoff/queue', undefined, lawyer);
    const item = queue.body.queue.find((t: any) => t.channelId === 'wechat' && t.status !== 'closed');
    expect(item).toMatchObject({ priorityReason: 'emergency' });
    expect((await request('POST', `/api/v1/handoff/${item.id}/accept`, undefined, lawyer)).status).toBe(200);
    expect((await sent(before, citizen)).text.content).toMatch(/已接入/);

    // "2" answers the lawyer; it no longer opens the section offered before the lawyer joined.
    expect((await request('POST', `/api/v1/handoff/${item.id}/messages`, { text: '您现在安全吗？家里有几个孩子？' }, lawyer)).status).toBe(201);
    await sent(before + 1, citizen);
    expect(await citizenSays('2', citizen)).toBeNull();
    const read = await request('GET', `/api/v1/handoff/${item.id}/messages`, undefined, lawyer);
    expect(read.body.messages.at(-1)).toMatchObject({ kind: 'citizen', text: '2' });

    expect((await request('POST', `/api/v1/handoff/${item.id}/close`, {}, lawyer)).status).toBe(200);
    expect((await sent(before + 2, citizen)).text.content).toMatch(/回复1到5的数字/);
    expect(await citizenSays('3', citizen)).toMatch(/感谢您的评价/);
    const stats = await request('GET', '/api/v1/stats/handoff', undefined, admin);
    expect(stats.body.rating).toEqual({ count: 2, average: 4 });
  });
});
