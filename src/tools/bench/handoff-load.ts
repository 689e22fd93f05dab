/**
 * @module tools/bench/handoff-load
 * The hand-off bench's load generator, run as a second process on loopback so the clients do not share the
 * server's core: the lawyer consoles hold the queue's push stream open (Server-Sent Events over fetch, as the
 * console does, applying the whole `queue` event and the `queue-delta` events after it with the console's own code)
 * and then the citizens — each having read the greeting, as the widget does — post 转人工 at once, in bursts (before each burst after the first, the previous burst's
 * citizens cancel, so every burst meets the same empty queue). A ticket is seen when the first event listing it (in the whole queue or
 * among a delta's upserts) reaches any console. Reads its plan as JSON on stdin, writes timings (its own clock) as JSON on stdout. Every
 * stream and request ends by the plan's deadline.
 */
import http from 'node:http';
import { z } from 'zod';
import { createView, takeFrames } from '../../../public/staff/queue-stream.js';

const planSchema = z.object({
  base: z.string().regex(/^http:\/\/127\.0\.0\.1:\d+$/, 'loopback only'),
  /** Each burst's citizens say 转人工 at once; before the next burst they all cancel (取消). */
  bursts: z.array(z.array(z.object({ conversationId: z.string(), token: z.string() })).min(1)).min(1),
  lawyerTokens: z.array(z.string()),
  deadlineMs: z.number().int().positive(),
});

export interface LoadTimings {
  sentAt: Record<string, number>;
  /** When the citizen's POST was answered (the bot told the position). */
  repliedAt: Record<string, number>;
  seenAt: Record<string, number>;
  /** Per burst: each citizen's POST 转人工 until it was answered. */
  requestMs: number[][];
  /** Per burst: how long the load process took to put the last of its requests on the wire (its own queueing). */
  sendDelayMs: number[];
  /** Queue events received, all consoles together, and of those the deltas. */
  pushes: number;
  deltas: number;
  /** Bytes of the streams received, all consoles together. */
  bytes: number;
  wallMs: number;
  /** CPU time of this process (user + system) from its start, which includes loading it. */
  cpuMs: number;
}

/** Reads one console's stream until `stop` aborts it; calls `onEvent` with each event and counts the bytes. */
async function holdStream(url: string, token: string, stop: AbortSignal, onEvent: (event: string, data: string) => void, onBytes: (n: number) => void): Promise<void> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: stop });
  if (res.status !== 200 || !res.body) throw new Error(`queue stream: ${res.status}`);
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of res.body) {
      onBytes((chunk as Uint8Array).byteLength);
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      buffer = takeFrames(buffer, onEvent);
    }
  } catch (err) {
    if (!stop.aborted) throw err;
  }
}

type Citizen = { conversationId: string; token: string };

async function run(plan: z.infer<typeof planSchema>): Promise<LoadTimings> {
  const deadline = performance.now() + plan.deadlineMs;
  const seenAt: Record<string, number> = {};
  const sentAt: Record<string, number> = {};
  const repliedAt: Record<string, number> = {};
  const requestMs: number[][] = [];
  const sendDelayMs: number[] = [];
  const tickets = plan.bursts.reduce((n, b) => n + b.length, 0);
  let pushes = 0;
  let deltas = 0;
  let bytes = 0;
  let seen = 0;
  const stop = new AbortController();
  const timeout = setTimeout(() => stop.abort(), plan.deadlineMs);
  let connected = 0;
  let allConnected!: () => void;
  const ready = new Promise<void>((resolve) => { allConnected = resolve; });
  const views = plan.lawyerTokens.map(() => createView());
  const consoles = plan.lawyerTokens.map((token, i) => {
    let first = true;
    return holdStream(`${plan.base}/api/v1/handoff/queue/stream`, token, stop.signal, (event, text) => {
      const now = performance.now();
      const data = JSON.parse(text) as { queue?: { id: string }[]; upsert?: { id: string }[] };
      if (!views[i]!.apply(event, data)) return;
      pushes++;
      if (event === 'queue-delta') deltas++;
      if (first) {
        first = false; // the queue on connect: nothing asked yet
        if (++connected === plan.lawyerTokens.length) allConnected();
        return;
      }
      for (const { id } of data.queue ?? data.upsert ?? []) {
        if (seenAt[id] === undefined) {
          seenAt[id] = now;
          seen++;
        }
      }
      if (seen >= tickets) stop.abort();
    }, (n) => { bytes += n; });
  });
  await Promise.race([ready, Promise.all(consoles)]);
  if (performance.now() >= deadline) throw new Error('queue streams did not open before the deadline');
  const started = performance.now();
  // The citizens use node:http with kept-alive connections (fetch costs the load process several times more CPU,
  // which on a 2-core machine is taken from the server). `onFlushed` hears when the request has left the process.
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const citizenRequest = (c: Citizen, method: 'GET' | 'POST', body?: string, onFlushed?: () => void) => new Promise<void>((resolve, reject) => {
    const req = http.request(`${plan.base}/v3/directline/conversations/${c.conversationId}/activities`, {
      method, agent,
      headers: { authorization: `Bearer ${c.token}`, ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}) },
    }, (res) => {
      res.resume();
      res.once('end', () => (res.statusCode! >= 300 ? reject(new Error(`citizen ${method}: ${res.statusCode}`)) : resolve()));
    });
    if (onFlushed) req.once('finish', onFlushed);
    req.once('error', reject);
    req.end(body);
  });
  const say = (c: Citizen, text: string, onFlushed?: () => void) =>
    citizenRequest(c, 'POST', JSON.stringify({ type: 'message', text, from: { id: `dl_${c.conversationId}` } }), onFlushed);
  // As the widget does once a conversation starts, each citizen first reads what the bot said so far (the greeting):
  // the burst then comes over connections that are open, as real citizens' are.
  const greet = (c: Citizen) => citizenRequest(c, 'GET');
  for (const [i, burst] of plan.bursts.entries()) {
    if (i > 0) await Promise.all(plan.bursts[i - 1]!.map((c) => say(c, '取消')));
    await Promise.all(burst.map(greet));
    const times: number[] = [];
    const delays: number[] = [];
    await Promise.all(burst.map(async (c) => {
      const t0 = performance.now();
      sentAt[c.conversationId] = t0;
      await say(c, '转人工', () => delays.push(performance.now() - t0));
      repliedAt[c.conversationId] = performance.now();
      times.push(repliedAt[c.conversationId]! - t0);
    }));
    requestMs.push(times);
    sendDelayMs.push(Math.max(...delays));
  }
  await Promise.all(consoles);
  clearTimeout(timeout);
  const cpu = process.cpuUsage();
  agent.destroy();
  return { sentAt, repliedAt, seenAt, requestMs, sendDelayMs, pushes, deltas, bytes, wallMs: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000 };
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  run(planSchema.parse(JSON.parse(input)))
    .then((timings) => process.stdout.write(JSON.stringify(timings)))
    .catch((err: unknown) => { process.stderr.write(`handoff-load: ${(err as Error).message}\n`); process.exitCode = 1; });
});
