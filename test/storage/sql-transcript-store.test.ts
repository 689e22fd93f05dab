import { MemoryTranscriptStore, TurnContext, type Activity } from 'botbuilder';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalChannelAdapter } from '../../src/channels/local-adapter.js';
import { loadConfig } from '../../src/config/config.js';
import { openLawlineState, transcriptCutoff } from '../../src/server/lawline-state.js';
import { openStateDatabase } from '../../src/storage/open-state-database.js';
import type { SqlClient } from '../../src/storage/sql-client.js';
import { forEachBackend } from '../support/test-databases.js';
import { SqlTranscriptStore } from '../../src/storage/sql-transcript-store.js';
import { transcriptMiddleware } from '../../src/storage/transcript-middleware.js';
import { message, runTranscriptStoreSuite } from './transcript-store.suite.js';

const dir = mkdtempSync(join(tmpdir(), 'lawline-transcripts-'));
const opened: SqlClient[] = [];

afterAll(async () => {
  for (const sql of opened) await sql.close().catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

runTranscriptStoreSuite('MemoryTranscriptStore', () => new MemoryTranscriptStore());

forEachBackend('SqlTranscriptStore', (backend) => {
  const fresh = async () => {
    const sql = await backend.open();
    opened.push(sql);
    return sql;
  };
  runTranscriptStoreSuite(`SqlTranscriptStore on ${backend.name}`, async () => new SqlTranscriptStore(await fresh()));

  it('pruneTranscripts deletes what was stored before the cutoff, whatever the activity claims as its time', async () => {
    let clock = new Date('2024-01-01T00:00:00Z');
    const store = new SqlTranscriptStore(await fresh(), { now: () => clock });
    await store.logActivity(message('old', 0, 0)); // stored 1 January
    await store.logActivity({ ...message('old-but-future-dated', 0), timestamp: new Date('2030-01-01T00:00:00Z') });
    clock = new Date('2024-03-01T00:00:00Z');
    await store.logActivity(message('old', 1, 1)); // the same conversation, stored later
    await store.logActivity({ ...message('recent-but-back-dated', 0), timestamp: new Date('2000-01-01T00:00:00Z') });

    expect(await store.pruneTranscripts(new Date('2024-02-01T00:00:00Z'))).toBe(2);
    expect((await store.getTranscriptActivities('test', 'old')).items.map((a) => a.id)).toEqual(['old-1']);
    expect((await store.getTranscriptActivities('test', 'old-but-future-dated')).items).toEqual([]);
    expect((await store.getTranscriptActivities('test', 'recent-but-back-dated')).items).toHaveLength(1);
    expect(await store.pruneTranscripts(new Date('2024-02-01T00:00:00Z'))).toBe(0);
  });

  it('writes the activities of one turn together, and a read before that write still sees them, in order', async () => {
    const store = new SqlTranscriptStore(await fresh());
    const logged = [0, 1, 2].map((i) => store.logActivity(message('c', i)));
    const { items } = await store.getTranscriptActivities('test', 'c');
    expect(items.map((a) => a.id)).toEqual(['c-0', 'c-1', 'c-2']);
    await Promise.all(logged);
    expect((await store.getTranscriptActivities('test', 'c')).items).toHaveLength(3);
  });

  it('a batch that cannot be written rejects the promise of every activity in it', async () => {
    const sql = await fresh();
    const store = new SqlTranscriptStore(sql);
    // Settled before the close finishes: look at each outcome once it is known.
    const outcomes = [0, 1].map((i) => store.logActivity(message('c', i)).then(() => 'stored', (error: Error) => error));
    await sql.close();
    for (const outcome of await Promise.all(outcomes)) expect(outcome).toBeInstanceOf(Error);
  });
});

async function freshDb(): Promise<SqlClient> {
  const sql = await openStateDatabase({ dir: mkdtempSync(join(dir, 'db-')) });
  opened.push(sql);
  return sql;
}

const DAY = 24 * 60 * 60 * 1000;

describe('SqlTranscriptStore specifics (SQLite)', () => {
  it('keeps transcripts across a reopen of the database file and returns Dates', async () => {
    const folder = mkdtempSync(join(dir, 'reopen-'));
    const first = await openStateDatabase({ dir: folder });
    await new SqlTranscriptStore(first).logActivity(message('c', 0));
    await first.close();
    const again = await openStateDatabase({ dir: folder });
    opened.push(again);
    const { items } = await new SqlTranscriptStore(again).getTranscriptActivities('test', 'c');
    expect(items.map((a) => a.text)).toEqual(['问题0：工资被拖欠怎么办？']);
    expect(items[0]!.timestamp).toBeInstanceOf(Date);
  });

  it('files by an ISO-string timestamp and stamps an activity without one with the current time', async () => {
    const now = new Date('2024-07-01T00:00:00Z');
    const store = new SqlTranscriptStore(await freshDb(), { now: () => now });
    await store.logActivity({ ...message('c', 1), timestamp: '2024-06-01T08:00:00.000Z' as unknown as Date });
    await store.logActivity({ ...message('c', 0), timestamp: undefined } as unknown as Activity);
    const { items } = await store.getTranscriptActivities('test', 'c');
    expect(items.map((a) => a.id)).toEqual(['c-1', 'c-0']); // "now" is after June
    expect(items[0]!.timestamp).toEqual(new Date('2024-06-01T08:00:00.000Z'));
  });

  it('refuses an activity without channel or conversation, naming the field', async () => {
    const store = new SqlTranscriptStore(await freshDb());
    await expect(store.logActivity({ ...message('c', 0), conversation: undefined } as unknown as Activity)).rejects.toThrow(/activity: conversation: Required/);
    await expect(store.logActivity({ ...message('c', 0), channelId: '' })).rejects.toThrow(/activity: channelId/);
  });

  it('refuses a continuation token it did not issue', async () => {
    const store = new SqlTranscriptStore(await freshDb());
    await expect(store.getTranscriptActivities('test', 'c', 'c-3')).rejects.toThrow(/continuationToken/);
    await expect(store.listTranscripts('test', 'bm90IGEgdG9rZW4')).rejects.toThrow(/continuationToken/);
  });

  it('honours a smaller page size', async () => {
    const store = new SqlTranscriptStore(await freshDb(), { pageSize: 2 });
    for (let i = 0; i < 5; i++) await store.logActivity(message('c', i));
    const first = await store.getTranscriptActivities('test', 'c');
    const second = await store.getTranscriptActivities('test', 'c', first.continuationToken);
    const third = await store.getTranscriptActivities('test', 'c', second.continuationToken);
    expect([first, second, third].map((p) => p.items.map((a) => a.id))).toEqual([['c-0', 'c-1'], ['c-2', 'c-3'], ['c-4']]);
    expect(third.continuationToken).toBeUndefined();
  });
});

describe('transcript retention', () => {
  it('LAWLINE_TRANSCRIPT_DAYS defaults to 180 and must be a whole number of days', () => {
    expect(loadConfig({}).LAWLINE_TRANSCRIPT_DAYS).toBe(180);
    expect(loadConfig({ LAWLINE_TRANSCRIPT_DAYS: '30' }).LAWLINE_TRANSCRIPT_DAYS).toBe(30);
    expect(() => loadConfig({ LAWLINE_TRANSCRIPT_DAYS: '0' })).toThrow(/LAWLINE_TRANSCRIPT_DAYS/);
    expect(() => loadConfig({ LAWLINE_TRANSCRIPT_DAYS: 'half a year' })).toThrow(/LAWLINE_TRANSCRIPT_DAYS/);
    const now = new Date('2024-07-01T00:00:00Z');
    expect(transcriptCutoff(loadConfig({}), now)).toEqual(new Date(now.getTime() - 180 * DAY));
  });

  it('opening the state database at start-up prunes transcripts older than the retention period', async () => {
    const stateDir = mkdtempSync(join(dir, 'state-'));
    const sql = await openStateDatabase({ dir: stateDir });
    const stored = (daysAgo: number) => new SqlTranscriptStore(sql, { now: () => new Date(Date.now() - daysAgo * DAY) });
    await stored(31).logActivity(message('expired', 0));
    await stored(29).logActivity(message('kept', 0));
    await sql.close();

    const state = await openLawlineState(loadConfig({ LAWLINE_STATE_DIR: stateDir, LAWLINE_TRANSCRIPT_DAYS: '30' }));
    try {
      expect((await state.transcripts.listTranscripts('test')).items.map((t) => t.id)).toEqual(['kept']);
    } finally {
      await state.close();
    }
  });
});

describe('transcriptMiddleware on the local channel adapter', () => {
  it('logs the turn and proactive (relayed) messages, but not the proactive start event', async () => {
    const store = new SqlTranscriptStore(await freshDb());
    const adapter = new LocalChannelAdapter(async (context) => {
      await context.sendActivity(`收到：${context.activity.text}`);
    }).use(transcriptMiddleware(store));
    const delivered: string[] = [];
    adapter.setProactiveSender('directline', async (_ref, activities) => void delivered.push(...activities.map((a) => a.text ?? '')));
    const incoming = {
      channelId: 'directline', conversation: { id: 'dl-1' } as Activity['conversation'],
      from: { id: 'dl_citizen', name: '' }, text: '我想找律师',
    };
    await adapter.runTurn(incoming);
    const reference = TurnContext.getConversationReference({ ...incoming, recipient: { id: 'lawline', name: 'lawline' } } as Activity);
    await adapter.continueConversation(reference, async (context) => void (await context.sendActivity('您好，我是值班律师。')));

    expect(delivered).toEqual(['您好，我是值班律师。']);
    const { items } = await store.getTranscriptActivities('directline', 'dl-1');
    expect(items.map((a) => [a.type, a.from.id, a.text])).toEqual([
      ['message', 'dl_citizen', '我想找律师'],
      ['message', 'lawline', '收到：我想找律师'],
      ['message', 'lawline', '您好，我是值班律师。'],
    ]);
    expect(items[0]!.from.role).toBe('user');
  });

  it('logs an activity that arrived without a sender instead of failing the turn', async () => {
    const store = new SqlTranscriptStore(await freshDb());
    const adapter = new LocalChannelAdapter(async (context) => void (await context.sendActivity('好的'))).use(transcriptMiddleware(store));
    const replies = await adapter.runTurn({ channelId: 'terminal', conversation: { id: 't-1' } as Activity['conversation'], text: '你好' });
    expect(replies.map((r) => r.text)).toEqual(['好的']);
    expect((await store.getTranscriptActivities('terminal', 't-1')).items.map((a) => a.text)).toEqual(['你好', '好的']);
  });
});
