// The ECS metadata emulation over real sockets, and the official SDK signing with what it hands out.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { body, BUCKET, makeBuckets } from '../../test/helpers/buckets.js';
import { importOptions, officialClient } from '../../test/helpers/official.js';
import { startSandbox, type Sandbox } from '../sandbox.js';
import { NO_AGENCY_MESSAGE } from './ecs-metadata.js';

let root: string;
const started: Sandbox[] = [];

beforeAll(async () => {
  root = await makeBuckets();
});
afterAll(async () => {
  await Promise.all(started.map((s) => s.close()));
  await rm(root, { recursive: true, force: true });
});

async function sandbox(options: Partial<Parameters<typeof startSandbox>[0]> = {}): Promise<Sandbox> {
  const sb = await startSandbox({ bucketsDir: root, speed: 200, tokens: ['t'], ...options });
  started.push(sb);
  return sb;
}

async function sessionToken(sb: Sandbox, ttl = '21600'): Promise<string> {
  const r = await fetch(`${sb.url}/meta-data/latest/api/token`, { method: 'PUT', headers: { 'X-Metadata-Token-Ttl-Seconds': ttl } });
  expect(r.status).toBe(200);
  return r.text();
}

interface Triple {
  access: string;
  secret: string;
  securitytoken: string;
  expires_at: string;
}

async function securityKey(sb: Sandbox, token: string): Promise<Triple> {
  const r = await fetch(`${sb.url}/openstack/latest/securitykey`, { headers: { 'X-Metadata-Token': token } });
  expect(r.status).toBe(200);
  return ((await r.json()) as { credential: Triple }).credential;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('ECS metadata emulation', () => {
  it('hands out a session token, then temporary credentials in the official shape; counts the calls', async () => {
    const sb = await sandbox({ ecsMetadata: { ttlSeconds: 600 } });
    const token = await sessionToken(sb);
    expect(token).toMatch(/^[\w-]{40,}$/);
    const before = Date.now();
    const c = await securityKey(sb, token);
    expect(c.access).toMatch(/^[A-Z0-9]{20}$/);
    expect(c.secret.length).toBeGreaterThanOrEqual(40);
    expect(c.securitytoken.length).toBeGreaterThan(100);
    expect(c.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const expires = Date.parse(c.expires_at);
    expect(expires - before).toBeGreaterThanOrEqual(599_000);
    expect(expires - before).toBeLessThan(610_000);
    expect(sb.counters()).toEqual({ metadataToken: 1, securityKey: 1, iamProjects: 0 });
  });

  it('refuses a missing, unknown or expired session token with a 401 that does not mention the agency', async () => {
    const sb = await sandbox({ ecsMetadata: {} });
    const short = await sessionToken(sb, '1');
    await sleep(1100);
    for (const headers of [{}, { 'X-Metadata-Token': 'not-a-session' }, { 'X-Metadata-Token': short }] as Record<string, string>[]) {
      const r = await fetch(`${sb.url}/openstack/latest/securitykey`, { headers });
      expect(r.status).toBe(401);
      expect(await r.text()).not.toContain(NO_AGENCY_MESSAGE);
    }
    expect(sb.counters().securityKey).toBe(3);
  });

  it('without an agency answers the 401 the official SDKs recognise', async () => {
    const sb = await sandbox({ ecsMetadata: { agency: false } });
    const r = await fetch(`${sb.url}/openstack/latest/securitykey`, { headers: { 'X-Metadata-Token': await sessionToken(sb) } });
    expect(r.status).toBe(401);
    expect(await r.text()).toContain(NO_AGENCY_MESSAGE);
  });

  it('checks the TTL header and the methods (404/405 tell the SDKs there is no token API)', async () => {
    const sb = await sandbox({ ecsMetadata: {} });
    for (const ttl of ['0', '21601', 'abc', '']) {
      const r = await fetch(`${sb.url}/meta-data/latest/api/token`, { method: 'PUT', headers: { 'X-Metadata-Token-Ttl-Seconds': ttl } });
      expect(r.status, ttl).toBe(400);
    }
    expect((await fetch(`${sb.url}/meta-data/latest/api/token`)).status).toBe(405);
    expect((await fetch(`${sb.url}/openstack/latest/securitykey`, { method: 'POST' })).status).toBe(405);
  });

  it('is not served unless enabled', async () => {
    const sb = await sandbox();
    const r = await fetch(`${sb.url}/meta-data/latest/api/token`, { method: 'PUT', headers: { 'X-Metadata-Token-Ttl-Seconds': '60' } });
    expect(r.status).toBe(404);
  });

  it('gives no web page the credentials: a request with an Origin (even loopback) is refused, with no CORS headers', async () => {
    const sb = await sandbox({ ecsMetadata: {} });
    const origin = 'http://127.0.0.1:9';
    const t = await fetch(`${sb.url}/meta-data/latest/api/token`, { method: 'PUT', headers: { Origin: origin, 'X-Metadata-Token-Ttl-Seconds': '60' } });
    expect(t.status).toBe(403);
    expect(t.headers.get('access-control-allow-origin')).toBeNull();
    const k = await fetch(`${sb.url}/openstack/latest/securitykey`, { headers: { Origin: origin, 'X-Metadata-Token': await sessionToken(sb) } });
    expect(k.status).toBe(403);
    expect(k.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await fetch(`${sb.url}/openstack/latest/securitykey`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'GET' } });
    expect(pre.status).toBe(403);
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('the gateway and temporary credentials', () => {
  it('accepts a request the official SDK signs with them (X-Security-Token) until they expire, then 401 APIGW.0301', async () => {
    const sb = await sandbox({ ecsMetadata: { ttlSeconds: 2 } });
    const c = await securityKey(sb, await sessionToken(sb));
    const client = officialClient(sb.url, { ak: c.access, sk: c.secret, securityToken: c.securitytoken, projectId: '0a1b2c3d4e5f40a1b2c3d4e5f6a7b8c9' });
    const ok = await client.sendRequest(importOptions(body(`${BUCKET}:images/good.raw`)));
    expect(ok.httpStatusCode).toBe(200);
    await sleep(Date.parse(c.expires_at) - Date.now() + 50);
    const err = await client.sendRequest(importOptions(body(`${BUCKET}:images/good.raw`))).catch((e: unknown) => e);
    expect(err).toMatchObject({ httpStatusCode: 401, errorCode: 'APIGW.0301' });
    expect((err as { errorMsg: string }).errorMsg).toMatch(/expired/);
  });

  it('refuses the temporary AK/SK without its security token, or with another one', async () => {
    const sb = await sandbox({ ecsMetadata: {} });
    const token = await sessionToken(sb);
    const a = await securityKey(sb, token);
    const b = await securityKey(sb, token);
    expect(b.access).not.toBe(a.access);
    for (const securityToken of [undefined, b.securitytoken]) {
      const client = officialClient(sb.url, { ak: a.access, sk: a.secret, ...(securityToken ? { securityToken } : {}), projectId: 'p' });
      const err = await client.sendRequest(importOptions(body(`${BUCKET}:images/good.raw`))).catch((e: unknown) => e);
      expect(err).toMatchObject({ httpStatusCode: 401, errorCode: 'APIGW.0301' });
      expect(JSON.stringify(err)).not.toContain(a.securitytoken);
    }
  });
});
