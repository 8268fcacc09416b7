import { describe, expect, it } from 'vitest';
import type { AuthContext } from './auth.js';
import { akskAuth, tokenAuth } from './index.node.js';

const ctx = (headers: Record<string, string> = {}): AuthContext => ({
  method: 'GET',
  host: 'ims.cn-north-4.myhuaweicloud.com',
  pathname: '/v1/cloudimages/job/abc',
  query: [],
  headers,
  body: undefined,
});

describe('tokenAuth', () => {
  it('sets X-Auth-Token from a string, a function or a promise', async () => {
    const a = ctx();
    await tokenAuth('t-1234').apply(a);
    const b = ctx();
    await tokenAuth(() => 't-5678').apply(b);
    const c = ctx();
    await tokenAuth(async () => 't-9999').apply(c);
    expect([a, b, c].map((x) => x.headers['x-auth-token'])).toEqual(['t-1234', 't-5678', 't-9999']);
  });
  it('rejects bad tokens with a clear error', async () => {
    expect(() => tokenAuth('')).toThrow(/tokenAuth: token must be a non-empty string/);
    await expect(Promise.resolve(tokenAuth(async () => '').apply(ctx()))).rejects.toThrow(/returned no token/);
  });
  it('remembers the tokens it used, for redaction', async () => {
    const auth = tokenAuth(async () => 'rotating-token');
    await auth.apply(ctx());
    expect(auth.secrets()).toEqual(['rotating-token']);
  });
});

describe('akskAuth', () => {
  it('adds project, security token, date and Authorization over every header', () => {
    const c = ctx({ 'x-custom': 'v' });
    akskAuth({ ak: 'AK1234', sk: 'SK-secret-1', projectId: 'p1', securityToken: 'sts-1' }).apply(c);
    expect(c.headers['x-project-id']).toBe('p1');
    expect(c.headers['x-security-token']).toBe('sts-1');
    expect(c.headers['x-sdk-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(c.headers.authorization).toMatch(/^SDK-HMAC-SHA256 Access=AK1234, SignedHeaders=host;x-custom;x-project-id;x-sdk-date;x-security-token, Signature=[0-9a-f]{64}$/);
  });
  it('signs synchronously in the node build', () => {
    expect(akskAuth({ ak: 'a', sk: 'b' }).apply(ctx())).toBeUndefined();
  });
  it('names the missing credential', () => {
    // @ts-expect-error -- sk missing
    expect(() => akskAuth({ ak: 'a' })).toThrow(/`sk` must be a non-empty string/);
  });
  it('takes an empty optional field of static credentials as not given (HW_PROJECT_ID= in a shell)', () => {
    const auth = akskAuth({ ak: 'AK1234', sk: 'SK-secret-1', projectId: '', securityToken: '' });
    expect(JSON.stringify(auth)).toBe('{"kind":"aksk","ak":"AK1234"}');
    expect(auth.secrets()).toEqual(['SK-secret-1']);
  });
  it('shows AK and project id, never the SK', () => {
    const auth = akskAuth({ ak: 'AK1234', sk: 'SK-secret-1', projectId: 'p1' });
    expect(JSON.stringify(auth)).toBe('{"kind":"aksk","ak":"AK1234","projectId":"p1"}');
    expect(auth.secrets()).toEqual(['SK-secret-1']);
  });
});
