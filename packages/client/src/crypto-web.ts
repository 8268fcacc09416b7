import type { CryptoProvider } from './crypto-provider.js';

const utf8 = new TextEncoder();

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

// One imported HMAC key per secret: importKey is as costly as a sign, and a client signs with one SK.
// A WeakRef-free Map keyed by the secret would keep secrets alive forever, so only the last key is kept.
let lastKey: { secret: string; key: Promise<CryptoKey> } | undefined;

function hmacKey(secret: string): Promise<CryptoKey> {
  if (lastKey?.secret !== secret) {
    const key = crypto.subtle.importKey('raw', utf8.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    lastKey = { secret, key };
  }
  return lastKey.key;
}

export const webCrypto: CryptoProvider = {
  sync: false,
  async sha256Hex(data) {
    return hex(await crypto.subtle.digest('SHA-256', typeof data === 'string' ? utf8.encode(data) : (data as Uint8Array<ArrayBuffer>)));
  },
  async hmacSha256Hex(key, message) {
    return hex(await crypto.subtle.sign('HMAC', await hmacKey(key), utf8.encode(message)));
  },
};
