import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_TEXT_LENGTH } from '../../src/assistant/requests.js';
import { DISCLAIMER } from '../../src/knowledge/answer-composer.js';
import { closeApp, createApp } from '../../src/server/app.js';
import type { Express } from 'express';
import { SERVICE_INTENTS, TOPIC_LABELS } from '../../src/vocabulary.js';
import { testLawline } from '../support/lawline.js';

let server: Server;
let app: Express;
let base: string;
beforeAll(async () => {
  app = await createApp(testLawline());
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await closeApp(app);
});

async function post(path: string, body: unknown, contentType = 'application/json') {
  const res = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as any };
}

const WAGES = '公司拖欠我三个月工资怎么办';

describe('GET /healthz', () => {
  it('reports ok with the number of indexed documents', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; docs: number };
    expect(body.status).toBe('ok');
    expect(body.docs).toBeGreaterThan(1000);
  });
});

describe('POST /api/v1/ask', () => {
  it('answers first, with the quoted paragraphs, cases, guides and a confidence', async () => {
    const { status, body } = await post('/api/v1/ask', { text: WAGES });
    expect(status).toBe(200);
    expect(typeof body.answer).toBe('string');
    expect(body.answer).toContain(DISCLAIMER);
    // The direct answer comes first; `faq` names the bank entry it came from, when one did.
    expect(body.answer.startsWith(body.direct)).toBe(true);
    expect(body.faq === null || (typeof body.faq.id === 'string' && typeof body.faq.question === 'string')).toBe(true);
    expect(body.citations.length).toBeGreaterThan(0);
    for (const c of body.citations) {
      expect(Object.keys(c).sort()).toEqual(['article', 'effectiveFrom', 'law', 'paragraph', 'paragraphs', 'text', 'version']);
      expect(typeof c.law).toBe('string');
      expect(c.paragraph === null || Number.isInteger(c.paragraph)).toBe(true);
      expect(Number.isInteger(c.article)).toBe(true);
      expect(c.text.length).toBeGreaterThan(0);
    }
    expect(Array.isArray(body.cases)).toBe(true);
    for (const c of body.cases) expect(c).toEqual({ id: expect.any(String), year: expect.any(Number), title: expect.any(String) });
    expect(body.guides.map((g: { id: string }) => g.id)).toContain('labour-arbitration');
    expect(body.confidence).toBeGreaterThanOrEqual(0);
    expect(body.confidence).toBeLessThanOrEqual(1);
  });

  it.each([
    ['empty text', { text: '' }, /text: text must not be empty/],
    ['blank text', { text: '   ' }, /text: text must not be empty/],
    ['missing text', {}, /text: text is required/],
    ['wrong type', { text: 123 }, /text: text must be a string/],
    ['null text', { text: null }, /text: text must be a string/],
    ['array body', [{ text: WAGES }], /must be a JSON object/],
    ['text over the limit', { text: '欠'.repeat(MAX_TEXT_LENGTH + 1) }, /text is too long \(at most 2000 characters\)/],
    ['100 KB of text', { text: 'a'.repeat(100_000) }, /text is too long/],
  ])('400 with a clear message for %s', async (_name, body, message) => {
    const res = await post('/api/v1/ask', body);
    expect(res.status).toBe(400);
    expect(res.type).toContain('application/json');
    expect(res.body.error).toMatch(message);
  });

  it('400 for a body that is not JSON', async () => {
    const res = await post('/api/v1/ask', '{"text": 公司');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/^request body is not valid JSON/);
  });

  it('400 asking for JSON when the body is sent as plain text', async () => {
    const res = await post('/api/v1/ask', WAGES, 'text/plain');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/JSON object \(Content-Type: application\/json\)/);
  });

  it('413 for a body over the body limit', async () => {
    const res = await post('/api/v1/ask', { text: 'a'.repeat(300 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.error).toBe('request body is too large');
  });
});

describe('unknown routes', () => {
  it.each([['GET', '/nope'], ['POST', '/api/v1/nope'], ['GET', '/api/v1/ask']])('%s %s → 404 JSON', async (method, path) => {
    const res = await fetch(base + path, { method });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toEqual({ error: 'not found' });
  });
});

