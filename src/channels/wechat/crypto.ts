/**
 * @module channels/wechat/crypto
 * Safe mode (安全模式): AES-256-CBC with the key from EncodingAESKey, IV = the key's first 16 bytes, PKCS#7 padding
 * to 32-byte blocks (done by hand: Node's own padding uses 16). Plaintext = 16 random bytes, 4-byte big-endian
 * length, the XML, the AppID.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { wechatSignature } from './signature.js';
import { LawlineError, type ErrorCode } from '../../errors.js';

const BLOCK = 32;

/** A safe-mode message that cannot be decrypted or names another AppID. */
export class WechatCryptoError extends LawlineError {
  override name = 'WechatCryptoError';
  readonly code: ErrorCode = 'wechat_crypto';
}

export interface WechatCrypto {
  /** Base64 ciphertext of `xml`. */
  encrypt(xml: string): string;
  /** The XML inside `encrypted`; throws WechatCryptoError on bad padding, length or AppID. */
  decrypt(encrypted: string): string;
  /** msg_signature over token, timestamp, nonce and the Encrypt field. */
  signature(timestamp: string, nonce: string, encrypted: string): string;
}

/** Pads to a multiple of 32 bytes with PKCS#7 (pad byte = pad length, 1..32). */
export function pkcs7Pad(data: Buffer): Buffer {
  const n = BLOCK - (data.length % BLOCK);
  return Buffer.concat([data, Buffer.alloc(n, n)]);
}

function pkcs7Unpad(data: Buffer): Buffer {
  const n = data.at(-1) ?? 0;
  if (n < 1 || n > BLOCK || n > data.length) throw new WechatCryptoError('bad padding');
  return data.subarray(0, data.length - n);
}

/**
 * Safe-mode helpers for one account.
 * @example const c = createWechatCrypto({ token, encodingAesKey, appId }); c.decrypt(fields.Encrypt)
 */
export function createWechatCrypto(options: { token: string; encodingAesKey: string; appId: string }): WechatCrypto {
  const key = Buffer.from(`${options.encodingAesKey}=`, 'base64');
  if (key.length !== 32) throw new WechatCryptoError('EncodingAESKey must decode to 32 bytes');
  const iv = key.subarray(0, 16);
  return {
    encrypt(xml) {
      const body = Buffer.from(xml, 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32BE(body.length);
      const plain = pkcs7Pad(Buffer.concat([randomBytes(16), length, body, Buffer.from(options.appId, 'utf8')]));
      const cipher = createCipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
      return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
    },
    decrypt(encrypted) {
      const data = Buffer.from(encrypted, 'base64');
      if (data.length === 0 || data.length % BLOCK !== 0) throw new WechatCryptoError('ciphertext length is not a multiple of 32');
      const decipher = createDecipheriv('aes-256-cbc', key, iv).setAutoPadding(false);
      const plain = pkcs7Unpad(Buffer.concat([decipher.update(data), decipher.final()]));
      if (plain.length < 20) throw new WechatCryptoError('plaintext too short');
      const size = plain.readUInt32BE(16);
      if (20 + size > plain.length) throw new WechatCryptoError('bad message length');
      const appId = plain.subarray(20 + size).toString('utf8');
      if (appId !== options.appId) throw new WechatCryptoError('message is for another AppID');
      return plain.subarray(20, 20 + size).toString('utf8');
    },
    signature: (timestamp, nonce, encrypted) => wechatSignature(options.token, timestamp, nonce, encrypted),
  };
}
