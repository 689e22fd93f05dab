/**
 * Hand-off over a Bot Framework channel: the citizen talks to /api/messages as the Emulator or Azure Bot Service
 * would (replies go to the activity's serviceUrl), and the duty lawyer's messages reach the citizen as proactive
 * messages through that same connector.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DUTY_LAWYER, startServer, type ServerHarness } from '../support/server-harness.js';

interface Posted { path: string; activity: { type: string; text?: string; name?: string } }

/** A stand-in for a channel connector: records every activity the bot posts to it. */
async function startConnector() {
  const posted: Posted[] = [];
  const waiters: Array<() => void> = [];
  const server: Server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    posted.push({ path: req.url ?? '', activity: JSON.parse(body || '{}') });
    waiters.splice(0).forEach((w) => w());
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `c${posted.length}` }));
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posted,
    /** Resolves once a posted message's text matches. */
    async waitForText(pattern: RegExp): Promise<Posted> {
      for (;;) {
        const hit = posted.find((p) => pattern.test(p.activity.text ?? ''));
        if (hit) return hit;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('hand-off relay on a Bot Framework channel', () => {
  let h: ServerHarness;
  let connector: Awaited<ReturnType<typeof startConnector>>;
  let lawyer: string;

  beforeAll(async () => {
    h = await startServer();
    connector = await startConnector();
    const admin = await h.login('bf-admin', 'admin');
    lawyer = await h.login('duty1', 'lawyer');
    expect((await h.request('PUT', '/api/v1/handoff/roster', { lawyers: [DUTY_LAWYER] }, admin)).status).toBe(200);
  });
  afterAll(async () => {
    await h?.close();
    await connector?.close();
  });

  const send = (text: string) =>
    fetch(`${h.base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message', id: `m-${Math.random()}`, text, channelId: 'emulator', serviceUrl: connector.url,
        from: { id: 'citizen-1', name: '市民' }, recipient: { id: 'lawline', name: 'lawline' },
        conversation: { id: 'bf-conversation-1' }, timestamp: new Date().toISOString(),
      }),
    });

  it('queues the citizen, and relays the lawyer’s message to the citizen’s connector', async () => {
    expect((await h.request('PUT', '/api/v1/lawyers/me/presence', { status: 'online' }, lawyer)).status).toBe(200);
    expect((await send('转人工')).status).toBe(200);
    const queued = await connector.waitForText(/排队转接值班律师/);
    expect(queued.path).toContain('/v3/conversations/bf-conversation-1/activities');

    const queue = await h.request('GET', '/api/v1/handoff/queue', undefined, lawyer);
    const ticket = queue.body.queue.find((t: { channelId: string }) => t.channelId === 'emulator');
    expect(ticket).toBeTruthy();
    expect((await h.request('POST', `/api/v1/handoff/${ticket.id}/accept`, undefined, lawyer)).status).toBe(200);
    await connector.waitForText(/已接入/);

    expect((await h.request('POST', `/api/v1/handoff/${ticket.id}/messages`, { text: '您好，请说说您的情况。' }, lawyer)).status).toBe(201);
    const relayed = await connector.waitForText(/请说说您的情况/);
    expect(relayed.path).toContain('/v3/conversations/bf-conversation-1/activities');

    // The citizen's reply goes to the lawyer, not to the bot.
    const before = connector.posted.length;
    expect((await send('公司欠了我三个月工资')).status).toBe(200);
    const messages = await h.request('GET', `/api/v1/handoff/${ticket.id}/messages`, undefined, lawyer);
    expect(messages.body.messages.map((m: { text: string }) => m.text)).toContain('公司欠了我三个月工资');
    expect(connector.posted.slice(before).some((p) => /法律规定/.test(p.activity.text ?? ''))).toBe(false);
  });
});
