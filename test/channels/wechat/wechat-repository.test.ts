/**
 * What the WeChat channel shares between processes, on both backends: a pushed message is claimed once across
 * connections, with how its answer went out; follow-up numbers (回复N) set through one connection are read through
 * another, replaced, expire, and are forgotten.
 */
import { afterEach, expect, it } from 'vitest';
import { createSqlFollowUpStore, createWechatMessageRepository } from '../../../src/storage/repositories/wechat-repository.js';
import { forEachBackend } from '../../support/test-databases.js';

forEachBackend('WeChat shared records', (backend) => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });
  const two = async () => {
    const pair = await backend.openTwo();
    closers.push(pair.close);
    return pair;
  };

  it('claims a MsgId once across two connections, and remembers how it was answered', async () => {
    const { a, b } = await two();
    const [first, second] = [createWechatMessageRepository(a), createWechatMessageRepository(b)];
    const claims = await Promise.all([first.claim('msg-1', 1000), second.claim('msg-1', 1001)]);
    expect(claims.sort()).toEqual([false, true]);
    expect(await second.get('msg-1')).toEqual({ mode: 'pending', reply: null });
    await first.settle('msg-1', { mode: 'passive', reply: '您好' });
    expect(await second.get('msg-1')).toEqual({ mode: 'passive', reply: '您好' });
    expect(await first.prune(1002)).toBe(1); // whichever claim won, it was made before 1002
    expect(await second.claim('msg-1', 2000)).toBe(true);
  });

  it('keeps follow-up numbers for any process, replaces and expires them', async () => {
    const { a, b } = await two();
    let t = 0;
    const here = createSqlFollowUpStore(a, { ttlMs: 1000, now: () => t });
    const there = createSqlFollowUpStore(b, { ttlMs: 1000, now: () => t });
    const one = [{ number: 1, label: '法条', action: { type: 'show' as const, text: '《劳动法》第五十条' } }];
    await here.set('openid-1', one);
    t = 999;
    expect(await there.get('openid-1')).toEqual(one);
    const replaced = [{ number: 2, label: '办事', action: { type: 'send' as const, text: '怎么申请法律援助' } }];
    await there.set('openid-1', replaced);
    expect(await here.get('openid-1')).toEqual(replaced);
    t = 999 + 1000;
    expect(await here.get('openid-1')).toBeUndefined();
    await here.set('openid-1', one);
    await there.delete('openid-1');
    expect(await here.get('openid-1')).toBeUndefined();
  });
});
