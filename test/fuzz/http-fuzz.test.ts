/**
 * Property-based fuzzing (fast-check) of every HTTP route lawline declares (./routes.ts reads them from src/), on the
 * real app with WeChat configured: malformed and deeply nested JSON, wrong types in otherwise valid bodies, huge
 * strings, control characters and invalid UTF-8, odd content types, path parameters and query strings, with every
 * kind of caller (no token, each staff role, a Direct Line token). Then Direct Line activities of every type
 * (unknown ones too) on both bot endpoints, and WeChat XML variants with valid signatures: missing fields,
 * entity declarations (XXE, entity expansion), CDATA tricks and very large bodies.
 * Properties: never a 5xx, never a stack trace or internal path in the answer, /healthz stays 200.
 */
import fc from 'fast-check';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedQuery, TOKEN } from '../channels/wechat/wechat-kit.js';
import { DUTY_LAWYER, startServer, type ServerHarness } from '../support/server-harness.js';
import { declaredRoutes, type Route } from './routes.js';

/**
 * A stack frame, a source or module path, this machine's folders or a system file's content: never in an answer.
 * (A path the request itself sent, such as ../../etc/passwd, may be echoed in a 400 naming the bad field.)
 */
const LEAK = /\n\s+at \S|node_modules|\/src\/|\.ts:\d+|\/work\/|\/home\/|root:x:0/;
const RUNS_PER_ROUTE = 20;

let h: ServerHarness;
let connector: { url: string; close(): Promise<void> };
const tokens: Record<string, string> = {};
let directLine: { conversationId: string; token: string };
const seen = { requests: 0, malformed: 0, statuses: new Map<number, number>() };

/** Replies to the Bot Framework activities lawline sends when a request did not ask for expectReplies. */
async function startConnector() {
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"c1"}'));
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

beforeAll(async () => {
  h = await startServer({ WECHAT_TOKEN: TOKEN });
  connector = await startConnector();
  for (const role of ['agent', 'admin', 'supervisor'] as const) tokens[role] = await h.login(`fuzz-${role}`, role);
  tokens.lawyer = await h.login(DUTY_LAWYER.username, 'lawyer');
  expect((await h.request('PUT', '/api/v1/handoff/roster', { lawyers: [DUTY_LAWYER] }, tokens.admin)).status).toBe(200);
  const started = await fetch(`${h.base}/v3/directline/conversations`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  directLine = (await started.json()) as { conversationId: string; token: string };
  tokens.directline = directLine.token;
});
afterAll(async () => {
  console.log(`http fuzz: ${seen.requests} requests (${seen.malformed} with malformed bodies); statuses ${JSON.stringify(Object.fromEntries(seen.statuses))}`);
  await h?.close();
  await connector?.close();
});

// ---------------------------------------------------------------- generators

const controlChars = fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 40 });
const hugeString = fc.tuple(fc.string({ minLength: 1, maxLength: 3, unit: 'binary' }), fc.integer({ min: 5_000, max: 60_000 })).map(([s, n]) => s.repeat(n));
const oddString = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), controlChars, hugeString, fc.constantFrom('', ' ', '\u0000', '\uFFFF', '\uD800', '<script>alert(1)</script>', '../../etc/passwd', '%00', '__proto__', 'constructor'));
/** Values of every JSON type, odd strings included, nested a little. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  fc.jsonValue({ maxDepth: 3 }),
  oddString,
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -0, Number.MAX_SAFE_INTEGER + 2),
  fc.array(oddString, { maxLength: 3 }),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'text', 'id', 'type', 'a'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
);

/** Deeply nested JSON text (some past the body limit). */
const deepJson = fc.tuple(fc.integer({ min: 100, max: 60_000 }), fc.constantFrom('array', 'object', 'mixed')).map(([n, kind]) =>
  kind === 'array' ? `${'['.repeat(n)}${']'.repeat(n)}` : kind === 'object' ? `${'{"a":'.repeat(n)}1${'}'.repeat(n)}` : `${'[{"a":'.repeat(n)}0${'}]'.repeat(n)}`);

