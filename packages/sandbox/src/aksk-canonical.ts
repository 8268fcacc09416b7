// The SDK-HMAC-SHA256 canonical request as the API gateway recomputes it from a request *as received*.
// Written from the algorithm description (spec securitySchemes.akskAuth, research/aksk-signing.md), not
// from any signer's code, so that it can serve as the independent check of our client's signer.
import { createHash } from 'node:crypto';

export const ALGORITHM = 'SDK-HMAC-SHA256';
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

const UNRESERVED = /^[A-Za-z0-9\-_.~]$/;

/** RFC 3986 encoding of the UTF-8 bytes of `s`: only `A-Z a-z 0-9 - _ . ~` stay, the rest is `%XX`. */
export function encodeRfc3986(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const ch = String.fromCharCode(byte);
    out += byte < 0x80 && UNRESERVED.test(ch) ? ch : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/**
 * Percent-decodes one path segment or query component. Returns undefined for a malformed escape or
 * bytes that are not UTF-8, which cannot have come from a conforming signer.
 */
export function percentDecode(s: string, plusIsSpace: boolean): string | undefined {
  const t = plusIsSpace ? s.replace(/\+/g, ' ') : s;
  try {
    return decodeURIComponent(t);
  } catch {
    return undefined;
  }
}

/**
 * Canonical URI: each segment of the raw path decoded once (a client percent-encodes what it sends) and
 * re-encoded with the RFC 3986 rule, then a trailing `/` added when missing.
 */
export function canonicalUri(rawPath: string): string | undefined {
  const segments = rawPath.split('/');
  const encoded: string[] = [];
  for (const seg of segments) {
    const d = percentDecode(seg, false);
    if (d === undefined) return undefined;
    encoded.push(encodeRfc3986(d));
  }
  const joined = encoded.join('/');
  return joined.endsWith('/') ? joined : joined + '/';
}

/**
 * Canonical query: decoded keys sorted (UTF-16 code-unit order, as the official signers sort them),
 * repeated keys' values sorted too, each re-encoded, joined `k=v` with `&`. `+` decodes to a space, as
 * form-style query strings mean it (Go's url.ParseQuery does the same on the gateway side).
 */
export function canonicalQuery(rawQuery: string): string | undefined {
  if (rawQuery === '') return '';
  const byKey = new Map<string, string[]>();
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const k = percentDecode(eq < 0 ? part : part.slice(0, eq), true);
    const v = percentDecode(eq < 0 ? '' : part.slice(eq + 1), true);
    if (k === undefined || v === undefined) return undefined;
    const list = byKey.get(k);
    if (list) list.push(v);
    else byKey.set(k, [v]);
  }
  const keys = [...byKey.keys()].sort();
  const pairs: string[] = [];
  for (const k of keys) {
    for (const v of (byKey.get(k) ?? []).sort()) pairs.push(`${encodeRfc3986(k)}=${encodeRfc3986(v)}`);
  }
  return pairs.join('&');
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export interface CanonicalInput {
  method: string;
  /** The request target as received: path and optional `?query`, still percent-encoded. */
  rawUrl: string;
  /** Signed header names, lower-case, in the order the Authorization header lists them. */
  signedHeaders: readonly string[];
  /** Header value lookup by lower-case name (already trimmed by the HTTP parser). */
  header: (name: string) => string | undefined;
  /** Lower-case hex SHA-256 of the body bytes, or the X-Sdk-Content-Sha256 value. */
  payloadHash: string;
}

export type CanonicalResult = { ok: true; canonicalRequest: string } | { ok: false; reason: string };

export function buildCanonicalRequest(input: CanonicalInput): CanonicalResult {
  const q = input.rawUrl.indexOf('?');
  const rawPath = q < 0 ? input.rawUrl : input.rawUrl.slice(0, q);
  const rawQuery = q < 0 ? '' : input.rawUrl.slice(q + 1);
  const uri = canonicalUri(rawPath);
  if (uri === undefined) return { ok: false, reason: 'the path has a malformed percent-escape' };
  const query = canonicalQuery(rawQuery);
  if (query === undefined) return { ok: false, reason: 'the query has a malformed percent-escape' };
  const names = [...input.signedHeaders].sort();
  let headerLines = '';
  for (const name of names) {
    const value = input.header(name);
    if (value === undefined) return { ok: false, reason: `signed header ${name} is missing from the request` };
    headerLines += `${name}:${value.trim()}\n`;
  }
  const canonicalRequest = [input.method.toUpperCase(), uri, query, headerLines, names.join(';'), input.payloadHash].join('\n');
  return { ok: true, canonicalRequest };
}

export function stringToSign(sdkDate: string, canonicalRequest: string): string {
  return `${ALGORITHM}\n${sdkDate}\n${sha256Hex(canonicalRequest)}`;
}
