// Verifies an `Authorization: SDK-HMAC-SHA256 Access=…, SignedHeaders=…, Signature=…` request the way
// Huawei's API gateway does: recompute from the request as received, check the X-Sdk-Date window,
// compare in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ALGORITHM, buildCanonicalRequest, sha256Hex, stringToSign } from './aksk-canonical.js';

export interface AkSkCredential {
  ak: string;
  sk: string;
  projectId?: string;
  /** Temporary credentials: the request must carry this X-Security-Token, signed. */
  securityToken?: string;
  /** Temporary credentials: epoch ms after which they are refused. */
  expiresAt?: number;
}

export interface AkSkRequest {
  method: string;
  rawUrl: string;
  /** Lower-case header name → value (node's IncomingMessage.headers shape). */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Uint8Array;
}

export type AkSkResult =
  | { ok: true; credential: AkSkCredential }
  | { ok: false; reason: string; canonicalRequest?: string; signedHeaders?: string };

/** The gateway's clock tolerance for X-Sdk-Date. */
export const SDK_DATE_WINDOW_MS = 15 * 60 * 1000;

const AUTH_RE = /^SDK-HMAC-SHA256\s+Access=([^,\s]+)\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-fA-F]+)\s*$/;
const DATE_RE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** Parses `YYYYMMDDTHHMMSSZ` (UTC); undefined unless every field is in range. */
export function parseSdkDate(s: string): Date | undefined {
  const m = DATE_RE.exec(s);
  if (!m) return undefined;
  const [y, mo, d, h, mi, se] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const t = Date.UTC(y, mo - 1, d, h, mi, se);
  const date = new Date(t);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || h > 23 || mi > 59 || se > 59) return undefined;
  return date;
}

function headerValue(headers: AkSkRequest['headers'], name: string): string | undefined {
  const v = headers[name];
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.join(',') : v;
}

export function isAkSkAuthorization(value: string | undefined): boolean {
  return value !== undefined && value.trimStart().startsWith(ALGORITHM);
}

export function verifyAkSk(req: AkSkRequest, lookup: (ak: string) => AkSkCredential | undefined, now: number = Date.now()): AkSkResult {
  const auth = headerValue(req.headers, 'authorization');
  if (!auth) return { ok: false, reason: 'the Authorization header is missing' };
  const m = AUTH_RE.exec(auth.trim());
  if (!m) return { ok: false, reason: `the Authorization header is not "${ALGORITHM} Access=…, SignedHeaders=…, Signature=…"` };
  const [, ak, signedHeaderList, signature] = m as unknown as [string, string, string, string];
  const signedHeaders = signedHeaderList.split(';').map((h) => h.toLowerCase());
  if (signedHeaders.some((h) => h === '')) return { ok: false, reason: 'SignedHeaders has an empty name', signedHeaders: signedHeaderList };
  if (!signedHeaders.includes('x-sdk-date')) return { ok: false, reason: 'SignedHeaders must include x-sdk-date', signedHeaders: signedHeaderList };

  const sdkDate = headerValue(req.headers, 'x-sdk-date');
  if (!sdkDate) return { ok: false, reason: 'the X-Sdk-Date header is missing', signedHeaders: signedHeaderList };
  const date = parseSdkDate(sdkDate);
  if (!date) return { ok: false, reason: `X-Sdk-Date ${JSON.stringify(sdkDate)} is not YYYYMMDDTHHMMSSZ`, signedHeaders: signedHeaderList };
  if (Math.abs(now - date.getTime()) > SDK_DATE_WINDOW_MS) {
    return { ok: false, reason: `X-Sdk-Date ${sdkDate} is more than 15 minutes from the server time ${new Date(now).toISOString()}`, signedHeaders: signedHeaderList };
  }

  const credential = lookup(ak);
  if (!credential) return { ok: false, reason: 'the access key (AK) is unknown', signedHeaders: signedHeaderList };

  // X-Sdk-Content-Sha256 replaces the body hash, so it only counts when it is itself signed.
  let payloadHash: string;
  const contentSha = headerValue(req.headers, 'x-sdk-content-sha256');
  if (contentSha !== undefined) {
    if (!signedHeaders.includes('x-sdk-content-sha256')) {
      return { ok: false, reason: 'X-Sdk-Content-Sha256 is sent but not signed', signedHeaders: signedHeaderList };
    }
    payloadHash = contentSha.trim();
  } else {
    payloadHash = sha256Hex(req.body);
  }

  const built = buildCanonicalRequest({
    method: req.method,
    rawUrl: req.rawUrl,
    signedHeaders,
    header: (n) => headerValue(req.headers, n),
    payloadHash,
  });
  if (!built.ok) return { ok: false, reason: built.reason, signedHeaders: signedHeaderList };

  const expected = createHmac('sha256', Buffer.from(credential.sk, 'utf8')).update(stringToSign(sdkDate, built.canonicalRequest)).digest();
  const given = Buffer.from(signature.toLowerCase(), 'hex');
  // Lengths are compared first because timingSafeEqual needs equal lengths; the length is not secret.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'the signature does not match', canonicalRequest: built.canonicalRequest, signedHeaders: signedHeaderList };
  }
  if (credential.securityToken !== undefined) {
    const problem = temporaryCredentialProblem(credential, headerValue(req.headers, 'x-security-token'), signedHeaders, now);
    if (problem) return { ok: false, reason: problem, signedHeaders: signedHeaderList };
  }
  return { ok: true, credential };
}

/** Why a correctly signed request with temporary credentials is still refused, or undefined. */
function temporaryCredentialProblem(credential: AkSkCredential, sent: string | undefined, signedHeaders: readonly string[], now: number): string | undefined {
  if (sent === undefined) return 'the access key is temporary: send its X-Security-Token';
  if (!signedHeaders.includes('x-security-token')) return 'X-Security-Token is sent but not signed';
  if (!constantTimeEqual(sent, credential.securityToken ?? '')) return 'the X-Security-Token does not belong to this access key';
  if (credential.expiresAt !== undefined && now >= credential.expiresAt) {
    return `the temporary access key expired at ${new Date(credential.expiresAt).toISOString()}`;
  }
  return undefined;
}

/** String equality whose time does not depend on where the strings differ (only on their lengths). */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  // timingSafeEqual needs equal lengths; comparing y with itself keeps the work the same on a mismatch.
  if (x.length !== y.length) {
    timingSafeEqual(y, y);
    return false;
  }
  return timingSafeEqual(x, y);
}
