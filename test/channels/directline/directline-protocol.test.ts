/**
 * Direct Line 3.0 against the real server and the real assistant, spoken by Microsoft's own client
 * (botframework-directlinejs): start, ask, reconnect with a watermark, polling, tokens, restart, proactive.
 */
import { TurnContext, type Activity as BotActivity } from 'botbuilder';
import { ConnectionStatus } from 'botframework-directlinejs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { REPLIES } from '../../../src/assistant/replies-zh.js';
import { formatCitations } from '../../../src/bot/format-reply.js';
import { createTokenService } from '../../../src/channels/directline/token-service.js';
import { testLawline } from '../../support/lawline.js';
import { startServer, type RunningServer } from './directline-server.js';
import { ActivityRecorder, nodeDirectLine, post, seqOf, type DlActivity as Activity } from './node-directline.js';

const WAGES = '公司拖欠我三个月工资怎么办';
const ROAD = '被车撞了对方不赔钱怎么办';

let srv: RunningServer;
beforeAll(async () => {
  srv = await startServer();
});
afterAll(async () => {
  await srv?.close();
});

async function rest(path: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(`${srv.domain}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: (await res.json().catch(() => null)) as any };
}

async function startConversation() {
  const { status, body } = await rest('/conversations', { method: 'POST', body: {} });
  expect(status).toBe(201);
  return body as { conversationId: string; token: string; expires_in: number; streamUrl: string };
}

/** The status code a websocket upgrade to `url` is refused with (0 when it opens). */
function socketStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.on('open', () => (ws.close(), resolve(0)));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? -1));
    ws.on('error', () => undefined);
  });
}

const isBot = (a: Activity) => a.from.role === 'bot';

describe('Direct Line with DirectLineJS over a websocket', () => {
  it('starts a conversation, echoes the question, and answers exactly as lawline.ask does', async () => {
    const client = nodeDirectLine({ domain: srv.domain, webSocket: true });
    const recorder = new ActivityRecorder(client);
    try {
      const greeting = await recorder.waitFor((a) => isBot(a) && a.type === 'message');
      expect(greeting.text).toBe(REPLIES.greeting);

      const id = await post(client, { type: 'message', text: WAGES, channelData: { clientActivityID: 'c-1' } });
      const conversationId = id.split('|')[0]!;
      expect(id).toMatch(/^[A-Za-z0-9_-]+\|\d{7}$/);
      const echo = await recorder.waitFor((a) => a.id === id);
      expect(echo.text).toBe(WAGES);
      expect(echo.from.role).toBe('user');
      expect((echo.channelData as { clientActivityID?: string }).clientActivityID).toBe('c-1');

      const reply = await recorder.waitFor((a) => isBot(a) && a.replyToId === id);
      const expected = await testLawline().ask(WAGES);
      expect(reply.text).toBe([expected.answer, formatCitations(expected.citations)].filter(Boolean).join('\n\n'));
      expect(reply.channelData.lawline.citations).toEqual(expected.citations);
      expect(reply.conversation?.id).toBe(conversationId);
      expect(reply.text).toMatch(/《(劳动合同法|劳动法|劳动争议调解仲裁法)》/);

      const ids = recorder.activities.map((a) => a.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.map((i) => seqOf({ id: i }))).toEqual([...ids.keys()]);
    } finally {
      recorder.stop();
    }
  });

  it('reconnects from a watermark without losing or duplicating activities', async () => {
    const first = nodeDirectLine({ domain: srv.domain, webSocket: true });
    const one = new ActivityRecorder(first);
    const firstId = await post(first, { type: 'message', text: WAGES });
    await one.waitFor((a) => isBot(a) && a.replyToId === firstId);
    const seen = one.activities.map((a) => a.id!);
    const watermark = String(Math.max(...one.activities.map(seqOf)));
    const conversationId = firstId.split('|')[0]!;
    const token = (first as unknown as { token: string }).token;
    one.stop();

    // While no client is connected, the citizen asks again from another tab.
    const offline = await rest(`/conversations/${conversationId}/activities`, { method: 'POST', token, body: { type: 'message', text: ROAD } });
    expect(offline.status).toBe(200);

    const second = nodeDirectLine({ domain: srv.domain, webSocket: true, token, conversationId, watermark });
    const two = new ActivityRecorder(second);
    try {
      await two.waitFor((a) => isBot(a) && a.replyToId === offline.body.id);
      const log = await rest(`/conversations/${conversationId}/activities`, { token });
      const all = log.body.activities.map((a: Activity) => a.id);
      const received = two.activities.map((a) => a.id!);
      expect(received).toEqual(all.filter((i: string) => !seen.includes(i)));
      expect([...seen, ...received]).toEqual(all);
      expect(log.body.watermark).toBe(String(all.length - 1));
    } finally {
      two.stop();
    }
  });

  it('also works by polling GET …/activities?watermark= (webSocket: false)', async () => {
    const client = nodeDirectLine({ domain: srv.domain, webSocket: false, pollingInterval: 200 });
    const recorder = new ActivityRecorder(client);
    try {
      const id = await post(client, { type: 'message', text: '你好' });
      const reply = await recorder.waitFor((a) => isBot(a) && a.replyToId === id);
      expect(reply.text).toBe(REPLIES.greeting);
      const ids = recorder.activities.map((a) => a.id);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      recorder.stop();
    }
  });
});

describe('Direct Line tokens', () => {
  it('a token opens its own conversation only: another conversation is 403, no or forged token 401', async () => {
    const a = await startConversation();
    const b = await startConversation();
    expect(a.expires_in).toBe(1800);
    expect(a.streamUrl).toMatch(new RegExp(`^ws://127\\.0\\.0\\.1:\\d+/v3/directline/conversations/${a.conversationId}/stream\\?t=`));

    expect((await rest(`/conversations/${a.conversationId}/activities`, { token: a.token })).status).toBe(200);
    expect((await rest(`/conversations/${b.conversationId}/activities`, { token: a.token })).status).toBe(403);
    expect((await rest(`/conversations/${b.conversationId}`, { token: a.token })).status).toBe(403);
    const write = await rest(`/conversations/${b.conversationId}/activities`, { method: 'POST', token: a.token, body: { type: 'message', text: '你好' } });
    expect(write.status).toBe(403);
    expect((await rest(`/conversations/${b.conversationId}/activities`)).status).toBe(401);
    expect((await rest(`/conversations/${b.conversationId}/activities`, { token: `${b.token}x` })).status).toBe(401);
    expect((await rest(`/conversations/${b.conversationId}/activities`, { token: 'not-a-token' })).status).toBe(401);
    // B's log was not touched by A's attempt.
    const log = await rest(`/conversations/${b.conversationId}/activities`, { token: b.token });
    expect(log.body.activities.every((x: Activity) => x.from.role === 'bot')).toBe(true);

    const streamB = b.streamUrl.replace(/t=[^&]+/, `t=${encodeURIComponent(a.token)}`);
    expect(await socketStatus(streamB)).toBe(403);
    expect(await socketStatus(b.streamUrl.replace(/t=[^&]+/, 't=forged'))).toBe(401);
    expect(await socketStatus(b.streamUrl)).toBe(0);
  });

  it('an expired token is refused with 403 (DirectLineJS then reports ExpiredToken)', async () => {
    const a = await startConversation();
    const old = createTokenService(await srv.channel.store.signingKey(), () => Date.now() - 3600_000).issue(a.conversationId);
    expect((await rest(`/conversations/${a.conversationId}/activities`, { token: old.token })).status).toBe(403);
    expect((await rest('/tokens/refresh', { method: 'POST', token: old.token })).status).toBe(403);
  });

  it('refresh returns a new working token for the same conversation; generate names a conversation to start', async () => {
    const a = await startConversation();
    const refreshed = await rest('/tokens/refresh', { method: 'POST', token: a.token });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.conversationId).toBe(a.conversationId);
    expect(refreshed.body.token).not.toBe(a.token);
    expect((await rest(`/conversations/${a.conversationId}/activities`, { token: refreshed.body.token })).status).toBe(200);
    expect((await rest('/tokens/refresh', { method: 'POST' })).status).toBe(401);

    const generated = await rest('/tokens/generate', { method: 'POST', body: {} });
    const started = await rest('/conversations', { method: 'POST', token: generated.body.token, body: {} });
    expect(started.status).toBe(201);
    expect(started.body.conversationId).toBe(generated.body.conversationId);
    const again = await rest('/conversations', { method: 'POST', token: generated.body.token, body: {} });
    expect(again.status).toBe(200);
    expect(again.body.conversationId).toBe(generated.body.conversationId);
  });

  it('DirectLineJS started with a token reconnects through GET /conversations/:id', async () => {
    const a = await startConversation();
    const client = nodeDirectLine({ domain: srv.domain, token: a.token, conversationId: a.conversationId, webSocket: true });
    const recorder = new ActivityRecorder(client);
    try {
      await recorder.waitFor((x) => isBot(x));
      expect(client.connectionStatus$.getValue()).toBe(ConnectionStatus.Online);
    } finally {
      recorder.stop();
    }
  });
});