/** Valid-looking bodies per route (the fields each handler reads), mutated below; routes not listed get random objects. */
const SEEDS: Record<string, () => Record<string, unknown>> = {
  'POST /api/v1/ask': () => ({ text: '公司拖欠工资怎么办' }),
  'POST /api/v1/classify': () => ({ text: '离婚后孩子归谁' }),
  'POST /api/v1/search': () => ({ text: '工伤认定', kind: 'article', limit: 5 }),
  'POST /api/v1/eligibility': () => ({ id: 'f1', matter: 'labour_remuneration', household: { size: 3, monthlyIncome: 2000 }, county: '英德市' }),
  'POST /api/v1/feedback': () => ({ conversationId: 'c1', question: '狗咬人谁负责', helpful: false, comment: '没用' }),
  'POST /api/v1/auth/login': () => ({ username: 'fuzz-agent', password: 'wrong-password' }),
  'POST /api/v1/assist': () => ({ text: '我被公司辞退了', county: '清城区' }),
  'PUT /api/v1/lawyers/me/presence': () => ({ status: 'offline' }),
  'PUT /api/v1/handoff/roster': () => ({ lawyers: [DUTY_LAWYER] }),
  'POST /api/v1/handoff/escalate': () => ({ summary: '来电咨询工伤', topic: '劳动纠纷', county: '英德市', phone: '13812345678' }),
  'POST /api/v1/handoff/:id/messages': () => ({ text: '您好' }),
  'POST /api/v1/handoff/:id/notes': () => ({ text: '备注' }),
  'POST /api/v1/handoff/:id/close': () => ({ returnToBot: true }),
  'PUT /api/v1/handoff/callbacks/:id': () => ({ status: 'done', note: '已回电' }),
  'PUT /api/v1/preapplications/:ref/status': () => ({ status: 'under_review', note: '材料不全' }),
  'PUT /api/v1/region/hardship-standard': () => ({ cityUrbanIncomePerYear: 48000, year: 2099, source: 'https://example.invalid/test-only' }),
  'POST /v3/directline/conversations/:id/activities': () => ({ type: 'message', text: '你好', from: { id: `dl_${directLine.conversationId}` } }),
  'POST /api/messages': () => botActivity('message'),
};

function botActivity(type: string): Record<string, unknown> {
  return {
    type, id: 'fuzz-1', channelId: 'emulator', serviceUrl: connector.url, text: '公司拖欠工资怎么办', locale: 'zh-CN',
    deliveryMode: 'expectReplies', timestamp: '2026-12-04T10:00:00.000Z',
    from: { id: 'citizen-1', name: '市民' }, recipient: { id: 'lawline', name: 'lawline' }, conversation: { id: 'fuzz-conversation' },
  };
}

/** A copy of `body` with one field (top-level or nested) deleted or given a value of any type. */
const mutated = (seed: () => Record<string, unknown>) => fc.tuple(fc.nat(), fc.option(anyValue, { nil: undefined }), fc.boolean()).map(([pick, value, extra]) => {
  const body = structuredClone(seed());
  const paths: string[][] = [];
  for (const [k, v] of Object.entries(body)) {
    paths.push([k]);
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const n of Object.keys(v)) paths.push([k, n]);
  }
  const path = paths[pick % paths.length]!;
  const parent = path.slice(0, -1).reduce<any>((o, k) => o[k], body);
  if (value === undefined) delete parent[path.at(-1)!];
  else parent[path.at(-1)!] = value;
  if (extra) (body as Record<string, unknown>).unexpectedField = value ?? 'x';
  return JSON.stringify(body);
});

/** JSON text cut short or with a stray character: never valid. */
const brokenJson = (seed: () => Record<string, unknown>) => fc.tuple(fc.nat(), fc.constantFrom('', ',', '}', '"', '\\', '\u0000', "'")).map(([at, junk]) => {
  const text = JSON.stringify(seed());
  const cut = 1 + (at % (text.length - 1));
  return junk ? text.slice(0, cut) + junk + text.slice(cut) : text.slice(0, cut);
});

const invalidUtf8 = fc.tuple(fc.constantFrom([0xff], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe4, 0xbd]), fc.uint8Array({ maxLength: 200 }))
  .map(([bad, rest]) => Buffer.concat([Buffer.from('{"text":"'), Buffer.from(bad), Buffer.from(rest), Buffer.from('"}')]));

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'application/vnd.api+json', 'text/plain',
  'application/x-www-form-urlencoded', 'text/xml', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', undefined] as const;

