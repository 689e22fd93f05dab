/** Direct Line tokens: a token checked once is remembered, but still expires on time and never grants more. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTokenService, TOKEN_TTL_SECONDS } from '../../../src/channels/directline/token-service.js';

describe('token service', () => {
  it('a token verified before is refused once it expires', () => {
    let t = Date.parse('2026-11-26T10:00:00Z');
    const tokens = createTokenService(randomBytes(32), () => t);
    const { token } = tokens.issue('conv-1');
    expect(tokens.verify(token)).toEqual({ ok: true, conversationId: 'conv-1' });
    t += (TOKEN_TTL_SECONDS - 1) * 1000;
    expect(tokens.verify(token)).toEqual({ ok: true, conversationId: 'conv-1' });
    t += 1000;
    expect(tokens.verify(token)).toEqual({ ok: false, reason: 'expired' });
    expect(tokens.verify(token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('a token signed with another key, or altered, is refused even after the real one was verified', () => {
    const tokens = createTokenService(randomBytes(32));
    const { token } = tokens.issue('conv-1');
    expect(tokens.verify(token).ok).toBe(true);
    const forged = createTokenService(randomBytes(32)).issue('conv-1').token;
    expect(tokens.verify(forged)).toEqual({ ok: false, reason: 'invalid' });
    expect(tokens.verify(`${token}x`)).toEqual({ ok: false, reason: 'invalid' });
    expect(tokens.verify(undefined)).toEqual({ ok: false, reason: 'missing' });
  });

  it('keeps verifying correctly past the size of its memory', () => {
    const tokens = createTokenService(randomBytes(32));
    const issued = Array.from({ length: 10_050 }, (_, i) => ({ id: `c${i}`, token: tokens.issue(`c${i}`).token }));
    for (const { token } of issued) tokens.verify(token);
    for (const { id, token } of [issued[0]!, issued[10_049]!]) expect(tokens.verify(token)).toEqual({ ok: true, conversationId: id });
  });
});
