/**
 * A hand-off service over a state database (in-memory SQLite unless given one: a file, or PostgreSQL) with a clock
 * moved by hand, a stub recogniser and a deliverer that records what citizens would receive.
 */
import type { Activity, ConversationReference } from 'botbuilder';
import { loadRegion } from '../../src/config/region.js';
import { createLogger } from '../../src/logging/logger.js';
import type { SqlClient } from '../../src/storage/sql-client.js';
import { memoryStateDatabase } from '../../src/storage/sqlite/memory-state-database.js';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { TestBackend } from '../support/test-databases.js';
import { createHandoffService, type HandoffService } from '../../src/handoff/handoff-service.js';
import type { Recognise } from '../../src/handoff/handoff-summary.js';
import { toLawyer, type Lawyer, type RosterInput } from '../../src/handoff/roster.js';

export const region = loadRegion();

/** Monday 2025-03-03 10:00 in Shanghai. */
export const MONDAY_10 = Date.parse('2025-03-03T02:00:00Z');

export class ManualClock {
  constructor(public t = MONDAY_10) {}
  now = () => this.t;
  advance(ms: number): void { this.t += ms; }
}

export function lawyer(username: string, overrides: Partial<RosterInput> = {}): Lawyer {
  const r = toLawyer({
    username, name: `${username}律师`, licence: '14418201810000001', firm: '测试律师事务所', topics: ['*'], counties: ['*'],
    languages: ['mandarin'], capacity: 2, shifts: 'mon-sun 00:00-24:00', ...overrides,
  }, region);
  if ('errors' in r) throw new Error(r.errors.join('; '));
  return r.lawyer;
}

/** A recogniser stand-in: 劳动 → 劳动纠纷, 英德 → county, 老人/七十 → elderly, 打我/要杀 → emergency. */
export const stubRecognise: Recognise = (text) => ({
  intent: 'consult',
  domain: /工资|劳动|老板/.test(text) ? '劳动纠纷' : /离婚|抚养/.test(text) ? '婚姻家庭' : '综合咨询',
  domainConfidence: 0.8,
  risk: /打我|要杀|砍/.test(text) ? 'emergency' : null,
  entities: [
    ...(/英德/.test(text) ? [{ type: 'county', text: '英德', start: 0, end: 2, extractor: 'stub', value: { name: '英德市' } } as const] : []),
    ...(/老人|七十/.test(text) ? [{ type: 'group', text: '老人', start: 0, end: 2, extractor: 'stub', value: { code: 'elderly', subject: 'speaker' } } as const] : []),
  ],
});

export interface Sent { reference: Partial<ConversationReference>; activities: Partial<Activity>[] }

export interface Harness { service: HandoffService; clock: ManualClock; sent: Sent[]; sql: SqlClient; texts(conversationId: string): string[] }

/** Where makeHandoff's databases come from: in-memory SQLite unless a suite chose a backend ({@link useBackend}). */
let openDatabase: (() => Promise<SqlClient>) | null = null;
const opened: SqlClient[] = [];

/**
 * Makes the suite's harnesses use `backend` (a fresh database per harness, closed after each test).
 * @example forEachBackend('dispatcher', (backend) => { useBackend(backend); it(…) });
 */
export function useBackend(backend: TestBackend): void {
  beforeAll(() => { openDatabase = backend.open; });
  afterEach(async () => {
    for (const sql of opened.splice(0)) await sql.close();
  });
  afterAll(() => { openDatabase = null; });
}

export async function makeHandoff(options: { sql?: SqlClient; lawyers?: Lawyer[]; clock?: ManualClock; failDelivery?: boolean } = {}): Promise<Harness> {
  let sql = options.sql;
  if (!sql && openDatabase) opened.push((sql = await openDatabase()));
  sql ??= memoryStateDatabase();
  const clock = options.clock ?? new ManualClock();
  const sent: Sent[] = [];
  const service = await createHandoffService({
    sql, region, log: createLogger('silent'), recognise: stubRecognise, clock,
    deliver: async (reference, activities) => {
      if (options.failDelivery) throw new Error('channel down');
      sent.push({ reference, activities });
    },
  });
  if (options.lawyers) await service.replaceRoster(options.lawyers, 'test');
  return {
    service, clock, sent, sql,
    texts: (conversationId) => sent.filter((s) => s.reference.conversation?.id === conversationId)
      .flatMap((s) => s.activities.filter((a) => a.type === 'message').map((a) => a.text ?? '')),
  };
}

/** Opens a ticket as the bot would for a citizen on `channelId`. */
export function request(h: Harness, conversationId: string, text = '转人工', options: { channelId?: string; before?: string[]; reason?: 'citizen_request' | 'emergency' } = {}) {
  const channelId = options.channelId ?? 'directline';
  return h.service.citizens.open({
    channelId, conversationId, reason: options.reason ?? 'citizen_request', text,
    reference: { channelId, conversation: { id: conversationId } as never, user: { id: `u-${conversationId}` } as never, bot: { id: 'lawline' } as never },
    transcript: (options.before ?? []).map((t, i) => ({ from: 'citizen' as const, text: t, at: h.clock.now() - 1000 + i })),
  });
}

export async function online(h: Harness, ...usernames: string[]): Promise<void> {
  for (const u of usernames) await h.service.lawyers.setPresence(u, 'online');
}
