import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMS_MAX, SMS_TARGET, smsLength } from '../../src/agent-assist/sms-summary.js';
import { startAssistServer, type AssistServer } from './assist-harness.js';

const WAGES = '公司拖欠我三个月工资怎么办';
let s: AssistServer;
let agent: string;
let admin: string;
let lawyer: string;

beforeAll(async () => {
  s = await startAssistServer();
  [agent, admin, lawyer] = await Promise.all([s.addUser('agent1', 'agent'), s.addUser('admin1', 'admin'), s.addUser('lawyer1', 'lawyer')]);
});
afterAll(() => s?.close());

describe('POST /api/v1/assist: access', () => {
  it('answers 401 without a token and with an unknown one', async () => {
    const none = await s.post('/api/v1/assist', { text: WAGES });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((await s.post('/api/v1/assist', { text: WAGES }, 'not-a-real-token')).status).toBe(401);
  });

  it('answers 403 for a lawyer and lets agents and admins through', async () => {
    const forbidden = await s.post('/api/v1/assist', { text: WAGES }, lawyer);
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error).toMatch(/lawyer/);
    expect((await s.post('/api/v1/assist', { text: '你好' }, admin)).status).toBe(200);
  });

  it('answers 400 naming the field for bad bodies', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{}, /text/],
      [{ text: 5 }, /text/],
      [{ text: '   ' }, /text/],
      [{ text: '欠'.repeat(2001) }, /text/],
      [{ text: WAGES, txet: 'x' }, /txet/],
      ['[1]', /JSON object/],
      ['{oops', /JSON/],
    ];
    for (const [body, message] of cases) {
      const res = await s.post('/api/v1/assist', body, agent);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toMatch(message);
    }
  });

  it('does not get in the way of other routes: unknown paths still 404, public eligibility stays public', async () => {
    expect((await s.post('/api/v1/no-such-route', {})).status).toBe(404);
    expect((await s.post('/api/v1/eligibility', { id: 'x', matter: 'labour_remuneration' })).status).toBe(200);
  });
});

describe('POST /api/v1/assist: the suggestion', () => {
  let wage: any;
  beforeAll(async () => {
    const res = await s.post('/api/v1/assist', { text: WAGES }, agent);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    wage = res.body;
  });

  it('classifies a wage question as a labour consultation and cites labour law', () => {
    expect(wage).toMatchObject({ intent: 'consult', intentLabel: '法律咨询', domain: '劳动纠纷', risk: null, safetySteps: [] });
    expect(wage.confidence).toBeGreaterThan(0);
    expect(wage.citations.length).toBeGreaterThan(0);
    for (const c of wage.citations) expect(c).toMatchObject({ law: expect.any(String), article: expect.any(Number), text: expect.any(String) });
    expect(wage.citations.some((c: any) => /^劳动(合同)?法$|工资/.test(c.law))).toBe(true);
    expect(wage.guides.map((g: any) => g.id)).toContain('labour-arbitration');
    expect(wage.answer).toContain('【法律依据】');
    expect(wage.answer.startsWith(wage.direct)).toBe(true);
    expect(wage.entities.some((e: any) => e.type === 'duration' && e.value.unit === 'month')).toBe(true);
  });

  it('infers the legal-aid matter from the topic and wording', () => {
    expect(wage.eligibilityHints).toMatchObject({ matter: 'labour_remuneration', matterInferred: true, county: null, groups: [] });
  });

  it('adds a one-segment SMS naming a cited article and 12348', () => {
    const sms: string = wage.smsSummary;
    expect(smsLength(sms)).toBeLessThanOrEqual(SMS_TARGET);
    expect(sms).not.toMatch(/\n/);
    expect(sms.endsWith('详询12348。')).toBe(true);
    const named = /《([^》]+)》第(\d+)条/.exec(sms);
    expect(named).not.toBeNull();
    expect(wage.citations.slice(0, 3).some((c: any) => c.law === named![1] && c.article === Number(named![2]))).toBe(true);
    expect(sms).toContain('劳动人事争议仲裁委员会申请仲裁');
  });

  it('reads county, household size, income and groups into the eligibility hints', async () => {
    const res = await s.post('/api/v1/assist', { text: '我是残疾人，住在英德市，家里4口人，每月收入2000元，想申请法律援助' }, agent);
    expect(res.body.intent).toBe('legal_aid');
    expect(res.body.eligibilityHints).toMatchObject({ county: '英德市', householdSize: 4, monthlyIncome: 2000, groups: ['disabled'] });
    expect(smsLength(res.body.smsSummary)).toBeLessThanOrEqual(SMS_MAX);
  });

  it('flags an emergency with the safety steps, and the SMS leads with 110', async () => {
    const res = await s.post('/api/v1/assist', { text: '我老公天天打我，现在他拿着刀要砍我' }, agent);
    expect(res.body.risk).toBe('emergency');
    expect(res.body.safetySteps.join('')).toContain('110');
    expect(res.body.answer).toContain('110');
    expect(res.body.smsSummary.startsWith('如有危险请立即拨打110')).toBe(true);
    expect(smsLength(res.body.smsSummary)).toBeLessThanOrEqual(SMS_MAX);
  });
});

describe('GET /agent', () => {
  it('serves the console page with a same-origin-only content policy', async () => {
    const res = await fetch(`${s.base}/agent/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('12348热线坐席辅助');
    expect(res.headers.get('content-security-policy')).toMatch(/script-src 'self'.*frame-ancestors 'none'/);
    expect((await fetch(`${s.base}/agent/agent.js`)).headers.get('content-type')).toMatch(/javascript/);
  });
});
