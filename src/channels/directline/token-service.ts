/**
 * @module channels/directline/token-service
 * Conversation tokens: `base64url(payload).base64url(hmac)`, signed with a key kept in the state database, so no
 * token table is needed and tokens survive a restart. A token grants access to its own conversation only.
 */
import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { newId } from './conversation-store.js';

/** Lifetime of a token, as in Microsoft's Direct Line (clients refresh after half of it). */
export const TOKEN_TTL_SECONDS = 1800;

/** Tokens remembered as verified (about 2 MB at most). */
const VERIFIED_CACHE_SIZE = 10_000;

const payloadSchema = z.object({ c: z.string().min(1), e: z.number().int(), n: z.string() });

/** Why a token was refused: `invalid` (malformed or forged) → 401, `expired` → 403 (Direct Line semantics). */
export type TokenCheck = { ok: true; conversationId: string } | { ok: false; reason: 'missing' | 'invalid' | 'expired' };

export interface TokenService {
  issue(conversationId: string): { token: string; expires_in: number };
  verify(token: string | undefined): TokenCheck;
}

/**
 * @example
 * const tokens = createTokenService(store.signingKey());
 * const { token } = tokens.issue(conversation.id);
 * tokens.verify(token); // { ok: true, conversationId }
 */
export function createTokenService(key: Buffer, now: () => number = Date.now): TokenService {
  const secret = createSecretKey(key);
  const sign = (body: string) => createHmac('sha256', secret).update(body).digest('base64url');
  // Every request of a conversation carries the same token: remember the ones issued here or already checked (until
  // they expire) rather than recompute the signature each time. Bounded; the oldest entries go first.
  const verified = new Map<string, { conversationId: string; expiresAt: number }>();
  const remember = (token: string, conversationId: string, expiresAt: number) => {
    if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!);
    verified.set(token, { conversationId, expiresAt });
  };
  return {
    issue(conversationId) {
      const payload = { c: conversationId, e: Math.floor(now() / 1000) + TOKEN_TTL_SECONDS, n: newId(6) };
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      const token = `${body}.${sign(body)}`;
      remember(token, conversationId, payload.e * 1000);
      return { token, expires_in: TOKEN_TTL_SECONDS };
    },
    verify(token) {
      if (!token) return { ok: false, reason: 'missing' };
      const known = verified.get(token);
      if (known) {
        if (known.expiresAt > now()) return { ok: true, conversationId: known.conversationId };
        verified.delete(token);
        return { ok: false, reason: 'expired' };
      }
      const [body, mac, extra] = token.split('.');
      if (!body || !mac || extra !== undefined) return { ok: false, reason: 'invalid' };
      const expected = Buffer.from(sign(body));
      const given = Buffer.from(mac);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
      let parsed;
      try {
        parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
      } catch {
        return { ok: false, reason: 'invalid' };
      }
      if (!parsed.success) return { ok: false, reason: 'invalid' };
      if (parsed.data.e * 1000 <= now()) return { ok: false, reason: 'expired' };
      remember(token, parsed.data.c, parsed.data.e * 1000);
      return { ok: true, conversationId: parsed.data.c };
    },
  };
}

/** The token from `Authorization: Bearer …`, if any. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m?.[1];
}
