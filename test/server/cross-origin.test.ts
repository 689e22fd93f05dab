/**
 * CORS (issue 15): the configured widget origins may call Direct Line and the public API from their pages; other
 * origins get no permission; staff endpoints never carry CORS headers. Unconfigured, any origin may call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { startServer, type ServerHarness } from '../support/server-harness.js';

const CITY = 'https://www.qingyuan.example.gov.cn';

const preflight = (h: ServerHarness, path: string, origin: string) =>
  fetch(h.base + path, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });

describe('with widget origins configured', () => {
  let h: ServerHarness;
  beforeAll(async () => {
    h = await startServer({ LAWLINE_WIDGET_ORIGINS: `${CITY}, https://other.example.cn` });
  });
  afterAll(() => h.close());

  it.each(['/v3/directline/conversations', '/api/v1/ask'])('%s lets the city site call, and nobody else', async (path) => {
    const ok = await preflight(h, path, CITY);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(CITY);
    const other = await preflight(h, path, 'https://evil.example.com');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('staff endpoints carry no CORS permission', async () => {
    const res = await fetch(`${h.base}/api/v1/handoff/queue`, { headers: { origin: CITY } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('without widget origins', () => {
  let h: ServerHarness;
  beforeAll(async () => {
    h = await startServer();
  });
  afterAll(() => h.close());

  it('any page may open a Direct Line conversation (tokens travel in a header, never in cookies)', async () => {
    const res = await fetch(`${h.base}/v3/directline/conversations`, { method: 'POST', headers: { origin: 'https://anywhere.example', 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('LAWLINE_WIDGET_ORIGINS', () => {
  it('names the setting when an origin is malformed', () => {
    expect(() => loadConfig({ LAWLINE_WIDGET_ORIGINS: 'www.example.cn/path' })).toThrow(/LAWLINE_WIDGET_ORIGINS/);
  });
});