describe('Direct Line requests, persistence and proactive messages', () => {
  it('refuses an invalid activity with 400 naming the field', async () => {
    const a = await startConversation();
    const bad = await rest(`/conversations/${a.conversationId}/activities`, { method: 'POST', token: a.token, body: { type: 'bogus', text: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/type/);
    expect(bad.body.error).toMatch(/text/);
  });

  it('the sender is always the conversation user, whatever from.id the client claims', async () => {
    const a = await startConversation();
    const sent = await rest(`/conversations/${a.conversationId}/activities`, {
      method: 'POST', token: a.token, body: { type: 'message', text: '你好', from: { id: 'someone-else' } },
    });
    const log = await rest(`/conversations/${a.conversationId}/activities`, { token: a.token });
    const echo = log.body.activities.find((x: Activity) => x.id === sent.body.id);
    expect(echo.from.id).toMatch(/^dl_/);
    expect(echo.from.id).not.toBe('someone-else');
  });

  it('keeps conversations, tokens and watermarks across a restart', async () => {
    const own = await startServer();
    let conversationId = '';
    let token = '';
    try {
      const start = await fetch(`${own.domain}/conversations`, { method: 'POST' }).then((r) => r.json() as any);
      ({ conversationId, token } = start);
      await fetch(`${own.domain}/conversations/${conversationId}/activities`, {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: '你好' }),
      });
    } finally {
      await own.close();
    }
    const restarted = await startServer(own.stateDir);
    try {
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const log = await fetch(`${restarted.domain}/conversations/${conversationId}/activities?watermark=0`, { headers }).then((r) => r.json() as any);
      expect(log.activities.map((a: Activity) => seqOf(a))).toEqual([1, 2]);
      expect(log.watermark).toBe('2');
      const next = await fetch(`${restarted.domain}/conversations/${conversationId}/activities`, {
        method: 'POST', headers, body: JSON.stringify({ type: 'message', text: '谢谢' }),
      }).then((r) => r.json() as any);
      expect(seqOf(next)).toBe(3);
    } finally {
      await restarted.close();
    }
  });

  it('a proactive message (e.g. a duty lawyer relayed later) reaches the open socket and the log', async () => {
    const client = nodeDirectLine({ domain: srv.domain, webSocket: true });
    const recorder = new ActivityRecorder(client);
    try {
      const id = await post(client, { type: 'message', text: '你好' });
      const echo = await recorder.waitFor((a) => a.id === id);
      const reference = TurnContext.getConversationReference(echo as unknown as BotActivity);
      expect(reference.channelId).toBe('directline');
      await srv.channel.adapter.continueConversation(reference, async (context) => {
        await context.sendActivity('值班律师：您好，我已看到您的问题。');
      });
      const relayed = await recorder.waitFor((a) => a.text === '值班律师：您好，我已看到您的问题。');
      expect(relayed.from.role).toBe('bot');
      const conversationId = id.split('|')[0]!;
      const token = (client as unknown as { token: string }).token;
      const log = await rest(`/conversations/${conversationId}/activities`, { token });
      expect(log.body.activities.at(-1).id).toBe(relayed.id);
    } finally {
      recorder.stop();
    }
  });
});
