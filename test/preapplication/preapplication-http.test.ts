import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewPreapplication } from '../../src/preapplication/preapplication-schema.js';
import { startServer, type ServerHarness } from '../support/server-harness.js';

let h: ServerHarness;
let agent: string;
beforeAll(async () => {
  h = await startServer();
  agent = await h.login('agent1', 'agent');
});
afterAll(() => h.close());

const sample: NewPreapplication = {
  name: '王小明', phone: '13712345678', county: '英德市', matter: 'labour_remuneration', summary: '公司欠我工资',
  eligibility: { decision: 'eligible', meansTest: 'passed', codes: ['decision.eligible'], reasons: ['初步判断：符合申请法律援助的条件。'] },
  conversationId: 'c1', channelId: 'test',
};

describe('staff pre-application API', () => {
  it('reads a pre-application with its full personal data and history', async () => {
    const { reference } = await h.preapplications.create(sample);
    const res = await h.request('GET', `/api/v1/preapplications/${reference}`, undefined, agent);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ reference, name: '王小明', phone: '13712345678', status: 'submitted', conversationId: 'c1' });
    expect(res.body.history).toHaveLength(1);
  });

  it('changes status along the allowed path and audits who, when, from, to and note', async () => {
    const { reference } = await h.preapplications.create(sample);
    const path = `/api/v1/preapplications/${reference}/status`;
    const review = await h.request('PUT', path, { status: 'under_review' }, agent);
    expect(review.status).toBe(200);
    expect(review.body.status).toBe('under_review');
    const accept = await h.request('PUT', path, { status: 'accepted', note: '材料齐全' }, agent);
    expect(accept.body.history.map((c: { from: string | null; to: string }) => [c.from, c.to])).toEqual([
      [null, 'submitted'], ['submitted', 'under_review'], ['under_review', 'accepted'],
    ]);
    expect(accept.body.history[2]).toMatchObject({ actor: 'agent1', note: '材料齐全', at: expect.any(String) });
  });

  it('answers 409 for an invalid transition and leaves the status alone', async () => {
    const { reference } = await h.preapplications.create(sample);
    const path = `/api/v1/preapplications/${reference}/status`;
    const skip = await h.request('PUT', path, { status: 'accepted' }, agent);
    expect(skip.status).toBe(409);
    expect(skip.body.error).toMatch(/from "submitted" to "accepted".*under_review/);
    await h.request('PUT', path, { status: 'withdrawn' }, agent);
    const fromFinal = await h.request('PUT', path, { status: 'under_review' }, agent);
    expect(fromFinal.status).toBe(409);
    expect(fromFinal.body.error).toMatch(/final/);
    expect((await h.preapplications.get(reference))!.status).toBe('withdrawn');
  });

  it('answers 400 for a bad body or reference and 404 for an unknown reference', async () => {
    const { reference } = await h.preapplications.create(sample);
    expect((await h.request('PUT', `/api/v1/preapplications/${reference}/status`, { status: 'done' }, agent)).status).toBe(400);
    expect((await h.request('PUT', `/api/v1/preapplications/${reference}/status`, { status: 'under_review', extra: 1 }, agent)).status).toBe(400);
    expect((await h.request('GET', '/api/v1/preapplications/12345', undefined, agent)).status).toBe(400);
    expect((await h.request('PUT', '/api/v1/preapplications/LA-20000101-0000/status', { status: 'under_review' }, agent)).status).toBe(404);
  });

  it('needs a token for status changes too', async () => {
    const { reference } = await h.preapplications.create(sample);
    expect((await h.request('PUT', `/api/v1/preapplications/${reference}/status`, { status: 'under_review' })).status).toBe(401);
  });
});
