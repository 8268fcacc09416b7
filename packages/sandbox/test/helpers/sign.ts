// A bare SDK-HMAC-SHA256 signer for gateway tests that need to sign what no official signer would send
// (a chosen X-Sdk-Content-Sha256, a trimmed SignedHeaders list). The canonical form comes from the
// verifier's own builder, which test/fixtures' official vectors check independently.
import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import { buildCanonicalRequest, sha256Hex, stringToSign } from '../../src/aksk-canonical.js';

export function sdkDate(at = new Date()): string {
  return at.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export interface ToSign {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** Names of `headers` (lower-case) to sign; default all of them. */
  sign?: string[];
  /** The payload hash to sign; default X-Sdk-Content-Sha256 if present, else the body's SHA-256. */
  payloadHash?: string;
}

/** Adds X-Sdk-Date and Authorization to `headers` (lower-case names) signed with ak/sk. */
export function signed(t: ToSign, ak: string, sk: string): Record<string, string> {
  const headers: Record<string, string> = { 'x-sdk-date': sdkDate(), ...t.headers };
  const names = [...new Set([...(t.sign ?? Object.keys(headers)), 'x-sdk-date'])].sort();
  const built = buildCanonicalRequest({
    method: t.method,
    rawUrl: t.path,
    signedHeaders: names,
    header: (n) => headers[n],
    payloadHash: t.payloadHash ?? headers['x-sdk-content-sha256'] ?? sha256Hex(t.body),
  });
  if (!built.ok) throw new Error(built.reason);
  const signature = createHmac('sha256', sk).update(stringToSign(headers['x-sdk-date']!, built.canonicalRequest)).digest('hex');
  return { ...headers, authorization: `SDK-HMAC-SHA256 Access=${ak}, SignedHeaders=${names.join(';')}, Signature=${signature}` };
}

/** Sends exactly these headers and body bytes (fetch would add or change some). */
export function rawRequest(base: string, method: string, path: string, headers: Record<string, string>, body = ''): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: any }> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, method, path, headers, setHost: headers.host === undefined }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text.startsWith('{') ? JSON.parse(text) : text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
