/**
 * Every endpoint that takes a body answers bad input with 4xx, never 500 and never a stack trace. The bodies are
 * generated from one valid body per endpoint: invalid JSON, JSON that is not an object, each field (and each field
 * of a nested object) deleted or replaced by values of other types, empty and huge strings, unknown fields, a body
 * over the size limit and deeply nested JSON.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedQuery, TOKEN } from '../channels/wechat/wechat-kit.js';
import { DUTY_LAWYER, startServer, type ServerHarness } from '../support/server-harness.js';

interface Endpoint {
  method: 'POST' | 'PUT';
  path: () => string;
  body: () => Record<string, unknown>;
  token?: () => string;
  /** Dotted paths of fields without which the body is invalid. */
  required: string[];
}

interface Variant { label: string; raw: string; /** The body is certainly invalid: the answer must be 4xx. */ invalid: boolean }

const HUGE = 'x'.repeat(100_000);
const REPLACEMENTS: unknown[] = [null, 0, -1, 1.5, true, [], {}, '', HUGE, ['x'], { nested: { deep: 1 } }, '<script>', '\u0000'];
const INVALID_JSON = ['{', '{"text":', '{"text": "a",}', "{'text': 'a'}", '[1,', 'tru', '{"a":1}}', 'undefined', '\u0000', '{"text": "\\u12"}'];
const NOT_AN_OBJECT = ['null', '0', '"text"', 'true', '[]', '[{}]', '[null]'];

const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** Every top-level field, and every field of a nested (non-array) object, as a dotted path. */
function fieldPaths(body: Record<string, unknown>): string[] {
  return Object.entries(body).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v) ? [k, ...Object.keys(v).map((n) => `${k}.${n}`)] : [k]);
}

function getPath(body: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], body);
}

/** A deep copy of `body` with `path` set to `value` (or deleted when `value` is `DELETE`). */
const DELETE = Symbol('delete');
function withPath(body: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(body);
  const keys = path.split('.');
  const parent = keys.slice(0, -1).reduce<Record<string, unknown>>((o, k) => o[k] as Record<string, unknown>, copy);
  const last = keys[keys.length - 1]!;
  if (value === DELETE) delete parent[last];
  else parent[last] = value;
  return copy;
}

function variants(endpoint: Endpoint): Variant[] {
  const body = endpoint.body();
  const out: Variant[] = [
    ...INVALID_JSON.map((raw) => ({ label: `invalid JSON ${JSON.stringify(raw)}`, raw, invalid: true })),
    ...NOT_AN_OBJECT.map((raw) => ({ label: `not an object: ${raw}`, raw, invalid: true })),
    { label: 'empty body', raw: '', invalid: true },
    { label: 'an unknown field', raw: JSON.stringify({ ...body, unexpectedField: HUGE }), invalid: false },
  ];
  for (const path of fieldPaths(body)) {
    const original = getPath(body, path);
    out.push({ label: `${path} deleted`, raw: JSON.stringify(withPath(body, path, DELETE)), invalid: endpoint.required.includes(path) });
    for (const value of REPLACEMENTS) {
      out.push({
        label: `${path} = ${JSON.stringify(value).slice(0, 30)}`,
        raw: JSON.stringify(withPath(body, path, value)),
        // A value of another type than the valid one is never accepted; a same-typed one may be.
        invalid: kind(value) !== kind(original),
      });
    }
  }
  return out;
}

/** A stand-in for a Bot Framework connector, for replies to activities that do not ask for expectReplies. */
async function startConnector(): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"c1"}'));
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let h: ServerHarness;
let connector: Awaited<ReturnType<typeof startConnector>>;
const tokens: Record<string, string> = {};
let directLine: { conversationId: string; token: string };

