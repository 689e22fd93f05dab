/**
 * The lawyer console's push stream on the real server: auth, the whole queue first, a Direct Line citizen's 转人工
 * arriving as a push, a burst of changes coalesced into few deltas that add up to GET /handoff/queue, the per-account cap and clean closing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handoffOf } from '../../src/handoff/mount-handoff.js';
import { QUEUE_STREAM_DEFAULTS, queueStreamsOf } from '../../src/handoff/queue-stream.js';
import { directLineCitizen, DUTY_LAWYER, startServer, type ServerHarness } from '../support/server-harness.js';
import { openSse, type SseClient } from './sse-client.js';

/** The queue view without the waiting times, which grow between two reads. */
const still = (q: any) => ({ ...q, queue: q.queue.map(({ waitingMs: _w, ...t }: any) => t) });

describe('GET /api/v1/handoff/queue/stream', () => {
  let h: ServerHarness;
  let lawyer: string;
  let admin: string;
  const url = () => `${h.base}/api/v1/handoff/queue/stream`;
  const streams = () => queueStreamsOf(handoffOf(h.app)!)!;

  beforeAll(async () => {
    h = await startServer();
    admin = await h.login('boss', 'admin');
    lawyer = await h.login('duty1', 'lawyer');
    expect((await h.request('PUT', '/api/v1/handoff/roster', { lawyers: [DUTY_LAWYER] }, admin)).status).toBe(200);
  });
  afterAll(async () => h?.close());

  it('answers 401 without a token and 403 for an agent', async () => {
    expect((await h.request('GET', '/api/v1/handoff/queue/stream')).status).toBe(401);
    const agent = await h.login('agent1', 'agent');
    expect((await h.request('GET', '/api/v1/handoff/queue/stream', undefined, agent)).status).toBe(403);
  });

  it('sends the queue first, then pushes a Direct Line citizen\'s 转人工 and the offer', async () => {
    const stream = await openSse(url(), lawyer);
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(stream.headers.get('cache-control')).toBe('no-cache');
      expect(stream.headers.get('x-accel-buffering')).toBe('no');
      const first = await stream.next();
      expect(first.event).toBe('queue');
      const get = await h.request('GET', '/api/v1/handoff/queue', undefined, lawyer);
      expect(still(JSON.parse(first.data))).toEqual(still(get.body));

      expect((await h.request('PUT', '/api/v1/lawyers/me/presence', { status: 'online' }, lawyer)).status).toBe(200);
      const citizen = await directLineCitizen(h);
      const said = citizen.say('转人工');
      // The lawyer is online, so the ticket is offered to them as it is queued.
      const { queue } = await stream.until((q) => q.queue.some((t: any) => t.channelId === 'directline' && t.offeredToMe));
      expect(queue.presence).toBe('online');
      expect(queue.queue[0]).toMatchObject({ position: 1, status: 'offered', offeredToMe: true });
      expect(queue.queue[0].offerExpiresAt).toBeGreaterThan(Date.now());
      await said;
    } finally {
      stream.close();
    }
    await expect.poll(() => streams().stats().open).toBe(0);
  });

  it('coalesces a burst of changes into a few pushes', async () => {
    const service = handoffOf(h.app)!;
    const stream = await openSse(url(), admin);
    try {
      await stream.next();
      let changes = 0;
      const off = service.store.onChange(() => changes++);
      const before = streams().stats();
      // Started together, as a burst of requests would be; they take the hand-off lock one after another.
      const started = performance.now();
      const ids = (await Promise.all(Array.from({ length: 50 }, (_, i) => service.lawyers.escalate('agent1', { summary: `burst ${i}` })))).map((e) => e.id);
      off();
      const { queue, events } = await stream.until((q) => ids.every((id) => q.queue.some((t: any) => t.id === id)));
      const elapsed = performance.now() - started;
      expect(changes).toBeGreaterThanOrEqual(50);
      // 50 changes, each a transaction under the hand-off lock, are pushed at most once per gap, however fast or
      // slow the machine made them: a push per change would break this whenever the burst is quicker than 50 gaps.
      expect(events).toBeLessThanOrEqual(Math.floor(elapsed / QUEUE_STREAM_DEFAULTS.minGapMs) + 1);
      // Pushed as deltas, which add up to what GET says.
      expect(streams().stats().deltas - before.deltas).toBe(events);
      expect(still(queue)).toEqual(still((await h.request('GET', '/api/v1/handoff/queue', undefined, admin)).body));
      expect(streams().stats().snapshots - before.snapshots).toBeLessThanOrEqual(5);
    } finally {
      stream.close();
    }
  });

  it('tells the lawyer holding a chat, and nobody else, that a message arrived in it', async () => {
    const service = handoffOf(h.app)!;
    expect((await h.request('PUT', '/api/v1/lawyers/me/presence', { status: 'online' }, lawyer)).status).toBe(200);
    const citizen = await directLineCitizen(h);
    await citizen.say('转人工');
    const ticket = service.store.activeFor('directline', citizen.conversationId)!;
    expect((await h.request('POST', `/api/v1/handoff/${ticket.id}/accept`, undefined, lawyer)).status).toBe(200);
    const mine = await openSse(url(), lawyer);
    const other = await openSse(url(), admin);
    try {
      await mine.next();
      await other.next();
      await citizen.say('我的老板三个月没发工资');
      let chat = await mine.next();
      while (chat.event !== 'chat') chat = await mine.next();
      const sent = (await service.store.messages(ticket.id)).filter((m) => m.kind === 'citizen').at(-1)!;
      expect(sent.text).toBe('我的老板三个月没发工资');
      expect(JSON.parse(chat.data)).toEqual({ ticketId: ticket.id, id: sent.id });
      // The admin's stream saw queue events only: the next thing it hears of is a new ticket.
      const escalated = (await service.lawyers.escalate('agent1', { summary: '来电咨询' })).id;
      let e = await other.next();
      while (e.event !== 'queue-delta') {
        expect(e.event).not.toBe('chat');
        e = await other.next();
      }
      expect(e.data).toContain(escalated);
    } finally {
      mine.close();
      other.close();
    }
  });

  it('caps the streams of one account and frees a place when one closes', async () => {
    const open: SseClient[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        open.push(await openSse(url(), lawyer));
        await open[i]!.next();
      }
      expect((await h.request('GET', '/api/v1/handoff/queue/stream', undefined, lawyer)).status).toBe(429);
      expect((await openSse(url(), admin)).status).toBe(200); // other accounts are not affected
      open.shift()!.close();
      await expect.poll(() => streams().stats().open).toBeLessThanOrEqual(5);
      const again = await openSse(url(), lawyer);
      open.push(again);
      expect(again.status).toBe(200);
    } finally {
      for (const s of open) s.close();
    }
  });
});
