/**
 * GET /metrics (issue 15): lawline's own metrics in Prometheus' format — request latency by route, bot turns by
 * channel, the hand-off queue and the 30-second indicator, rate-limit refusals and database time — for an operator
 * only: local unforwarded requests, or the configured bearer token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { directLineCitizen, startServer, type ServerHarness } from '../support/server-harness.js';

describe('/metrics on the loopback interface', () => {
  let h: ServerHarness;
  beforeAll(async () => {
    h = await startServer();
  });
  afterAll(() => h.close());

  it('exposes lawline\'s own metrics after real traffic', async () => {
    await h.request('POST', '/api/v1/ask', { text: '被邻居家的狗咬了' });
    const citizen = await directLineCitizen(h);
    await citizen.say('你好');
    const res = await fetch(`${h.base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/lawline_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/ask",status="2xx"\} [1-9]/);
    expect(text).toMatch(/lawline_bot_turns_total\{channel="directline"\} [1-9]/);
    expect(text).toMatch(/lawline_handoff_queue_depth \d+/);
    expect(text).toMatch(/lawline_db_query_duration_seconds_count [1-9]/);
    expect(text).toContain('lawline_rate_limited_total');
    expect(text).toContain('lawline_process_resident_memory_bytes');
  });

  it('refuses a request a proxy forwarded, even from loopback', async () => {
    const res = await fetch(`${h.base}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(res.status).toBe(403);
  });
});

describe('/metrics with a token', () => {
  let h: ServerHarness;
  const token = 'metrics-token-for-the-test';
  beforeAll(async () => {
    h = await startServer({ LAWLINE_METRICS_TOKEN: token });
  });
  afterAll(() => h.close());

  it('asks for the token and answers with it', async () => {
    expect((await fetch(`${h.base}/metrics`)).status).toBe(401);
    expect((await fetch(`${h.base}/metrics`, { headers: { authorization: 'Bearer wrong-token-of-some-length' } })).status).toBe(401);
    const ok = await fetch(`${h.base}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('lawline_http_request_duration_seconds');
  });
});
