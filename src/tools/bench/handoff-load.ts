/**
 * @module tools/bench/handoff-load
 * The hand-off bench's load generator, run as a second process on loopback so the clients do not share the
 * server's core: the citizens post 转人工 at once while the lawyer consoles poll the queue. Reads its plan as JSON
 * on stdin, writes timings (its own clock) as JSON on stdout. Every loop is bounded by the plan's deadline.
 */
import { z } from 'zod';

const planSchema = z.object({
  base: z.string().regex(/^http:\/\/127\.0\.0\.1:\d+$/, 'loopback only'),
  citizens: z.array(z.object({ conversationId: z.string(), token: z.string() })),
  lawyerTokens: z.array(z.string()),
  deadlineMs: z.number().int().positive(),
});

export interface LoadTimings {
  sentAt: Record<string, number>;
  seenAt: Record<string, number>;
  requestMs: number[];
  polls: number;
  wallMs: number;
}

async function run(plan: z.infer<typeof planSchema>): Promise<LoadTimings> {
  const deadline = performance.now() + plan.deadlineMs;
  const seenAt: Record<string, number> = {};
  const sentAt: Record<string, number> = {};
  const requestMs: number[] = [];
  let polls = 0;
  let done = false;
  const consoles = plan.lawyerTokens.map(async (token) => {
    while (!done && performance.now() < deadline) {
      const res = await fetch(`${plan.base}/api/v1/handoff/queue`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { queue: Array<{ id: string }> };
      const now = performance.now();
      polls++;
      for (const t of body.queue) seenAt[t.id] ??= now;
      if (Object.keys(seenAt).length >= plan.citizens.length) done = true;
    }
  });
  const started = performance.now();
  await Promise.all(plan.citizens.map(async (c) => {
    const t0 = performance.now();
    sentAt[c.conversationId] = t0;
    const res = await fetch(`${plan.base}/v3/directline/conversations/${c.conversationId}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${c.token}` },
      body: JSON.stringify({ type: 'message', text: '转人工', from: { id: `dl_${c.conversationId}` } }),
    });
    if (res.status >= 300) throw new Error(`citizen post: ${res.status}`);
    requestMs.push(performance.now() - t0);
  }));
  await Promise.all(consoles);
  return { sentAt, seenAt, requestMs, polls, wallMs: performance.now() - started };
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  run(planSchema.parse(JSON.parse(input)))
    .then((timings) => process.stdout.write(JSON.stringify(timings)))
    .catch((err: unknown) => { process.stderr.write(`handoff-load: ${(err as Error).message}\n`); process.exitCode = 1; });
});
