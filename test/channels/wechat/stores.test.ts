/**
 * The small in-memory stores: follow-up numbers expire; the dedupe decides passive vs late delivery once. (The
 * server's follow-ups live in the state database: see wechat-repository.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { createReplyDedupe, passiveOrLate } from '../../../src/channels/wechat/dedupe.js';
import { createFollowUpStore } from '../../../src/channels/wechat/follow-up-store.js';
import { deferred } from './wechat-kit.js';

describe('follow-up store', () => {
  it('forgets an openid’s numbers after the TTL, and replaces them on set', async () => {
    let t = 0;
    const store = createFollowUpStore({ ttlMs: 1000, now: () => t });
    const one = [{ number: 1, label: 'a', action: { type: 'show' as const, text: 'A' } }];
    await store.set('u', one);
    t = 999;
    expect(await store.get('u')).toEqual(one);
    await store.set('u', []);
    expect(await store.get('u')).toBeUndefined();
    await store.set('u', one);
    t = 999 + 1000;
    expect(await store.get('u')).toBeUndefined();
  });

  it('keeps at most maxEntries openids', async () => {
    const store = createFollowUpStore({ maxEntries: 2 });
    const opts = [{ number: 1, label: 'a', action: { type: 'show' as const, text: 'A' } }];
    for (const id of ['a', 'b', 'c']) await store.set(id, opts);
    expect((await Promise.all([store.get('a'), store.get('b'), store.get('c')])).map(Boolean)).toEqual([false, true, true]);
  });
});

describe('reply dedupe', () => {
  it('runs the task once per key and delivers late exactly once', async () => {
    const dedupe = createReplyDedupe<string>();
    const result = deferred<string>();
    let runs = 0;
    const task = () => {
      runs++;
      return result.promise;
    };
    const late: string[] = [];
    const deliverLate = async (v: string) => void late.push(v);
    const first = dedupe.claim('k', task);
    const second = dedupe.claim('k', task);
    expect([first.retry, second.retry, runs]).toEqual([false, true, 1]);

    expect(await passiveOrLate(first.delivery, Promise.resolve(), deliverLate)).toBeNull();
    expect(await passiveOrLate(second.delivery, new Promise(() => undefined), deliverLate)).toBeNull(); // already async
    result.resolve('answer');
    await result.promise;
    await Promise.resolve();
    expect(late).toEqual(['answer']);
  });

  it('forgets keys after the TTL', () => {
    let t = 0;
    const dedupe = createReplyDedupe<string>({ ttlMs: 10, now: () => t });
    dedupe.claim('k', async () => 'a');
    t = 11;
    expect(dedupe.claim('k', async () => 'b').retry).toBe(false);
  });
});