type Payload = { body: string | Buffer | undefined; type: string | undefined; malformed: boolean };

const payload = (seed: (() => Record<string, unknown>) | undefined): fc.Arbitrary<Payload> => {
  const s = seed ?? (() => ({ text: '你好', id: 1 }));
  const json = (body: fc.Arbitrary<string | Buffer>) => fc.tuple(body, fc.constantFrom(...CONTENT_TYPES.slice(0, 4))).map(([b, type]) => ({ body: b, type, malformed: true }));
  return fc.oneof(
    json(mutated(s)),
    json(brokenJson(s)),
    json(deepJson),
    json(invalidUtf8),
    json(anyValue.map((v) => JSON.stringify(v) ?? 'undefined')),
    json(hugeString.map((x) => JSON.stringify({ ...s(), text: x }))),
    fc.tuple(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), controlChars), fc.constantFrom(...CONTENT_TYPES)).map(([b, type]) => ({ body: b, type, malformed: true })),
    fc.constant({ body: undefined, type: undefined, malformed: false }),
  );
};

const pathValue = fc.oneof(
  fc.constantFrom('1', '0', '-1', 'LA-20261204-0001', '..', '%2e%2e%2fetc%2fpasswd', '%00', '%E0%A4%A', '%', 'queue', 'null', '1e999'),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).map(encodeURIComponent),
  fc.integer({ min: 1_000, max: 8_000 }).map((n) => 'a'.repeat(n)),
);

const queryString = fc.dictionary(fc.constantFrom('after', 'from', 'to', 'county', 'period', 'watermark', 'limit', 'q', 'a[b]', '__proto__'), oddString.filter((v) => v.length < 2_000), { maxKeys: 4 })
  .map((q) => new URLSearchParams(q).toString());

// ---------------------------------------------------------------- sending

