/**
 * POST /api/v1/calculate on the real app, `lawline calculate` on the real CLI, and the acceptance conversation over
 * the real Direct Line endpoints: 我被公司辞退了，能拿多少补偿 leads through the missing facts to an amount and basis.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_API_PATHS } from '../../src/server/rate-limits.js';
import { REPO_ROOT } from '../../src/config/paths.js';
import { directLineCitizen, startServer, type ServerHarness } from '../support/server-harness.js';

let h: ServerHarness;
beforeAll(async () => {
  h = await startServer();
}, 120_000);
afterAll(async () => {
  await h?.close();
});

describe('POST /api/v1/calculate', () => {
  it('answers kind, result, steps, basis, assumptions and missing', async () => {
    const res = await h.request('POST', '/api/v1/calculate', { kind: 'severance', startDate: '2019-03-01', endDate: '2024-05-31', monthlyWage: 6000 });
    expect(res.status).toBe(200);
    // 5 years 3 months → N = 5.5 → 33,000.
    expect(res.body).toMatchObject({ kind: 'severance', result: { amount: 33000, months: 5.5 } });
    expect(res.body.basis).toContainEqual({ law: '劳动合同法', article: 47, paragraph: 1 });
    for (const list of ['steps', 'assumptions', 'missing']) expect(Array.isArray(res.body[list])).toBe(true);
  });

  it('answers 400 naming the field', async () => {
    const bad = await h.request('POST', '/api/v1/calculate', { kind: 'court_fee', caseType: 'property', claimAmount: 'lots' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/claimAmount/);
    const unknown = await h.request('POST', '/api/v1/calculate', { kind: 'tax' });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toMatch(/kind/);
  });

  it('is rate-limited with the other public endpoints', () => {
    expect(PUBLIC_API_PATHS).toContain('/api/v1/calculate');
  });
});

describe('lawline calculate', () => {
  it('reads JSON lines and names the bad line', async () => {
    const run = promisify(execFile);
    const child = run(`${REPO_ROOT}/bin/lawline`, ['calculate'], { cwd: REPO_ROOT, env: { ...process.env, LAWLINE_TODAY: '2025-01-01' } });
    child.child.stdin!.end('{"id":"a","kind":"court_fee","caseType":"property","claimAmount":2000000}\n{"id":"b","kind":"deadline","matter":"appeal_judgment"}\n');
    const { stdout } = await child;
    const [a, b] = stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(a).toMatchObject({ id: 'a', kind: 'court_fee', result: { amount: 22800 } });
    expect(b).toMatchObject({ id: 'b' });
    expect(b.error).toMatch(/line 2: from/);
  }, 60_000);
});

describe('the calculator over Direct Line', () => {
  it('我被公司辞退了，能拿多少补偿 → the missing facts → an amount with its basis', async () => {
    const citizen = await directLineCitizen(h);
    /** The bot's texts after saying `text`, polled until `expected` shows (turns may finish after the POST). */
    const exchange = async (text: string, expected: RegExp) => {
      const texts = (await citizen.say(text)).map((a) => a.text ?? '');
      const deadline = Date.now() + 20_000;
      while (!expected.test(texts.join('\n')) && Date.now() < deadline) texts.push(...(await citizen.read()).map((a) => a.text ?? ''));
      expect(texts.join('\n')).toMatch(expected);
      return texts.join('\n');
    };
    await exchange('我被公司辞退了，能拿多少补偿', /以什么情形[\s\S]*1\. 协商一致/);
    await exchange('1', /入职日期/);
    await exchange('2019年3月1日', /哪天解除/);
    await exchange('2024年5月31日', /平均月工资/);
    const result = await exchange('6000', /仅供参考/);
    expect(result).toContain('经济补偿（N）：33,000.00元');
    expect(result).toContain('《劳动合同法》第四十七条第一款');
  }, 120_000);
});
