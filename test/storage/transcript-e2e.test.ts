/**
 * End to end on the real server: a Direct Line conversation and a Bot Framework `expectReplies` turn both leave
 * the citizen's and the bot's activities in the state database's transcript store.
 */
import type { Activity } from 'botbuilder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlTranscriptStore } from '../../src/storage/sql-transcript-store.js';
import { startServer, type RunningServer } from '../channels/directline/directline-server.js';

const QUESTION = '公司拖欠我三个月工资，我该怎么办？';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

async function json(path: string, init: { method?: string; body?: unknown; token?: string } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(server.base + path, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  return { status: res.status, body: (await res.json()) as any };
}

async function transcript(channelId: string, conversationId: string): Promise<Activity[]> {
  const all: Activity[] = [];
  let token: string | undefined;
  do {
    const page = await server.state.transcripts.getTranscriptActivities(channelId, conversationId, token);
    all.push(...page.items);
    token = page.continuationToken;
  } while (token);
  return all;
}

const botMessages = (activities: Array<Partial<Activity>>) =>
  activities.filter((a) => a.type === 'message' && a.from?.role !== 'user').map((a) => a.text);

describe('transcripts end to end', () => {
  it('the state exposes the SQLite transcript store', () => {
    expect(server.state.transcripts).toBeInstanceOf(SqlTranscriptStore);
  });

  it('a Direct Line conversation: greeting, the citizen’s message and the bot’s answers, in order', async () => {
    const started = await json('/v3/directline/conversations', { method: 'POST', body: {} });
    expect(started.status).toBe(201);
    const { conversationId, token } = started.body as { conversationId: string; token: string };
    const posted = await json(`/v3/directline/conversations/${conversationId}/activities`, {
      method: 'POST', token, body: { type: 'message', from: { id: 'citizen' }, text: QUESTION, locale: 'zh-CN' },
    });
    expect(posted.status).toBe(200);
    const seen = (await json(`/v3/directline/conversations/${conversationId}/activities`, { token })).body.activities as Array<Partial<Activity>>;

    const stored = await transcript('directline', conversationId);
    expect(stored[0]).toMatchObject({ type: 'conversationUpdate', from: { role: 'user' } });
    const asked = stored.find((a) => a.type === 'message' && a.text === QUESTION);
    expect(asked, 'the citizen’s message').toMatchObject({ id: posted.body.id, from: { role: 'user' }, channelId: 'directline' });
    // Everything the bot showed the citizen (greeting and answer) is in the transcript, in the same order.
    const shown = botMessages(seen);
    expect(shown.length).toBeGreaterThanOrEqual(2);
    expect(botMessages(stored)).toEqual(shown);
    expect(stored.indexOf(asked!)).toBeLessThan(stored.findIndex((a) => a.text === shown.at(-1)));
    expect((await server.state.transcripts.listTranscripts('directline')).items.map((t) => t.id)).toContain(conversationId);
  });

  it('a Bot Framework expectReplies turn on /api/messages: the citizen’s activity and the replies it returned', async () => {
    const conversationId = 'bf-transcript-1';
    const res = await json('/api/messages', {
      method: 'POST',
      body: {
        type: 'message', id: 'bf-act-1', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:9',
        from: { id: 'citizen-1', name: '市民' }, recipient: { id: 'lawline', name: 'lawline' },
        conversation: { id: conversationId }, text: QUESTION, locale: 'zh-CN',
        timestamp: new Date().toISOString(), deliveryMode: 'expectReplies',
      },
    });
    expect(res.status).toBe(200);
    const returned = botMessages(res.body.activities);
    expect(returned.length).toBeGreaterThan(0);

    const stored = await transcript('emulator', conversationId);
    expect(stored[0]).toMatchObject({ id: 'bf-act-1', type: 'message', text: QUESTION, from: { id: 'citizen-1', role: 'user' } });
    expect(botMessages(stored)).toEqual(returned);
    expect(stored.slice(1).every((a) => a.from.id === 'lawline' && a.recipient.id === 'citizen-1')).toBe(true);
  });
});
