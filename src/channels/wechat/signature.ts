/**
 * @module channels/wechat/signature
 * WeChat's request signatures: SHA-1 over the lexicographically sorted parts (token, timestamp, nonce, and in safe
 * mode the Encrypt field), compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** SHA-1 hex of the sorted, concatenated `parts`. */
export function wechatSignature(...parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

/**
 * True when `signature` equals the signature of `parts`.
 * @example verifySignature(query.signature, token, query.timestamp, query.nonce)
 */
export function verifySignature(signature: unknown, ...parts: unknown[]): boolean {
  if (typeof signature !== 'string' || !/^[0-9a-f]{40}$/i.test(signature)) return false;
  if (!parts.every((p) => typeof p === 'string' && p.length > 0 && p.length <= 100_000)) return false;
  const expected = Buffer.from(wechatSignature(...(parts as string[])), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature.toLowerCase(), 'hex'));
}
