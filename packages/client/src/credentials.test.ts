// akskAuth with a credentials provider, on a loopback server that checks every signature with Huawei's
// official signer: refresh before expiry, one refresh for many requests, failures that name the source,
// and no secret in any error, JSON, inspect or string.
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { officialVerify } from '../test/helpers/official-verify.js';
import { serveEach } from '../test/helpers/server.js';
import { type Credentials, credentialCache, CredentialsError, REFRESH_BEFORE_MS } from './credentials.js';
import { akskAuth, createImsClient } from './index.node.js';

const JOB = 'ff8080814dbd65d7014dbe0d84db0013';
const serve = serveEach(afterEach);
const SK1 = 'first-secret-key-0123456789';
const SK2 = 'second-secret-key-9876543210';
const TOKEN1 = 'sts-token-number-one-abcdef';

/** A provider handing out numbered temporary credentials valid for `lifetimeMs`, counting its calls. */
function rotating(lifetimeMs: number) {
  const keys = [
    { ak: 'AK1', sk: SK1, securityToken: TOKEN1 },
    { ak: 'AK2', sk: SK2, securityToken: 'sts-token-number-two-abcdef' },
  ];
  let calls = 0;
  const provider = async (): Promise<Credentials> => {
    const k = keys[Math.min(calls++, keys.length - 1)]!;
    await new Promise((r) => setTimeout(r, 20)); // a provider takes time: concurrent callers must share it
    return { ...k, projectId: 'p1', expiresAt: new Date(Date.now() + lifetimeMs) };
  };
  return { provider, calls: () => calls, sks: Object.fromEntries(keys.map((k) => [k.ak, k.sk])) };
}

describe('akskAuth(provider)', () => {
  it('20 concurrent requests at start ask the provider once, all signed with its credentials', async () => {
    const source = rotating(3_600_000);
    const s = await serve((rec) => (officialVerify(rec, 'AK1', SK1) === 'ok' ? { json: { job_id: JOB, status: 'INIT' } } : { status: 401, json: { error_code: 'APIGW.0301' } }));
    const client = createImsClient({ baseUrl: s.url, auth: akskAuth(source.provider) });
    await Promise.all(Array.from({ length: 20 }, () => client.getJob(JOB)));
    expect(source.calls()).toBe(1);
    expect(s.requests).toHaveLength(20);
    expect(new Set(s.requests.map((r) => r.headers['x-security-token']))).toEqual(new Set([TOKEN1]));
    expect(s.requests.every((r) => r.headers['x-project-id'] === 'p1')).toBe(true);
  });

  it('refreshes when less than half the lifetime (at most 5 min) is left, once, and signs with the new keys', async () => {
    const source = rotating(3000); // refreshed after 1.5 s: room for two requests on a loaded machine
    const s = await serve((rec) => {
      const ak = /Access=(\w+)/.exec(String(rec.headers.authorization))?.[1] ?? '';
      return officialVerify(rec, ak, source.sks[ak] ?? '') === 'ok' ? { json: { job_id: JOB, status: 'INIT' } } : { status: 401, json: { error_code: 'APIGW.0301' } };
    });
    const client = createImsClient({ baseUrl: s.url, auth: akskAuth(source.provider) });
    await client.getJob(JOB);
    await client.getJob(JOB);
    expect(source.calls()).toBe(1);
    await new Promise((r) => setTimeout(r, 1600));
    await Promise.all([client.getJob(JOB), client.getJob(JOB), client.getJob(JOB)]);
    expect(source.calls()).toBe(2);
    expect(s.requests.map((r) => /Access=(\w+)/.exec(String(r.headers.authorization))?.[1])).toEqual(['AK1', 'AK1', 'AK2', 'AK2', 'AK2']);
  });

  it('uses the 5-minute margin for long-lived credentials', async () => {
    let calls = 0;
    const cache = credentialCache(() => ({ ak: 'A', sk: 'S-secret', expiresAt: new Date(Date.now() + REFRESH_BEFORE_MS + 60_000), n: ++calls }));
    await cache.get();
    expect(cache.get()).not.toBeInstanceOf(Promise); // fresh: no await, no call
    expect(calls).toBe(1);
  });

  it('a failing provider rejects the requests that needed it, naming the source, and nothing is sent', async () => {
    const s = await serve(() => ({ json: { job_id: JOB, status: 'INIT' } }));
    const failing = Object.assign(async () => Promise.reject(new Error(`vault sealed (last key ${SK1})`)), { source: 'my vault' });
    const client = createImsClient({ baseUrl: s.url, auth: akskAuth(failing), retry: { baseDelayMs: 1 } });
    const errors = await Promise.all([client.getJob(JOB), client.quickImport({ name: 'n', os_version: 'o', image_url: 'b:o', min_disk: 40 })].map((p) => p.catch((e: unknown) => e)));
    for (const error of errors) {
      expect(error).toBeInstanceOf(CredentialsError);
      expect((error as CredentialsError).source).toBe('my vault');
      expect((error as Error).message).toMatch(/my vault.*vault sealed/);
    }
    expect(s.requests).toEqual([]);
  });

  it.each([
    [{ ak: 'A' }, /`sk` must be a non-empty string/],
    [null, /no credentials object/],
    [{ ak: 'A', sk: 'S-secret', expiresAt: 'tomorrow' }, /expiresAt/],
    [{ ak: 'A', sk: 'S-secret', expiresAt: new Date(Date.now() - 1000) }, /expired at/],
  ])('refuses what a provider should not return: %j', async (value, message) => {
    const cache = credentialCache(Object.assign(() => value as Credentials, { source: 'test source' }));
    await expect(cache.get()).rejects.toThrow(message);
    await expect(cache.get()).rejects.toThrow(/test source/);
  });

  it('a plain function is named by its name in errors', async () => {
    const myKeys = (): Credentials => Promise.reject(new Error('nope')) as never;
    await expect(credentialCache(myKeys).get()).rejects.toThrow(/credentials provider myKeys: nope/);
  });
});

describe('no secret is ever printed', () => {
  it('not by the auth, the client, the credentials, nor an error that quotes them', async () => {
    const source = rotating(3_600_000);
    const s = await serve((rec) => ({ status: 403, json: { error_code: 'APIGW.0302', error_msg: `echo ${rec.headers['x-security-token']} ${SK1}` } }));
    const auth = akskAuth(source.provider);
    const client = createImsClient({ baseUrl: s.url, auth });
    const error = (await client.getJob(JOB).catch((e: unknown) => e)) as Error;
    const credentials = await auth.credentials!();
    const failed = (await Promise.resolve(credentialCache(Object.assign(async () => Promise.reject(new Error(`bad ${SK1}`)), { source: 's' })).get()).catch((e: unknown) => e)) as Error;
    const printed = [
      inspect(auth, { showHidden: true, depth: 5 }), JSON.stringify(auth), String(auth),
      inspect(client, { depth: 5 }), JSON.stringify(client),
      inspect(credentials, { showHidden: false }), JSON.stringify(credentials), String(credentials), JSON.stringify({ ...credentials }),
      inspect(error), JSON.stringify(error), String(error.stack), error.message, JSON.stringify((error as { body?: unknown }).body),
    ].join('\n');
    for (const secret of [SK1, TOKEN1]) expect(printed).not.toContain(secret);
    expect(printed).toContain('AK1');
    // The signer still reads them.
    expect(credentials.sk).toBe(SK1);
    expect(credentials.securityToken).toBe(TOKEN1);
    // A provider error is masked only for secrets already seen; this one was never seen, and says so plainly.
    expect(failed.message).toMatch(/bad/);
  });
});
