/**
 * @module server/metrics
 * `GET /metrics` in Prometheus' text format (prom-client): request latency by route, bot turns by channel, the
 * hand-off queue (depth, waits, the 30-second indicator), rate-limit rejections and database time, plus the
 * process' own figures (memory, CPU, event-loop lag, open file descriptors). Only an operator reads it: with
 * LAWLINE_METRICS_TOKEN set it asks for that bearer token, otherwise it answers only to local, unforwarded
 * requests (behind a reverse proxy, set the token).
 */
import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

export interface Metrics {
  registry: Registry;
  /** Times every request, labelled by the route that answered it. */
  requests: RequestHandler;
  turn(channel: string): void;
  rateLimited(limit: string): void;
  database(seconds: number): void;
  /** Read at each scrape: waiting tickets, accepted waits and the share accepted within 30 s (last 24 h). */
  watchHandoff(read: () => Promise<{ waiting: number; p50Ms: number | null; p90Ms: number | null; within30s: number | null }>): void;
  /** The `/metrics` endpoint. */
  endpoint(token: string | undefined): RequestHandler;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'lawline_' });
  const requestSeconds = new Histogram({
    name: 'lawline_http_request_duration_seconds', help: 'HTTP request latency by route and status class', registers: [registry],
    labelNames: ['method', 'route', 'status'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  });
  const turns = new Counter({ name: 'lawline_bot_turns_total', help: 'Bot turns by channel', labelNames: ['channel'], registers: [registry] });
  const limited = new Counter({ name: 'lawline_rate_limited_total', help: 'Requests refused by a rate limit', labelNames: ['limit'], registers: [registry] });
  const dbSeconds = new Histogram({
    name: 'lawline_db_query_duration_seconds', help: 'State database statement time', registers: [registry],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
  });
  let readHandoff: Parameters<Metrics['watchHandoff']>[0] | null = null;
  const handoffFigures = async () => (readHandoff ? readHandoff() : null);
  new Gauge({
    name: 'lawline_handoff_queue_depth', help: 'Hand-off requests waiting for a duty lawyer', registers: [registry],
    async collect() { const f = await handoffFigures(); if (f) this.set(f.waiting); },
  });
  new Gauge({
    name: 'lawline_handoff_wait_seconds', help: 'Time to accept a hand-off over the last 24 h', labelNames: ['quantile'], registers: [registry],
    async collect() {
      const f = await handoffFigures();
      if (f?.p50Ms != null) this.set({ quantile: '0.5' }, f.p50Ms / 1000);
      if (f?.p90Ms != null) this.set({ quantile: '0.9' }, f.p90Ms / 1000);
    },
  });
  new Gauge({
    name: 'lawline_handoff_accepted_within_30s_ratio', help: 'Share of hand-offs accepted within 30 s over the last 24 h (线上三十秒)', registers: [registry],
    async collect() { const f = await handoffFigures(); if (f?.within30s != null) this.set(f.within30s); },
  });

  return {
    registry,
    requests: (req, res, next) => {
      const end = requestSeconds.startTimer();
      res.on('finish', () => end({ method: req.method, route: routeOf(req), status: `${Math.floor(res.statusCode / 100)}xx` }));
      next();
    },
    turn: (channel) => turns.inc({ channel: channel || 'unknown' }),
    rateLimited: (limit) => limited.inc({ limit }),
    database: (seconds) => dbSeconds.observe(seconds),
    watchHandoff: (read) => { readHandoff = read; },
    endpoint: (token) => async (req, res) => {
      if (!allowed(req, token)) {
        res.status(token ? 401 : 403).json({ error: token ? 'a valid metrics token is required' : 'metrics are served on the loopback interface only' });
        return;
      }
      res.set('Content-Type', registry.contentType);
      res.send(await registry.metrics());
    },
  };
}

/** The route pattern (/api/v1/handoff/:id), not the path: ids would make a label per ticket. */
function routeOf(req: Request): string {
  const pattern = (req.route as { path?: string } | undefined)?.path;
  if (typeof pattern === 'string') return `${req.baseUrl}${pattern}`;
  return req.baseUrl || 'unmatched';
}

function allowed(req: Request, token: string | undefined): boolean {
  if (token) {
    const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '');
    const want = Buffer.from(token);
    return given.length === want.length && timingSafeEqual(given, want);
  }
  // A reverse proxy on this machine also connects from loopback: a forwarded request is never local.
  if (req.headers['x-forwarded-for'] || req.headers.forwarded) return false;
  const remote = req.socket.remoteAddress ?? '';
  return remote === '127.0.0.1' || remote === '::1' || remote === '::ffff:127.0.0.1';
}
