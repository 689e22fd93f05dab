/**
 * Abuse limits against a running server (issue 15): repeated wrong logins for one account are refused with 429
 * and Retry-After before the 20th attempt while a colleague's correct login still succeeds; a burst of asks from
 * one client without an identity gets 429s with Retry-After under the default limit, and the server stays healthy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS, LoginThrottle } from '../../src/accounts/login-throttle.js';
import { configSchema } from '../../src/config/config.js';
import { startServer, type ServerHarness } from '../support/server-harness.js';

describe('login protection', () => {
  let h: ServerHarness;
  beforeAll(async () => {
    h = await startServer();
    await h.accounts.addUser({ username: 'alice', password: 'alice-password', role: 'agent' });
    await h.accounts.addUser({ username: 'bob', password: 'bob-password', role: 'lawyer' });
  });
  afterAll(() => h.close());

  it('locks an account after repeated wrong passwords, and a correct login for another account still succeeds', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 20; i++) {
      const res = await h.request('POST', '/api/v1/auth/login', { username: 'alice', password: `wrong-${i}-password` });
      statuses.push(res.status);
      if (res.status === 429) retryAfter ??= res.headers.get('retry-after');
    }
    const first429 = statuses.indexOf(429);
    expect(first429).toBeGreaterThan(0);
    expect(first429).toBeLessThan(19);
    expect(statuses.slice(0, first429).every((s) => s === 401)).toBe(true);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // While alice is locked, her correct password is refused too; bob, from the same client, gets in.
    expect((await h.request('POST', '/api/v1/auth/login', { username: 'alice', password: 'alice-password' })).status).toBe(429);
    const bob = await h.request('POST', '/api/v1/auth/login', { username: 'bob', password: 'bob-password' });
    expect(bob.status).toBe(200);
    expect(bob.body.token).toBeTruthy();
  });
});

describe('the login throttle', () => {
  it('doubles the lock with each further failure, up to its cap, and forgets the run after a correct login', () => {
    const t = new LoginThrottle();
    let now = 0;
    const fail = () => t.failed('carol', '10.0.0.1', now);
    for (let i = 1; i < LOGIN_LIMITS.accountFailures; i++) expect(fail()).toBeNull();
    expect(fail()).toEqual({ lockedForMs: LOGIN_LIMITS.baseLockMs });
    expect(t.check('Carol', '10.0.0.1', now)).toMatchObject({ reason: 'account_locked', retryAfterMs: LOGIN_LIMITS.baseLockMs });
    now += LOGIN_LIMITS.baseLockMs;
    expect(t.check('carol', '10.0.0.1', now)).toBeNull();
    expect(fail()).toEqual({ lockedForMs: 2 * LOGIN_LIMITS.baseLockMs });
    for (let i = 0; i < 10; i++) fail();
    expect(fail()!.lockedForMs).toBe(LOGIN_LIMITS.maxLockMs);
    t.succeeded('carol');
    expect(t.check('carol', '10.0.0.2', now)).toBeNull();
  });

  it('refuses a client that failed too often across accounts, until its window passes', () => {
    const t = new LoginThrottle();
    for (let i = 0; i < LOGIN_LIMITS.ipFailures; i++) t.failed(`user${i}`, '10.0.0.9', i);
    const refusal = t.check('someone-else', '10.0.0.9', LOGIN_LIMITS.ipFailures);
    expect(refusal?.reason).toBe('ip_limited');
    expect(t.check('someone-else', '10.0.0.10', LOGIN_LIMITS.ipFailures)).toBeNull();
    expect(t.check('someone-else', '10.0.0.9', LOGIN_LIMITS.ipWindowMs + LOGIN_LIMITS.ipFailures)).toBeNull();
  });
});

describe('rate limits on the public endpoints', () => {
  let h: ServerHarness;
  const defaults = configSchema.parse({});
  beforeAll(async () => {
    h = await startServer({ LAWLINE_RATE_LIMIT_PER_MINUTE: String(defaults.LAWLINE_RATE_LIMIT_PER_MINUTE) });
  });
  afterAll(() => h.close());

  it('a burst of 600 asks from one client without an identity gets 429s with Retry-After, and the server stays healthy', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let wave = 0; wave < 60; wave++) {
      const results = await Promise.all(Array.from({ length: 10 }, () => fetch(`${h.base}/api/v1/ask`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: '被狗咬了' }),
      })));
      for (const r of results) {
        statuses.push(r.status);
        if (r.status === 429) retryAfter ??= r.headers.get('retry-after');
        await r.arrayBuffer();
      }
    }
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(defaults.LAWLINE_RATE_LIMIT_PER_MINUTE);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect((await fetch(`${h.base}/healthz`)).status).toBe(200);
  });
});
