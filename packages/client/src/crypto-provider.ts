/**
 * The two hash operations SDK-HMAC-SHA256 needs. The browser/default build answers with promises
 * (WebCrypto); the `node` build answers synchronously (node:crypto), which saves the thread-pool round
 * trip WebCrypto costs per call in Node.
 */
export interface CryptoProvider {
  readonly sync: boolean;
  sha256Hex(data: string | Uint8Array): string | Promise<string>;
  hmacSha256Hex(key: string, message: string): string | Promise<string>;
}
