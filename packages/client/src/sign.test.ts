import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nodeCrypto } from './crypto-node.js';
import { webCrypto } from './crypto-web.js';
import { makeSignRequest } from './sign.js';

interface Vector {
  id: string;
  quirk?: string;
  input: {
    method: string;
    urlWithQuery: string;
    headers: Record<string, string>;
    body: string;
    ak: string;
    sk: string;
    sdkDate: string;
    sdkDateSource: 'clock' | 'header';
  };
  expected: { authorization: string; headersOut: Record<string, string> };
}

// Made by Huawei's official signer (see test/fixtures/README.md).
const file = JSON.parse(readFileSync(new URL('../test/fixtures/aksk-vectors.public.json', import.meta.url), 'utf8')) as {
  vectors: Vector[];
};

function requestOf(v: Vector): Request {
  const hasBody = v.input.body !== '' && v.input.method !== 'GET' && v.input.method !== 'HEAD';
  return new Request(v.input.urlWithQuery, {
    method: v.input.method,
    headers: v.input.headers,
    body: hasBody ? v.input.body : undefined,
  });
}

describe.each([
  ['node:crypto', makeSignRequest(nodeCrypto)],
  ['WebCrypto', makeSignRequest(webCrypto)],
])('signRequest with %s', (_name, signRequest) => {
  it('has vectors to check', () => {
    expect(file.vectors.length).toBeGreaterThanOrEqual(12);
  });

  it.each(file.vectors.filter((v) => !v.quirk).map((v) => [v.id, v] as const))(
    'reproduces the official Authorization for %s',
    async (_id, v) => {
      const signed = await signRequest(requestOf(v), { ak: v.input.ak, sk: v.input.sk }, { date: v.input.sdkDate });
      expect(signed.headers.get('authorization')).toBe(v.expected.authorization);
      expect(signed.headers.get('x-sdk-date')).toBe(v.input.sdkDate);
    },
  );
});

describe('signRequest, standard behaviour where the official signer has quirks', () => {
  const signRequest = makeSignRequest(nodeCrypto);
  const creds = { ak: 'AK0000000000', sk: 'SK-secret-0000000000' };
  const date = '20240102T030405Z';

  it('hashes the exact body bytes, even bytes that are not UTF-8', async () => {
    const bytes = new Uint8Array([0xff, 0x00, 0xfe, 0x7b]);
    const a = await signRequest(new Request('https://h/x', { method: 'POST', body: bytes }), creds, { date });
    const b = await signRequest(new Request('https://h/x', { method: 'POST', body: new Uint8Array([0xff, 0x00, 0xfe, 0x7c]) }), creds, { date });
    expect(a.headers.get('authorization')).not.toBe(b.headers.get('authorization'));
    expect(new Uint8Array(await a.arrayBuffer())).toEqual(bytes);
  });

  it('adds X-Security-Token and signs it', async () => {
    const r = await signRequest(new Request('https://h/x'), { ...creds, securityToken: 'sts' }, { date });
    expect(r.headers.get('x-security-token')).toBe('sts');
    expect(r.headers.get('authorization')).toContain('SignedHeaders=host;x-sdk-date;x-security-token,');
  });

  it('uses an X-Sdk-Date already on the request, in any letter case, once', async () => {
    const r = await signRequest(new Request('https://h/x', { headers: { 'x-sdk-date': date } }), creds);
    const s = await signRequest(new Request('https://h/x'), creds, { date });
    expect(r.headers.get('authorization')).toBe(s.headers.get('authorization'));
    expect(r.headers.get('authorization')).toContain('SignedHeaders=host;x-sdk-date,');
    await expect(signRequest(new Request('https://h/x', { headers: { 'X-Sdk-Date': '2024-01-02' } }), creds)).rejects.toThrow(/X-Sdk-Date header/);
    // a zone-less date is read as UTC and the header on the wire is rewritten to what was signed
    const zoneless = await signRequest(new Request('https://h/x', { headers: { 'X-Sdk-Date': '20240102T030405' } }), creds);
    expect(zoneless.headers.get('x-sdk-date')).toBe(date);
    expect(zoneless.headers.get('authorization')).toBe(s.headers.get('authorization'));
  });

  it('signs trimmed header values, so a server that strips whitespace verifies it', async () => {
    const padded = await signRequest(new Request('https://h/x', { headers: { 'x-a': '  v  ' } }), creds, { date });
    const plain = await signRequest(new Request('https://h/x', { headers: { 'x-a': 'v' } }), creds, { date });
    expect(padded.headers.get('authorization')).toBe(plain.headers.get('authorization'));
  });

  it('replaces an old Authorization instead of signing it', async () => {
    const once = await signRequest(new Request('https://h/x'), creds, { date });
    const twice = await signRequest(once, creds, { date });
    expect(twice.headers.get('authorization')).toBe(once.headers.get('authorization'));
  });

  it('leaves a multipart Content-Type unsigned, as the official signers do', async () => {
    const form = new FormData();
    form.set('a', 'b');
    const r = await signRequest(new Request('https://h/x', { method: 'POST', body: form }), creds, { date });
    expect(r.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    expect(r.headers.get('authorization')).toContain('SignedHeaders=host;x-sdk-date,');
  });

  it('names the bad credential field', async () => {
    await expect(signRequest(new Request('https://h/x'), { ak: '', sk: 'x' })).rejects.toThrow(/`ak` must be a non-empty string/);
    await expect(signRequest(new Request('https://h/x'), { ak: 'a', sk: '' })).rejects.toThrow(/`sk` must be a non-empty string/);
  });
});

describe.each([
  ['node:crypto', makeSignRequest(nodeCrypto)],
  ['WebCrypto', makeSignRequest(webCrypto)],
])('X-Sdk-Content-Sha256 with %s', (_name, signRequest) => {
  const body = '{"name":"img"}';
  const hash = createHash('sha256').update(body).digest('hex');
  const post = (value: string): Request =>
    new Request('https://ims.example.com/v2/cloudimages/quickimport/action', { method: 'POST', headers: { 'content-type': 'application/json', 'X-Sdk-Content-Sha256': value }, body });

  it("refuses a hex value that is not the body's hash (it would sign another body)", async () => {
    await expect(signRequest(post('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'), { ak: 'AK', sk: 'secret-key' })).rejects.toThrow(/X-Sdk-Content-Sha256/);
    await expect(signRequest(post('not-a-hash'), { ak: 'AK', sk: 'secret-key' })).rejects.toThrow(TypeError);
  });

  it('accepts the real hash (any letter case) and UNSIGNED-PAYLOAD', async () => {
    for (const value of [hash, hash.toUpperCase(), 'UNSIGNED-PAYLOAD']) {
      const signed = await signRequest(post(value), { ak: 'AK', sk: 'secret-key' }, { date: '20240102T030405Z' });
      expect(signed.headers.get('authorization')).toMatch(/x-sdk-content-sha256/);
    }
  });

  it('the client refuses it too, before sending', async () => {
    const { akskAuth, createImsClient } = await import('./index.node.js');
    let sent = 0;
    const client = createImsClient({ baseUrl: 'http://127.0.0.1:9', auth: akskAuth({ ak: 'AK', sk: 'secret-key' }), fetch: () => Promise.resolve(new Response(String(++sent))) });
    const { POST } = client;
    await expect(POST('/v2/cloudimages/quickimport/action', { body: { name: 'x', os_version: 'o', image_url: 'b:o', min_disk: 1 }, headers: { 'X-Sdk-Content-Sha256': hash } })).rejects.toThrow(/X-Sdk-Content-Sha256/);
    expect(sent).toBe(0);
  });
});
