// Both hash providers against published test vectors (FIPS 180-2 SHA-256, RFC 4231 HMAC-SHA256 case 2),
// and against each other on non-ASCII and binary input.
import { describe, expect, it } from 'vitest';
import { nodeCrypto } from './crypto-node.js';
import { webCrypto } from './crypto-web.js';

describe.each([
  ['node:crypto', nodeCrypto],
  ['WebCrypto', webCrypto],
] as const)('%s provider', (_name, provider) => {
  it('hashes SHA-256', async () => {
    expect(await provider.sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await provider.sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
  it('signs HMAC-SHA256 with a UTF-8 key', async () => {
    expect(await provider.hmacSha256Hex('Jefe', 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
  });
  it('agrees with the other provider on UTF-8 text, bytes and changing keys', async () => {
    const bytes = new Uint8Array([0, 255, 128, 10]);
    expect(await provider.sha256Hex('镜像 ✓')).toBe(nodeCrypto.sha256Hex('镜像 ✓'));
    expect(await provider.sha256Hex(bytes)).toBe(nodeCrypto.sha256Hex(bytes));
    expect(await provider.hmacSha256Hex('k1', 'm')).toBe(nodeCrypto.hmacSha256Hex('k1', 'm'));
    expect(await provider.hmacSha256Hex('k2', 'm')).toBe(nodeCrypto.hmacSha256Hex('k2', 'm'));
    expect(provider.sync).toBe(provider === nodeCrypto);
  });
});
