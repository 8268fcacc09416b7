import { createHash, createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSdkDate, SDK_DATE_WINDOW_MS, verifyAkSk, type AkSkRequest } from './aksk-verify.js';

interface Vector {
  id: string;
  quirk?: string;
  input: { method: string; urlWithQuery: string; body: string; ak: string; sk: string; sdkDate: string };
  expected: { headersOut: Record<string, string>; canonicalRequest: string };
}

// Made by Huawei's official signer (see test/fixtures/README.md).
const vectors = (JSON.parse(readFileSync(new URL('../test/fixtures/aksk-vectors.json', import.meta.url), 'utf8')) as { vectors: Vector[] }).vectors;

/** The request as a server receives it: the URL percent-encoded on the wire, header names lower-cased. */
function asReceived(v: Vector): AkSkRequest {
  const u = new URL(v.input.urlWithQuery);
  const headers: Record<string, string> = {};
  for (const [k, val] of Object.entries(v.expected.headersOut)) headers[k.toLowerCase()] = String(val).trim();
  return { method: v.input.method, rawUrl: u.pathname + u.search, headers, body: Buffer.from(v.input.body, 'utf8') };
}

const at = (v: Vector) => parseSdkDate(v.input.sdkDate)!.getTime();
const lookup = (v: Vector) => (ak: string) => (ak === v.input.ak ? { ak, sk: v.input.sk } : undefined);

describe('verifyAkSk against the official signer vectors', () => {
  const usable = vectors.filter((v) => !v.quirk);
  it('has vectors to check', () => expect(usable.length).toBeGreaterThanOrEqual(12));

  for (const v of usable) {
    it(`accepts ${v.id}`, () => {
      expect(verifyAkSk(asReceived(v), lookup(v), at(v))).toEqual({ ok: true, credential: { ak: v.input.ak, sk: v.input.sk } });
    });

    it(`rejects ${v.id} with a tampered body, path, header or date`, () => {
      const good = asReceived(v);
      // With X-Sdk-Content-Sha256: UNSIGNED-PAYLOAD the signer chose not to cover the body, so only then
      // a changed body still verifies (the gateway behaves the same).
      const bodyCovered = good.headers['x-sdk-content-sha256'] === undefined;
      const tampered: AkSkRequest[] = [
        ...(bodyCovered ? [{ ...good, body: Buffer.concat([Buffer.from(good.body), Buffer.from(' ')]) }] : []),
        { ...good, rawUrl: good.rawUrl.replace(/\/([^/?]*)(\?|$)/, '/$1x$2') },
        { ...good, headers: { ...good.headers, host: 'evil.example.com' } },
        { ...good, headers: { ...good.headers, 'x-sdk-date': v.input.sdkDate.replace(/5Z$/, '6Z') } },
      ];
      for (const t of tampered) {
        const r = verifyAkSk(t, lookup(v), at(v));
        expect(r.ok, JSON.stringify(t.rawUrl)).toBe(false);
      }
    });
  }

  it('shows the canonical request it computed, equal to the signer’s, when only the key differs', () => {
    const v = usable[0]!;
    const r = verifyAkSk(asReceived(v), (ak) => ({ ak, sk: 'wrong' }), at(v));
    expect(r).toMatchObject({ ok: false, reason: 'the signature does not match', canonicalRequest: v.expected.canonicalRequest });
  });
});

describe('verifyAkSk rules', () => {
  const sk = 'secret';
  const sign = (date: string, canonical: string) =>
    createHmac('sha256', sk).update(`SDK-HMAC-SHA256\n${date}\n${createHash('sha256').update(canonical).digest('hex')}`).digest('hex');
  const v = vectors[0]!;

  it('enforces the 15-minute X-Sdk-Date window both ways', () => {
    const t = at(v);
    expect(verifyAkSk(asReceived(v), lookup(v), t + SDK_DATE_WINDOW_MS - 1000).ok).toBe(true);
    expect(verifyAkSk(asReceived(v), lookup(v), t - SDK_DATE_WINDOW_MS + 1000).ok).toBe(true);
    const late = verifyAkSk(asReceived(v), lookup(v), t + SDK_DATE_WINDOW_MS + 1000);
    expect(late).toMatchObject({ ok: false });
    expect(!late.ok && late.reason).toMatch(/15 minutes/);
    expect(verifyAkSk(asReceived(v), lookup(v), t - SDK_DATE_WINDOW_MS - 1000).ok).toBe(false);
  });

  it('requires x-sdk-date among the signed headers', () => {
    const req = asReceived(v);
    const auth = (req.headers.authorization as string).replace('content-type;host;x-sdk-date', 'content-type;host');
    const r = verifyAkSk({ ...req, headers: { ...req.headers, authorization: auth } }, lookup(v), at(v));
    expect(r).toMatchObject({ ok: false, reason: 'SignedHeaders must include x-sdk-date' });
  });

  it('rejects an unknown AK, a malformed Authorization and a malformed date', () => {
    const req = asReceived(v);
    expect(verifyAkSk(req, () => undefined, at(v))).toMatchObject({ ok: false, reason: 'the access key (AK) is unknown' });
    expect(verifyAkSk({ ...req, headers: { ...req.headers, authorization: 'SDK-HMAC-SHA256 garbage' } }, lookup(v), at(v)).ok).toBe(false);
    expect(verifyAkSk({ ...req, headers: { ...req.headers, 'x-sdk-date': '20240230T030405Z' } }, lookup(v), at(v))).toMatchObject({ ok: false });
    expect(parseSdkDate('20240102T030405')).toBeUndefined();
    expect(parseSdkDate('20240102T250405Z')).toBeUndefined();
  });

  it('counts X-Sdk-Content-Sha256 only when it is signed', () => {
    const date = '20240102T030405Z';
    const headers: Record<string, string> = { host: 'h', 'x-sdk-date': date, 'x-sdk-content-sha256': 'UNSIGNED-PAYLOAD' };
    const canonical = `POST\n/p/\n\nhost:h\nx-sdk-date:${date}\n\nhost;x-sdk-date\nUNSIGNED-PAYLOAD`;
    headers.authorization = `SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=${sign(date, canonical)}`;
    const r = verifyAkSk({ method: 'POST', rawUrl: '/p', headers, body: Buffer.from('{}') }, (ak) => ({ ak, sk }), parseSdkDate(date)!.getTime());
    expect(r).toMatchObject({ ok: false, reason: 'X-Sdk-Content-Sha256 is sent but not signed' });
    // The same request signing the header too verifies (a positive control for the helper above).
    const canonical2 = `POST\n/p/\n\nhost:h\nx-sdk-content-sha256:UNSIGNED-PAYLOAD\nx-sdk-date:${date}\n\nhost;x-sdk-content-sha256;x-sdk-date\nUNSIGNED-PAYLOAD`;
    headers.authorization = `SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-content-sha256;x-sdk-date, Signature=${sign(date, canonical2)}`;
    expect(verifyAkSk({ method: 'POST', rawUrl: '/p', headers, body: Buffer.from('{}') }, (ak) => ({ ak, sk }), parseSdkDate(date)!.getTime()).ok).toBe(true);
  });
});
