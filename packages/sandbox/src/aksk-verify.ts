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

const AUTH_RE = /^SDK-HMAC-SHA256\s+Access=([^,\s]+)\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-fA-F]{64})\s*$/;
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

/**
 * Headers that change what a request means: when present they must be signed (Huawei's signers sign every
 * header they send), or a captured request could be replayed with, e.g., another X-Project-Id.
 */
export const MUST_SIGN_WHEN_PRESENT: Readonly<Record<string, string>> = {
  host: 'Host',
  'content-type': 'Content-Type',
  'x-project-id': 'X-Project-Id',
  'x-security-token': 'X-Security-Token',
  'x-sdk-content-sha256': 'X-Sdk-Content-Sha256',
};

/** The only X-Sdk-Content-Sha256 value that lets a signature leave the body uncovered. */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

/**
 * The outcome of the checks that need only the headers. `needsBody: false` means the signature is already
 * verified (X-Sdk-Content-Sha256 carried the payload hash) and the body only has to hash to `bodySha256`
 * (undefined with UNSIGNED-PAYLOAD); `needsBody: true` means the signature covers the body's own hash.
 */
export type AkSkHeaderCheck =
  | { ok: false; reason: string; canonicalRequest?: string; signedHeaders?: string }
  | { ok: true; credential: AkSkCredential; finish: (body: Uint8Array) => AkSkResult };

/** Verifies a request whose body is at hand: the header checks, then the body. */
export function verifyAkSk(req: AkSkRequest, lookup: (ak: string) => AkSkCredential | undefined, now: number = Date.now()): AkSkResult {
  const head = checkAkSkHeaders(req, lookup, now);
  return head.ok ? head.finish(req.body) : head;
}

/**
 * Everything the headers alone can decide, so the server refuses a bad request before reading its body.
 * `req.body` is ignored.
 */
export function checkAkSkHeaders(req: Omit<AkSkRequest, 'body'>, lookup: (ak: string) => AkSkCredential | undefined, now: number = Date.now()): AkSkHeaderCheck {
  const auth = headerValue(req.headers, 'authorization');
  if (!auth) return { ok: false, reason: 'the Authorization header is missing' };
  const m = AUTH_RE.exec(auth.trim());
  if (!m) return { ok: false, reason: `the Authorization header is not "${ALGORITHM} Access=…, SignedHeaders=…, Signature=<64 hex digits>"` };
  const [, ak, signedHeaderList, signature] = m as unknown as [string, string, string, string];
  const signedHeaders = signedHeaderList.split(';').map((h) => h.toLowerCase());
  const fail = (reason: string, canonicalRequest?: string) => ({ ok: false as const, reason, signedHeaders: signedHeaderList, ...(canonicalRequest ? { canonicalRequest } : {}) });
  if (signedHeaders.some((h) => h === '')) return fail('SignedHeaders has an empty name');
  if (!signedHeaders.includes('x-sdk-date')) return fail('SignedHeaders must include x-sdk-date');
  for (const name in MUST_SIGN_WHEN_PRESENT) {
    if (req.headers[name] !== undefined && !signedHeaders.includes(name)) return fail(`${MUST_SIGN_WHEN_PRESENT[name]} is sent but not signed`);
  }

  const sdkDate = headerValue(req.headers, 'x-sdk-date');
  if (!sdkDate) return fail('the X-Sdk-Date header is missing');
  const date = parseSdkDate(sdkDate);
  if (!date) return fail(`X-Sdk-Date ${JSON.stringify(sdkDate)} is not YYYYMMDDTHHMMSSZ`);
  if (Math.abs(now - date.getTime()) > SDK_DATE_WINDOW_MS) {
    return fail(`X-Sdk-Date ${sdkDate} is more than 15 minutes from the server time ${new Date(now).toISOString()}`);
  }

  const credential = lookup(ak);
  if (!credential) return fail('the access key (AK) is unknown');

  /** The signature over the canonical request with `payloadHash`; a failure or undefined when it matches. */
  const checkSignature = (payloadHash: string) => {
    const built = buildCanonicalRequest({ method: req.method, rawUrl: req.rawUrl, signedHeaders, header: (n) => headerValue(req.headers, n), payloadHash });
    if (!built.ok) return fail(built.reason);
    const expected = createHmac('sha256', Buffer.from(credential.sk, 'utf8')).update(stringToSign(sdkDate, built.canonicalRequest)).digest();
    // AUTH_RE admits exactly 64 hex digits, so both sides are 32 bytes.
    if (!timingSafeEqual(Buffer.from(signature, 'hex'), expected)) return fail('the signature does not match', built.canonicalRequest);
    if (credential.securityToken !== undefined) {
      const problem = temporaryCredentialProblem(credential, headerValue(req.headers, 'x-security-token'), now);
      if (problem) return fail(problem);
    }
    return undefined;
  };

  const contentSha = headerValue(req.headers, 'x-sdk-content-sha256')?.trim();
  if (contentSha === undefined) {
    // The signature covers the body's hash: it can only be checked once the body is here.
    return { ok: true, credential, finish: (body) => checkSignature(sha256Hex(body)) ?? { ok: true, credential } };
  }
  // X-Sdk-Content-Sha256 stands in for the body hash in the canonical request, so the signature can be
  // checked now; but a hex value must still be the hash of the bytes received, or a captured request could
  // be replayed with any other body. Only UNSIGNED-PAYLOAD leaves the body uncovered.
  const early = checkSignature(contentSha);
  if (early) return early;
  if (contentSha === UNSIGNED_PAYLOAD) return { ok: true, credential, finish: () => ({ ok: true, credential }) };
  const declared = contentSha.toLowerCase();
  return {
    ok: true,
    credential,
    finish: (body) =>
      sha256Hex(body) === declared ? { ok: true, credential } : fail('X-Sdk-Content-Sha256 is not the SHA-256 of the body received (only UNSIGNED-PAYLOAD skips the body)'),
  };
}

/** Why a correctly signed request with temporary credentials is still refused, or undefined. */
function temporaryCredentialProblem(credential: AkSkCredential, sent: string | undefined, now: number): string | undefined {
  // When sent, MUST_SIGN_WHEN_PRESENT has already made sure it is signed.
  if (sent === undefined) return 'the access key is temporary: send its X-Security-Token';
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
