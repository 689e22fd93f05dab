/**
 * The acceptance, as a test: two lawline processes on two ports share one PostgreSQL. Accounts and the
 * roster are made with the CLI against the same database. A lawyer is online on process B; a citizen on process
 * A asks for a person over Direct Line; the lawyer sees the ticket on B's queue stream and accepts it there;
 * messages relay both ways across the processes (the citizen's websocket is on A). Then A is killed with SIGKILL,
 * and the citizen's conversation goes on through B with the same conversation id and token, nothing lost.
 * PostgreSQL only: without it the suite is skipped with the reason.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { openSse, type SseClient } from '../handoff/sse-client.js';
import { POSTGRES, POSTGRES_SKIP_REASON } from '../support/test-databases.js';
import { lawlineCli, startLawline, type LawlineProcess } from './lawline-process.js';

const suite = POSTGRES ? describe : describe.skip;
const title = POSTGRES ? 'two lawline processes, one PostgreSQL' : `two lawline processes, one PostgreSQL — ${POSTGRES_SKIP_REASON}`;

interface Activity { id: string; type: string; text?: string; from: { id: string; role?: string } }

suite(title, () => {
  let env: Record<string, string>;
  let drop: () => Promise<void>;
  let a: LawlineProcess;
  let b: LawlineProcess;
  let queue: SseClient | undefined;
  const secret = 'a-secret-shared-by-every-process-0123456789';

  beforeAll(async () => {
    const fresh = await POSTGRES!.fresh();
    env = { ...fresh.env, LAWLINE_TOKEN_SECRET: secret };
    drop = fresh.drop;
    const roster = join(tmpdir(), `lawline-cluster-roster-${process.pid}.csv`);
    writeFileSync(roster, 'username,name,licence,firm,topics,counties,languages,capacity,shifts\nduty1,陈值班,14418201810000001,清远测试律师事务所,*,*,mandarin|cantonese,3,mon-sun 00:00-24:00\n');
    // Accounts and roster through the CLI, against the shared database.
    const user = lawlineCli(env, 'user', 'add', '--role', 'lawyer', '--username', 'duty1', '--password', 'duty1-password');
    expect(user.status, user.stderr).toBe(0);
    const imported = lawlineCli(env, 'roster', 'import', roster);
    expect(imported.status, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ ok: true, lawyers: 1, warnings: [] });
    [a, b] = await Promise.all([startLawline(env), startLawline(env)]);
  }, 240_000);

  afterAll(async () => {
    queue?.close();
    await a?.stop('SIGKILL');
    await b?.stop();
    await drop?.();
  });

  const json = async (base: string, path: string, init: { method?: string; body?: unknown; token?: string } = {}) => {
    const res = await fetch(base + path, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { 'content-type': 'application/json', ...(init.token ? { authorization: `Bearer ${init.token}` } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };

  it('hands a citizen on A to a lawyer on B, relays both ways, and survives kill -9 of A', async () => {
    // The lawyer signs in on B, goes online and holds the queue stream open there.
    const login = await json(b.base, '/api/v1/auth/login', { body: { username: 'duty1', password: 'duty1-password' } });
    expect(login.status).toBe(200);
    const lawyerToken = login.body.token as string;
    expect((await json(b.base, '/api/v1/lawyers/me/presence', { method: 'PUT', body: { status: 'online' }, token: lawyerToken })).status).toBe(200);
    queue = await openSse(`${b.base}/api/v1/handoff/queue/stream`, lawyerToken);
    await queue.until((q) => q.presence === 'online');

    // The citizen starts on A and keeps A's websocket open.
    const started = await json(a.base, '/v3/directline/conversations', { body: {} });
    expect(started.status).toBe(201);
    const { conversationId, token, streamUrl } = started.body as { conversationId: string; token: string; streamUrl: string };
    const seen: Activity[] = [];
    const listeners: Array<() => void> = [];
    const ws = new WebSocket(streamUrl);
    ws.on('message', (data) => {
      const text = String(data);
      if (text) seen.push(...(JSON.parse(text) as { activities: Activity[] }).activities);
      listeners.forEach((l) => l());
    });
    await new Promise<void>((resolve, reject) => ws.once('open', () => resolve()).once('error', reject));
    const botSays = () => seen.filter((x) => x.type === 'message' && x.from.role !== 'user').map((x) => x.text ?? '');
    const waitFor = (test: () => boolean) => new Promise<void>((resolve) => {
      if (test()) return resolve();
      listeners.push(() => { if (test()) resolve(); });
    });
    const say = (base: string, text: string) =>
      json(base, `/v3/directline/conversations/${conversationId}/activities`, { body: { type: 'message', text, from: { id: 'citizen' } }, token });

    await waitFor(() => botSays().length >= 1); // the greeting
    expect((await say(a.base, '公司拖欠我三个月工资，转人工')).status).toBe(200);
    await waitFor(() => botSays().some((t) => t.includes('排队') || t.includes('值班律师')));

    // B's console sees the ticket offered to this lawyer, and the lawyer accepts it on B.
    const { queue: view } = await queue.until((q) => q.queue.some((t: any) => t.offeredToMe));
    const ticketId = view.queue.find((t: any) => t.offeredToMe).id as string;
    const accepted = await json(b.base, `/api/v1/handoff/${ticketId}/accept`, { method: 'POST', body: {}, token: lawyerToken });
    expect(accepted.body).toMatchObject({ id: ticketId, status: 'assigned', lawyer: 'duty1' });
    await waitFor(() => botSays().some((t) => t.includes('陈值班')));

    // Lawyer (B) → citizen (A's websocket), citizen (A) → lawyer (B).
    expect((await json(b.base, `/api/v1/handoff/${ticketId}/messages`, { body: { text: '您好，请问欠薪多少？' }, token: lawyerToken })).status).toBe(201);
    await waitFor(() => botSays().some((t) => t.includes('请问欠薪多少')));
    expect((await say(a.base, '一共两万元')).status).toBe(200);
    const messages = async () => (await json(b.base, `/api/v1/handoff/${ticketId}/messages`, { token: lawyerToken })).body.messages as Array<{ kind: string; text: string }>;
    expect((await messages()).filter((m) => m.kind === 'citizen').map((m) => m.text)).toContain('一共两万元');

    // kill -9 of A: the same conversation id and token go on through B.
    const acknowledged = seen.map((x) => x.id);
    ws.terminate();
    await a.stop('SIGKILL');
    expect((await say(b.base, '我还有劳动合同')).status).toBe(200);
    expect((await messages()).filter((m) => m.kind === 'citizen').map((m) => m.text)).toEqual(expect.arrayContaining(['一共两万元', '我还有劳动合同']));
    expect((await json(b.base, `/api/v1/handoff/${ticketId}/messages`, { body: { text: '收到，请拍照发来' }, token: lawyerToken })).status).toBe(201);
    const log = await json(b.base, `/v3/directline/conversations/${conversationId}/activities`, { token });
    expect(log.status).toBe(200);
    const ids = (log.body.activities as Activity[]).map((x) => x.id);
    expect(ids).toEqual(expect.arrayContaining(acknowledged)); // nothing acknowledged was lost
    expect((log.body.activities as Activity[]).map((x) => x.text)).toEqual(expect.arrayContaining(['我还有劳动合同', expect.stringContaining('收到，请拍照发来')]));
    // Seq numbers stayed unique across the two processes.
    expect(new Set(ids).size).toBe(ids.length);
  }, 120_000);
});
