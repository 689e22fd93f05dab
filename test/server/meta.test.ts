/**
 * GET /api/v1/meta: the labels and the low-confidence threshold the staff consoles show, served from their one
 * server-side definition (the consoles no longer keep copies); and the consoles' shared client module.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOW_CONFIDENCE } from '../../src/assistant/ask.js';
import { MAX_MESSAGE_CHARS } from '../../src/config/limits.js';
import { SERVICE_INTENTS, TOPIC_LABELS } from '../../src/vocabulary.js';
import { startServer, type ServerHarness } from '../support/server-harness.js';

let h: ServerHarness;
let base: string;
beforeAll(async () => {
  h = await startServer();
  base = h.base;
});
afterAll(() => h.close());

describe('GET /api/v1/meta', () => {
  it('serves the threshold, every intent with its label and the topics, without a login', async () => {
    const res = await fetch(`${base}/api/v1/meta`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { lowConfidence: number; maxMessageChars: number; intents: Record<string, string>; topics: string[]; labels: Record<'priority' | 'decision' | 'meansTest' | 'language' | 'channel', Record<string, string>> };
    expect(body.lowConfidence).toBe(LOW_CONFIDENCE);
    expect(body.maxMessageChars).toBe(MAX_MESSAGE_CHARS);
    expect(Object.keys(body.intents).sort()).toEqual([...SERVICE_INTENTS].sort());
    expect(body.intents.consult).toBe('法律咨询');
    expect(body.intents.legal_aid).toBe('法律援助');
    expect(body.topics).toEqual([...TOPIC_LABELS]);
    // Every code the consoles show has its label, from the server's one definition.
    expect(body.labels.priority.elderly).toBe('老年人');
    expect(Object.keys(body.labels.decision).sort()).toEqual(['eligible', 'needs_review', 'not_eligible']);
    expect(body.labels.meansTest.unknown).toMatch(/信息不足/);
    expect(body.labels.language.cantonese).toBe('粤语');
    expect(body.labels.channel.wechat).toBe('微信');
  });
});

describe('GET /staff/client.js', () => {
  it('serves the consoles\' shared module as JavaScript that is revalidated on every load, like the /agent page', async () => {
    const res = await fetch(`${base}/staff/client.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=0');
    expect(await res.text()).toContain('export function createStaffClient');
  });
});