beforeAll(async () => {
  h = await startServer();
  connector = await startConnector();
  tokens.agent = await h.login('fuzz-agent', 'agent');
  tokens.lawyer = await h.login(DUTY_LAWYER.username, 'lawyer');
  tokens.admin = await h.login('fuzz-admin', 'admin');
  expect((await h.request('PUT', '/api/v1/handoff/roster', { lawyers: [DUTY_LAWYER] }, tokens.admin)).status).toBe(200);
  const started = await fetch(`${h.base}/v3/directline/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  directLine = (await started.json()) as { conversationId: string; token: string };
});
afterAll(async () => {
  await h.close();
  await connector.close();
});

const ENDPOINTS: Record<string, Endpoint> = {
  '/api/messages': {
    method: 'POST',
    path: () => '/api/messages',
    body: () => ({
      type: 'message', id: 'fuzz-1', channelId: 'emulator', serviceUrl: connector.url, text: '公司拖欠工资怎么办',
      locale: 'zh-CN', deliveryMode: 'expectReplies', timestamp: '2026-12-04T10:00:00.000Z',
      from: { id: 'citizen-1', name: '市民' }, recipient: { id: 'lawline', name: 'lawline' }, conversation: { id: 'fuzz-conversation' },
    }),
    required: ['type', 'channelId', 'serviceUrl', 'conversation', 'conversation.id'],
  },
  '/api/v1/ask': { method: 'POST', path: () => '/api/v1/ask', body: () => ({ text: '公司拖欠工资怎么办' }), required: ['text'] },
  '/api/v1/classify': { method: 'POST', path: () => '/api/v1/classify', body: () => ({ text: '离婚后孩子归谁' }), required: ['text'] },
  '/api/v1/search': { method: 'POST', path: () => '/api/v1/search', body: () => ({ text: '工伤认定', kind: 'article', limit: 5 }), required: ['text'] },
  '/api/v1/eligibility': {
    method: 'POST',
    path: () => '/api/v1/eligibility',
    body: () => ({ id: 'fuzz-1', matter: 'state_compensation', household: { size: 1, monthlyIncome: 2000 }, standard: { cityUrbanIncomePerYear: 60000 } }),
    required: ['id', 'matter'],
  },
  '/api/v1/calculate': {
    method: 'POST', path: () => '/api/v1/calculate', body: () => ({ kind: 'court_fee', caseType: 'property', claimAmount: 50000 }), required: ['kind', 'caseType', 'claimAmount'],
  },
  '/api/v1/auth/login': { method: 'POST', path: () => '/api/v1/auth/login', body: () => ({ username: 'fuzz-agent', password: 'wrong-password' }), required: ['username', 'password'] },
  '/api/v1/assist': { method: 'POST', path: () => '/api/v1/assist', body: () => ({ text: '我被公司辞退了' }), token: () => tokens.agent!, required: ['text'] },
  '/api/v1/lawyers/me/presence': { method: 'PUT', path: () => '/api/v1/lawyers/me/presence', body: () => ({ status: 'offline' }), token: () => tokens.lawyer!, required: ['status'] },
  '/api/v1/handoff/roster': { method: 'PUT', path: () => '/api/v1/handoff/roster', body: () => ({ lawyers: [DUTY_LAWYER] }), token: () => tokens.admin!, required: ['lawyers'] },
  '/api/v1/preapplications/:ref/status': {
    method: 'PUT', path: () => '/api/v1/preapplications/LA-20261204-0001/status', body: () => ({ status: 'rejected', note: '材料不全' }), token: () => tokens.agent!, required: ['status'],
  },
  '/api/v1/feedback': { method: 'POST', path: () => '/api/v1/feedback', body: () => ({ conversationId: 'c1', question: '狗咬人谁负责', helpful: false, comment: '没用' }), required: ['question', 'helpful'] },
  '/api/v1/documents': {
    method: 'POST', path: () => '/api/v1/documents',
    body: () => ({
      kind: 'labour_arbitration_application', format: 'docx', county: '英德',
      fields: { applicant: { name: '张三', phone: '13812345678' }, respondent: { name: '某公司' }, claims: ['支付工资'], facts: '拖欠工资', evidence: ['工资条'] },
    }),
    required: ['kind', 'format', 'fields', 'fields.applicant', 'fields.respondent', 'fields.claims', 'fields.facts'],
  },
  '/api/v1/region/hardship-standard': {
    method: 'PUT', path: () => '/api/v1/region/hardship-standard', token: () => tokens.admin!,
    body: () => ({ cityUrbanIncomePerYear: 48000, year: 2099, source: 'https://example.invalid/test-only' }), required: ['cityUrbanIncomePerYear', 'year', 'source'],
  },
  '/api/v1/upkeep/:id/resolve': {
    method: 'POST', path: () => '/api/v1/upkeep/999999/resolve', token: () => tokens.admin!,
    body: () => ({ action: 'new_entry', topic: '人身损害', questions: ['狗咬人谁赔'], answer: '由饲养人赔偿。', basis: [{ law: '民法典', article: 1245, paragraph: 1 }] }),
    required: ['action', 'topic', 'questions', 'answer', 'basis', 'basis.0.law', 'basis.0.article'],
  },
  '/v3/directline/conversations/:id/activities': {
    method: 'POST',
    path: () => `/v3/directline/conversations/${directLine.conversationId}/activities`,
    body: () => ({ type: 'message', text: '你好', from: { id: `dl_${directLine.conversationId}`, name: '市民' } }),
    token: () => directLine.token,
    required: ['type'],
  },
};

async function send(endpoint: Endpoint, raw: string): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const token = endpoint.token?.();
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(h.base + endpoint.path(), { method: endpoint.method, headers, body: raw });
  return { status: res.status, text: await res.text() };
}

/** What a stack trace or an internal path looks like in a reply. */
const LEAK = /\n\s+at \S|node_modules|\/src\/|\.ts:\d+/;

describe.each(Object.entries(ENDPOINTS))('%s with malformed bodies', (_name, endpoint) => {
  it('answers 4xx (or, for a body that may still be valid, anything but 5xx), never a stack trace', async () => {
    const wrong: string[] = [];
    for (const v of variants(endpoint)) {
      const { status, text } = await send(endpoint, v.raw);
      const ok = status < 500 && (!v.invalid || status >= 400) && !LEAK.test(text);
      if (!ok) wrong.push(`${v.label}: ${status} ${text.slice(0, 160)}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('answers 413 to a body over the size limit and 4xx to very deep JSON', async () => {
    const big = await send(endpoint, JSON.stringify({ ...endpoint.body(), padding: 'x'.repeat(300_000) }));
    expect(big.status).toBe(413);
    const deep = await send(endpoint, `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`);
    expect(deep.status).toBeGreaterThanOrEqual(400);
    expect(deep.status).toBeLessThan(500);
    expect(LEAK.test(deep.text)).toBe(false);
  });
});

describe('/wechat with malformed XML', () => {
  let wechat: ServerHarness;
  beforeAll(async () => {
    wechat = await startServer({ WECHAT_TOKEN: TOKEN });
  });
  afterAll(async () => {
    await wechat.close();
  });

  const FIELDS: Record<string, string> = {
    ToUserName: '<![CDATA[gh_lawline_test]]>', FromUserName: '<![CDATA[oFuzzOpenid]]>', CreateTime: '1700000000',
    MsgType: '<![CDATA[text]]>', Content: '<![CDATA[公司拖欠工资怎么办]]>', MsgId: '1234567890',
  };
  const xml = (fields: Record<string, string | undefined>) =>
    `<xml>${Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => `<${k}>${v}</${k}>`).join('')}</xml>`;

  function xmlVariants(): Array<{ label: string; raw: string }> {
    const out = [
      '', 'not xml at all', '<xml>', '<xml></xml>', '<xml><MsgType>text</MsgType>', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><xml>&a;</xml>',
      '{"MsgType":"text"}', `<xml>${'<a>'.repeat(2000)}${'</a>'.repeat(2000)}</xml>`, '<xml><Encrypt><![CDATA[AAAA]]></Encrypt></xml>',
    ].map((raw) => ({ label: `raw ${JSON.stringify(raw.slice(0, 40))}`, raw }));
    Object.keys(FIELDS).forEach((field, i) => {
      const replacements = ['', 'x'.repeat(100_000), '<inner><deeper>1</deeper></inner>', '<![CDATA[]]>', '-1', 'image'];
      out.push({ label: `${field} deleted`, raw: xml({ ...FIELDS, [field]: undefined }) });
      for (const value of replacements) out.push({ label: `${field} = ${value.slice(0, 20)}`, raw: xml({ ...FIELDS, MsgId: String(1000 + i * 10 + replacements.indexOf(value)), [field]: value }) });
    });
    return out;
  }

  it('answers 4xx or a reply, never 5xx or a stack trace', async () => {
    const wrong: string[] = [];
    for (const v of xmlVariants()) {
      const res = await fetch(`${wechat.base}/wechat?${new URLSearchParams(signedQuery())}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body: v.raw });
      const text = await res.text();
      if (res.status >= 500 || LEAK.test(text)) wrong.push(`${v.label}: ${res.status} ${text.slice(0, 160)}`);
    }
    const aes = await fetch(`${wechat.base}/wechat?${new URLSearchParams(signedQuery({ encrypt_type: 'aes', msg_signature: 'x' }))}`, { method: 'POST', body: xml(FIELDS) });
    if (aes.status < 400 || aes.status >= 500) wrong.push(`safe mode without a key: ${aes.status}`);
    expect(wrong).toEqual([]);
  }, 120_000);
});

describe('GET endpoints with malformed path and query parameters', () => {
  const ODD = ['abc', '-1', '1.5', '%00', '%E4%B8', 'x'.repeat(5000), '9'.repeat(400), '..%2F..%2Fetc%2Fpasswd', '[]', '{}'];
  const paths = (): Array<[string, string | undefined]> => [
    ...ODD.flatMap((v): Array<[string, string | undefined]> => [
      [`/v3/directline/conversations/${directLine.conversationId}/activities?watermark=${v}`, directLine.token],
      [`/v3/directline/conversations/${v}`, directLine.token],
      [`/api/v1/preapplications/${v}`, tokens.agent],
      [`/api/v1/preapplications/${v}/documents/${v}?format=${v}`, tokens.agent],
      [`/api/v1/documents/download/${v}?format=${v}`, undefined],
      [`/api/v1/documents/download/${v}`, undefined],
      [`/api/v1/handoff/${v}/messages?after=${v}`, tokens.admin],
      [`/api/v1/stats/handoff?since=${v}`, tokens.admin],
      [`/api/v1/handoff/callbacks?status=${v}`, tokens.admin],
      [`/api/v1/handoff/queue?x=${v}`, tokens.lawyer],
      [`/api/v1/stats/overview?from=${v}&to=${v}&county=${v}`, tokens.admin],
      [`/api/v1/stats/overview?to=${v}`, tokens.admin],
      [`/api/v1/upkeep/basis?law=${v}&article=${v}&paragraph=${v}`, tokens.admin],
      [`/api/v1/upkeep/entries?q=${v}`, tokens.admin],
    ]),
    ['/api/v1/upkeep/basis?law[a]=b&article=1&article=2', tokens.admin],
    ['/api/v1/upkeep/entries?q[]=1', tokens.admin],
    [`/v3/directline/conversations/${directLine.conversationId}/activities?watermark=1&watermark=2`, directLine.token],
    ['/api/v1/stats/handoff?since=1&since=2', tokens.admin],
    ['/api/v1/stats/overview?county[a]=b&from[]=1', tokens.admin],
    ['/api/v1/handoff/callbacks?status[a]=b', tokens.admin],
  ];

  it('answers 2xx or 4xx, never 5xx or a stack trace', async () => {
    const wrong: string[] = [];
    for (const [path, token] of paths()) {
      const res = await fetch(h.base + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      const text = await res.text();
      if (res.status >= 500 || LEAK.test(text)) wrong.push(`${path.slice(0, 100)}: ${res.status} ${text.slice(0, 160)}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