async function send(method: string, path: string, p: Payload, token: string | undefined, query = ''): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = {};
  if (p.type) headers['content-type'] = p.type;
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${h.base}${path}${query ? `?${query}` : ''}`, { method, headers, body: method === 'GET' || method === 'HEAD' || p.body === undefined ? undefined : typeof p.body === 'string' ? p.body : new Uint8Array(p.body) });
  // An event stream (the lawyers' queue) never ends by itself: its status and headers are the answer.
  const text = (res.headers.get('content-type') ?? '').includes('text/event-stream') ? (await res.body?.cancel(), '') : await res.text();
  seen.requests++;
  if (p.malformed) seen.malformed++;
  seen.statuses.set(res.status, (seen.statuses.get(res.status) ?? 0) + 1);
  return { status: res.status, text };
}

function check(what: string, r: { status: number; text: string }): void {
  if (r.status >= 500) throw new Error(`${what}: ${r.status} ${r.text.slice(0, 300)}`);
  if (LEAK.test(r.text)) throw new Error(`${what}: internals in the answer: ${r.text.slice(0, 300)}`);
}

async function healthy(): Promise<void> {
  const res = await fetch(`${h.base}/healthz`);
  expect(res.status).toBe(200);
}

/** Never let a fuzzed Bot Framework activity send replies anywhere but the local connector. */
function pinServiceUrl(p: Payload): Payload {
  if (typeof p.body !== 'string') return p;
  try {
    const parsed = JSON.parse(p.body) as Record<string, unknown>;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && typeof parsed.serviceUrl === 'string') {
      return { ...p, body: JSON.stringify({ ...parsed, serviceUrl: connector.url }) };
    }
  } catch { /* not JSON: nothing to pin */ }
  return p;
}

// ---------------------------------------------------------------- properties

const { routes, unmounted } = declaredRoutes();
const fuzzed: Route[] = routes.filter((r) => r.method !== 'ALL');

describe('route inventory', () => {
  it('knows where every routing file is mounted, and finds the routes of every channel', () => {
    expect(unmounted).toEqual([]);
    const paths = new Set(fuzzed.map((r) => `${r.method} ${r.path}`));
    for (const p of ['POST /api/messages', 'POST /api/v1/ask', 'POST /v3/directline/conversations/:id/activities', 'POST /wechat', 'GET /wechat', 'PUT /api/v1/handoff/roster']) {
      expect(paths.has(p), p).toBe(true);
    }
  });
});

describe('every route with random malformed input', () => {
  it.each(fuzzed.map((r) => [`${r.method} ${r.path}`, r] as const))('%s: never 5xx, never internals in the answer', async (name, route) => {
    const withParams = fc.array(pathValue, { minLength: 3, maxLength: 3 });
    const caller = fc.constantFrom(undefined, 'agent', 'lawyer', 'admin', 'supervisor', 'directline', 'not-a-token');
    const method = fc.constantFrom(route.method, route.method, route.method, 'POST', 'PUT', 'DELETE', 'PATCH', 'GET');
    await fc.assert(fc.asyncProperty(method, withParams, caller, payload(SEEDS[name]), queryString, async (m, params, who, p, query) => {
      let i = 0;
      const path = route.path.replace(/:(\w+)/g, (_all, param: string) => {
        const value = params[i++]!;
        // Half the time the real conversation, so the handler behind the token check is reached.
        return param === 'id' && route.path.startsWith('/v3/directline') && i === 1 && params[2]!.length % 2 === 0 ? directLine.conversationId : value;
      });
      const token = who === undefined ? undefined : tokens[who] ?? who;
      const body = route.path === '/api/messages' ? pinServiceUrl(p) : p;
      check(`${m} ${path} (${who ?? 'anonymous'}, ${p.type})`, await send(m, path, body, token, query));
    }), { numRuns: RUNS_PER_ROUTE });
    await healthy();
  }, 60_000);
});

const ACTIVITY_TYPES = ['message', 'typing', 'event', 'invoke', 'conversationUpdate', 'endOfConversation', 'contactRelationUpdate', 'installationUpdate',
  'messageReaction', 'messageUpdate', 'messageDelete', 'suggestion', 'trace', 'handoff', 'command', 'commandResult', 'delay', 'deleteUserData'];
const activityType = fc.oneof(fc.constantFrom(...ACTIVITY_TYPES), fc.string({ maxLength: 30 }), fc.constantFrom('', 'MESSAGE', '__proto__'));
/** Extra activity fields with values of any type. */
const activityExtras = fc.record({
  text: anyValue, name: anyValue, value: anyValue, attachments: anyValue, entities: anyValue, channelData: anyValue,
  suggestedActions: anyValue, membersAdded: anyValue, replyToId: anyValue, locale: anyValue, textFormat: anyValue,
}, { requiredKeys: [] });

describe('Direct Line and Bot Framework activities of every type', () => {
  it('Direct Line: any activity type and fields, never 5xx; the conversation still answers afterwards', async () => {
    await fc.assert(fc.asyncProperty(activityType, activityExtras, fc.boolean(), async (type, extras, asCitizen) => {
      const body = { ...extras, type, from: asCitizen ? { id: `dl_${directLine.conversationId}` } : extras.value ?? { id: 'someone-else' } };
      const path = `/v3/directline/conversations/${directLine.conversationId}/activities`;
      check(`directline ${type}`, await send('POST', path, { body: JSON.stringify(body), type: 'application/json', malformed: true }, directLine.token));
    }), { numRuns: 80 });
    const after = await h.request('GET', `/v3/directline/conversations/${directLine.conversationId}/activities`, undefined, directLine.token);
    expect(after.status).toBe(200);
    await healthy();
  }, 60_000);

  it('/api/messages: any activity type and fields, with and without expectReplies, never 5xx', async () => {
    await fc.assert(fc.asyncProperty(activityType, activityExtras, fc.boolean(), async (type, extras, expectReplies) => {
      const body = { ...botActivity(type), ...extras, ...(expectReplies ? {} : { deliveryMode: 'normal' }), serviceUrl: connector.url };
      check(`/api/messages ${type}`, await send('POST', '/api/messages', { body: JSON.stringify(body), type: 'application/json', malformed: true }, undefined));
    }), { numRuns: 60 });
    await healthy();
  }, 60_000);
});

describe('/wechat with signed XML variants', () => {
  const FIELDS = { ToUserName: 'gh_lawline_test', FromUserName: 'oFuzzOpenid', CreateTime: '1700000000', MsgType: 'text', Content: '公司拖欠工资怎么办', MsgId: '1234567890' };
  const cdata = (v: string) => `<![CDATA[${v}]]>`;
  const field = fc.record({
    keep: fc.subarray(Object.keys(FIELDS)),
    style: fc.constantFrom('plain', 'cdata', 'broken-cdata', 'nested-cdata', 'entity', 'attr'),
    value: fc.oneof(fc.constant(undefined), oddString.filter((s) => s.length < 20_000), fc.constantFrom('event', 'image', 'voice', 'location', 'link', 'video', 'file', 'shortvideo', 'subscribe')),
  });
  const xmlOf = ({ keep, style, value }: { keep: string[]; style: string; value: string | undefined }, msgId: number) => {
    const parts = keep.map((k) => {
      let v = k === 'MsgId' ? String(msgId) : value !== undefined && k !== 'ToUserName' ? value : FIELDS[k as keyof typeof FIELDS];
      if (style === 'cdata') v = cdata(v);
      if (style === 'broken-cdata') v = `<![CDATA[${v}]]>]]><![CDATA[`;
      if (style === 'nested-cdata') v = `<![CDATA[<![CDATA[${v}]]>]]>`;
      if (style === 'entity') v = `&xxe;${v}&lol9;`;
      return style === 'attr' ? `<${k} a="${v}">${v}</${k}>` : `<${k}>${v}</${k}>`;
    });
    return `<xml>${parts.join('')}</xml>`;
  };
  const DOCTYPES = [
    '',
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    '<!DOCTYPE xml [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/x">]>',
    `<!DOCTYPE xml [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">${Array.from({ length: 8 }, (_, i) => `<!ENTITY lol${i + 2} "${`&lol${i + 1};`.repeat(10)}">`).join('')}<!ENTITY lol9 "&lol8;&lol8;">]>`,
    '<!DOCTYPE xml SYSTEM "file:///etc/passwd">',
    '<?xml-stylesheet href="file:///etc/passwd"?>',
  ];
  let msgId = 4_000_000_000;

  it('answers every variant without a 5xx, never expanding entities or leaking files', async () => {
    await fc.assert(fc.asyncProperty(fc.constantFrom(...DOCTYPES), field, fc.constantFrom('', 'x', 'junk'), fc.boolean(), async (doctype, f, tail, signed) => {
      const xml = `${doctype}${xmlOf(f, msgId++)}${tail === 'junk' ? '<xml><a>' : tail}`;
      const query = new URLSearchParams(signed ? signedQuery() : { ...signedQuery(), signature: '0'.repeat(40) }).toString();
      check(`wechat ${f.style}`, await send('POST', '/wechat', { body: xml, type: 'text/xml', malformed: true }, undefined, query));
    }), { numRuns: 120 });
    await healthy();
  }, 60_000);

  it('answers very large and non-XML bodies, and odd verification requests, without a 5xx', async () => {
    const big = fc.integer({ min: 100_000, max: 3_000_000 }).map((n) => `<xml><ToUserName>gh</ToUserName><Content><![CDATA[${'啊'.repeat(Math.floor(n / 3))}]]></Content></xml>`);
    await fc.assert(fc.asyncProperty(fc.oneof(big, fc.string({ unit: 'binary', maxLength: 500 }), invalidUtf8.map((b) => b.toString('latin1'))), async (body) => {
      check('wechat body', await send('POST', '/wechat', { body, type: 'text/xml', malformed: true }, undefined, new URLSearchParams(signedQuery()).toString()));
    }), { numRuns: 20 });
    await fc.assert(fc.asyncProperty(fc.dictionary(fc.constantFrom('signature', 'timestamp', 'nonce', 'echostr', 'openid', 'encrypt_type', 'msg_signature'), oddString.filter((v) => v.length < 3_000)), fc.boolean(), async (q, sign) => {
      const query = new URLSearchParams(sign ? { ...q, ...signedQuery({ echostr: q.echostr ?? 'e' }) } : q).toString();
      check('wechat verification', await send('GET', '/wechat', { body: undefined, type: undefined, malformed: false }, undefined, query));
    }), { numRuns: 30 });
    await healthy();
  }, 60_000);
});