describe('POST /api/v1/classify', () => {
  it('returns intent, domain, confidence, risk and entities from the shared label sets', async () => {
    const { status, body } = await post('/api/v1/classify', { text: WAGES });
    expect(status).toBe(200);
    expect(SERVICE_INTENTS).toContain(body.intent);
    expect(TOPIC_LABELS).toContain(body.domain);
    expect(TOPIC_LABELS).toHaveLength(20);
    expect(body.domain).toBe('劳动纠纷');
    expect(body.confidence).toBeGreaterThan(0);
    expect(body.confidence).toBeLessThanOrEqual(1);
    expect(body.risk).toBeNull();
    expect(Array.isArray(body.entities)).toBe(true);
  });

  it('400 naming the field for bad input', async () => {
    const res = await post('/api/v1/classify', { txt: WAGES });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/^text: /);
  });
});

describe('POST /api/v1/search', () => {
  it('filters by kind and respects the limit', async () => {
    const { status, body } = await post('/api/v1/search', { text: '拖欠工资', kind: 'guide', limit: 2 });
    expect(status).toBe(200);
    expect(body.results).toHaveLength(2);
    for (const r of body.results) expect(r.kind).toBe('guide');
    expect(body.results[0].ref).toBe('labour-arbitration');
  });

  it('returns articles with their law and number', async () => {
    const { body } = await post('/api/v1/search', { text: '拖欠工资', kind: 'article', limit: 3 });
    expect(body.results).toHaveLength(3);
    for (const r of body.results) {
      expect(typeof r.law).toBe('string');
      expect(Number.isInteger(r.article)).toBe(true);
    }
  });

  it('400 for an unknown kind or a limit out of range', async () => {
    expect((await post('/api/v1/search', { text: '工资', kind: 'law' })).body.error).toMatch(/^kind: /);
    const res = await post('/api/v1/search', { text: '工资', limit: 500 });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/^limit: /);
  });
});

describe('POST /api/v1/eligibility', () => {
  it('returns a decision with its legal basis', async () => {
    const { status, body } = await post('/api/v1/eligibility', {
      id: 'api-1', matter: 'labour_remuneration', household: { size: 1, monthlyIncome: 1000 }, standard: { cityUrbanIncomePerYear: 60000 },
    });
    expect(status).toBe(200);
    expect(body.id).toBe('api-1');
    expect(body.decision).toBe('eligible');
    expect(body.basis.length).toBeGreaterThan(0);
  });

  it('400 naming the field on bad input', async () => {
    const res = await post('/api/v1/eligibility', { id: 'api-2', matter: 'labour_remuneration', household: { size: 'two' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/household\.size/);
    const unknown = await post('/api/v1/eligibility', { id: 'api-3', matter: 'divorce' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatch(/matter/);
  });

  it('400 for a body that is not an object', async () => {
    const res = await post('/api/v1/eligibility', [1, 2]);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/JSON object/);
  });
});

describe('POST /api/messages (Bot Framework)', () => {
  it('answers an expectReplies activity with the same text as /api/v1/ask', async () => {
    const activity = {
      type: 'message',
      id: 'act-1',
      channelId: 'test',
      serviceUrl: 'http://127.0.0.1:9',
      from: { id: 'user-1', name: 'citizen' },
      recipient: { id: 'lawline-bot' },
      conversation: { id: 'conv-1' },
      text: WAGES,
      locale: 'zh-CN',
      deliveryMode: 'expectReplies',
    };
    const bot = await post('/api/messages', activity);
    expect(bot.status).toBe(200);
    const replies = (bot.body.activities as Array<{ type: string; text?: string; channelData?: any }>).filter((a) => a.type === 'message');
    expect(replies.length).toBeGreaterThan(0);
    const api = await post('/api/v1/ask', { text: WAGES });
    const reply = replies.find((a) => a.text?.includes(api.body.answer));
    expect(reply, 'a reply carrying the /api/v1/ask answer').toBeDefined();
    expect(reply!.text!.startsWith(api.body.answer)).toBe(true);
    for (const c of api.body.citations) expect(reply!.text).toContain(`《${c.law}》第${c.article}条`);
  });
});
