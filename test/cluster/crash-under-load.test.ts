/**
 * kill -9 under mixed write load loses nothing acknowledged. A real server process takes citizens submitting
 * pre-applications in the chat and whole hand-offs (ticket, the lawyer's message, the citizen's answer, the rating),
 * from several clients at once, through the soak's scenarios; every write the server acknowledged is recorded. The
 * process is killed with SIGKILL in the middle, restarted on the same database, and every acknowledged write is
 * read back through the API; SQLite's file passes integrity_check. On SQLite always, on PostgreSQL when configured.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { httpClient } from '../../src/tools/soak/http-client.js';
import { openLawyerDesk } from '../../src/tools/soak/lawyer-desk.js';
import { handoff, preapplication, type Acknowledged } from '../../src/tools/soak/scenarios.js';
import { addStaffAccounts, prepareStaff } from '../../src/tools/soak/staff-setup.js';
import { BACKENDS } from '../support/test-databases.js';
import { startLawline, type LawlineProcess } from './lawline-process.js';

const CLIENTS = 6;
const LAWYERS = 4;
/** Kill once this many hand-offs were rated and pre-applications submitted (so every kind of write is in the record). */
const BEFORE_KILL = { rating: 3, preapplication: 3 };
const LOAD_DEADLINE_MS = 180_000;

async function until(what: string, probe: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(BACKENDS)('kill -9 under mixed write load ($name)', (backend) => {
  const cleanup: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const c of cleanup.splice(0).reverse()) await c();
  });

  it('keeps every acknowledged pre-application, ticket, message and rating, and the database is intact', async () => {
    const fresh = await backend.fresh();
    cleanup.push(() => fresh.drop());
    const env = { ...fresh.env, LAWLINE_RATE_LIMIT_PER_MINUTE: '0', LAWLINE_RATE_LIMIT_STARTS_PER_MINUTE: '0' };
    await addStaffAccounts(env, LAWYERS);

    const first: LawlineProcess = await startLawline(env);
    cleanup.push(() => first.stop('SIGKILL'));
    const http = httpClient(first.base);
    const staff = await prepareStaff(http, LAWYERS);
    const desk = await openLawyerDesk(http, staff.lawyers);
    cleanup.push(() => desk.stop());

    const acked: Acknowledged[] = [];
    const failures: string[] = [];
    let killed = false;
    const count = (kind: Acknowledged['kind']) => acked.filter((a) => a.kind === kind).length;
    const client = async (i: number) => {
      for (let round = 0; !killed; round++) {
        const scenario = (i + round) % 2 === 0 ? handoff : preapplication;
        try {
          await scenario({ http, desk, ack: (write) => acked.push(write) });
        } catch (err) {
          if (!killed) failures.push((err as Error).message);
        }
      }
    };
    const clients = Array.from({ length: CLIENTS }, (_, i) => client(i));
    await until('writes of every kind', () => failures.length > 0 || (count('rating') >= BEFORE_KILL.rating && count('preapplication') >= BEFORE_KILL.preapplication), LOAD_DEADLINE_MS);
    expect(failures, 'no scenario failed before the kill').toEqual([]);
    // Writes are still arriving (each client is mid-scenario): kill without warning.
    first.child.kill('SIGKILL');
    killed = true;
    await first.stop('SIGKILL');
    await Promise.all(clients);
    await desk.stop();
    // Answers already on their way when the process died count too: the server acknowledged them.
    const record = [...acked];

    const second = await startLawline(env);
    cleanup.push(() => second.stop('SIGKILL'));
    const after = httpClient(second.base);
    const { admin, agent } = await prepareStaff(after, LAWYERS);
    const lost: string[] = [];
    const messagesOf = new Map<string, string[]>();
    for (const write of record) {
      if (write.kind === 'preapplication') {
        const res = await after.call('check', 'GET', `/api/v1/preapplications/${write.reference}`, { token: agent });
        if (res.status !== 200 || res.body.phone !== write.phone) lost.push(`pre-application ${write.reference}: ${res.status}`);
      } else if (write.kind === 'ticket' || write.kind === 'lawyer-message' || write.kind === 'citizen-message') {
        if (!messagesOf.has(write.ticketId)) {
          const res = await after.call('check', 'GET', `/api/v1/handoff/${write.ticketId}/messages`, { token: admin });
          if (res.status !== 200) lost.push(`ticket ${write.ticketId}: ${res.status}`);
          messagesOf.set(write.ticketId, res.status === 200 ? (res.body.messages as Array<{ text: string }>).map((m) => m.text) : []);
        }
        if (write.kind !== 'ticket' && !messagesOf.get(write.ticketId)!.includes(write.text)) lost.push(`${write.kind} on ${write.ticketId}`);
      }
    }
    // Ratings: every acknowledged one is counted for its lawyer (unacknowledged ones in flight may be there too).
    const stats = await after.call('check', 'GET', '/api/v1/stats/handoff', { token: admin });
    expect(stats.status).toBe(200);
    const ratedBy = new Map<string, number>((stats.body.ratingsByLawyer as Array<{ key: string; ratings: number }>).map((r) => [r.key, r.ratings]));
    const ackedBy = new Map<string, number>();
    for (const w of record) if (w.kind === 'rating') ackedBy.set(w.lawyer, (ackedBy.get(w.lawyer) ?? 0) + 1);
    for (const [lawyer, n] of ackedBy) if ((ratedBy.get(lawyer) ?? 0) < n) lost.push(`ratings of ${lawyer}: ${ratedBy.get(lawyer) ?? 0} of ${n}`);

    const summary = Object.fromEntries(['preapplication', 'ticket', 'lawyer-message', 'citizen-message', 'rating'].map((k) => [k, count(k as Acknowledged['kind'])]));
    console.log(`crash test (${backend.name}): acknowledged before kill -9: ${JSON.stringify(summary)}; lost: ${lost.length}`);
    expect(lost).toEqual([]);
    expect(record.length).toBeGreaterThanOrEqual(BEFORE_KILL.rating * 4 + BEFORE_KILL.preapplication);

    await second.stop('SIGTERM');
    expect(second.child.exitCode).toBe(0);
    if (backend.name === 'sqlite') {
      const db = new Database(join(fresh.env.LAWLINE_STATE_DIR!, 'lawline.sqlite'), { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        db.close();
      }
    }
  }, 480_000);
});
