// The gateway tried as an attacker would, over real sockets: replayed and altered signed requests, stray
// signature digits, unsigned headers added after signing, jobs read across projects, secrets in 401s.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../src/aksk-canonical.js';
import { constantTimeEqual } from '../src/aksk-verify.js';
import { startSandbox, type Sandbox } from '../src/index.js';
import { body, BUCKET, makeBuckets } from './helpers/buckets.js';
import { responseErrors } from './helpers/spec.js';
import { rawRequest, signed } from './helpers/sign.js';

const AK = 'GATEWAYTESTAK0000001';
const SK = 'gatewayTestSecretKey00000000000000000001';
const PROJECT_A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const FREE_AK = 'GATEWAYTESTAK0000002'; // a credential bound to no project
const QI = '/v2/cloudimages/quickimport/action';
let root: string;
let sb: Sandbox;
let host: string;

beforeAll(async () => {
  root = await makeBuckets();
  sb = await startSandbox({
    bucketsDir: root,
    speed: 200,
    tokens: ['gw-token'],
    credentials: [
      { ak: AK, sk: SK, projectId: PROJECT_A },
      { ak: FREE_AK, sk: SK },
    ],
  });
  host = new URL(sb.url).host;
});
afterAll(async () => {
  await sb.close();
  await rm(root, { recursive: true, force: true });
});

const payload = JSON.stringify(body(`${BUCKET}:images/good.raw`));
const jsonHeaders = () => ({ host, 'content-type': 'application/json' });

describe('the body hash', () => {
  it('a signed hex X-Sdk-Content-Sha256 must be the hash of the bytes received: a replay with another body is 401', async () => {
    const headers = signed({ method: 'POST', path: QI, headers: { ...jsonHeaders(), 'x-sdk-content-sha256': sha256Hex(payload) }, body: payload }, AK, SK);
    expect((await rawRequest(sb.url, 'POST', QI, headers, payload)).status).toBe(200);
    const other = payload.replace('"min_disk":10', '"min_disk":12');
    const replay = await rawRequest(sb.url, 'POST', QI, headers, other);
    expect(replay.status).toBe(401);
    expect(replay.body.error_code).toBe('APIGW.0301');
    expect(replay.body.error_msg).toMatch(/X-Sdk-Content-Sha256 is not the SHA-256 of the body/);
    expect(responseErrors('importImageQuick', 401, replay.body)).toEqual([]);
  });

  it('compares the hex case-insensitively; only UNSIGNED-PAYLOAD leaves the body uncovered', async () => {
    const upper = signed({ method: 'POST', path: QI, headers: { ...jsonHeaders(), 'x-sdk-content-sha256': sha256Hex(payload).toUpperCase() }, body: payload }, AK, SK);
    expect((await rawRequest(sb.url, 'POST', QI, upper, payload)).status).toBe(200);
    const unsigned = signed({ method: 'POST', path: QI, headers: { ...jsonHeaders(), 'x-sdk-content-sha256': 'UNSIGNED-PAYLOAD' }, body: '' }, AK, SK);
    expect((await rawRequest(sb.url, 'POST', QI, unsigned, payload)).status).toBe(200);
    const other = signed({ method: 'POST', path: QI, headers: { ...jsonHeaders(), 'x-sdk-content-sha256': 'unsigned-payload' }, body: '' }, AK, SK);
    expect((await rawRequest(sb.url, 'POST', QI, other, payload)).status).toBe(401);
  });
});

describe('the signature', () => {
  it('is exactly 64 hex digits: one more (or one fewer) is refused', async () => {
    const headers = signed({ method: 'POST', path: QI, headers: jsonHeaders(), body: payload }, AK, SK);
    expect((await rawRequest(sb.url, 'POST', QI, headers, payload)).status).toBe(200);
    for (const change of [(a: string) => `${a}0`, (a: string) => `${a}f`, (a: string) => a.slice(0, -1)]) {
      const r = await rawRequest(sb.url, 'POST', QI, { ...headers, authorization: change(headers.authorization!) }, payload);
      expect(r.status).toBe(401);
      expect(r.body.error_code).toBe('APIGW.0301');
    }
  });
});

describe('headers that change what a request means must be signed when present', () => {
  it('an X-Project-Id added after signing is refused, so it cannot move a job to another project', async () => {
    const headers = signed({ method: 'POST', path: QI, headers: jsonHeaders(), body: payload }, FREE_AK, SK);
    const r = await rawRequest(sb.url, 'POST', QI, { ...headers, 'x-project-id': 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' }, payload);
    expect(r.status).toBe(401);
    expect(r.body.error_msg).toMatch(/X-Project-Id is sent but not signed/);
  });

  for (const name of ['content-type', 'x-security-token', 'x-sdk-content-sha256', 'host']) {
    it(`${name}, sent but left out of SignedHeaders, is refused`, async () => {
      const extra: Record<string, string> = name === 'x-sdk-content-sha256' ? { [name]: 'UNSIGNED-PAYLOAD' } : name === 'x-security-token' ? { [name]: 'tok' } : {};
      const all = { ...jsonHeaders(), ...extra };
      const headers = signed({ method: 'POST', path: QI, headers: all, body: payload, sign: Object.keys(all).filter((n) => n !== name) }, FREE_AK, SK);
      const r = await rawRequest(sb.url, 'POST', QI, headers, payload);
      expect(r.status).toBe(401);
      expect(r.body.error_msg.toLowerCase()).toContain(`${name} is sent but not signed`);
    });
  }
});

describe('jobs are scoped to the project they were created in', () => {
  it('ShowJobProgress and ShowJob answer 404 to a caller of another project or of none', async () => {
    const headers = signed({ method: 'POST', path: QI, headers: jsonHeaders(), body: payload }, AK, SK);
    const created = await rawRequest(sb.url, 'POST', QI, headers, payload);
    expect(created.status).toBe(200);
    const id = created.body.job_id as string;
    const progress = `/v1/cloudimages/job/${id}`;
    const legacy = `/v1/${PROJECT_A}/jobs/${id}`;
    const get = (path: string, h: Record<string, string>) => rawRequest(sb.url, 'GET', path, { host, ...h });
    // The owner sees it both ways (signed with the credential bound to project A).
    expect((await get(progress, signed({ method: 'GET', path: progress, headers: { host }, body: '' }, AK, SK))).status).toBe(200);
    expect((await get(legacy, signed({ method: 'GET', path: legacy, headers: { host }, body: '' }, AK, SK))).status).toBe(200);
    // A token caller of project A sees it too; of project B, or with no project, does not.
    expect((await get(progress, { 'x-auth-token': 'gw-token', 'x-project-id': PROJECT_A })).status).toBe(200);
    for (const h of [{ 'x-auth-token': 'gw-token', 'x-project-id': 'b'.repeat(32) }, { 'x-auth-token': 'gw-token' }] as Record<string, string>[]) {
      for (const path of [progress, legacy]) {
        const r = await get(path, h);
        expect(r.status, `${path} ${JSON.stringify(h)}`).toBe(404);
      }
    }
    // A credential bound to no project acts in no project: it sees only project-less jobs.
    expect((await get(progress, signed({ method: 'GET', path: progress, headers: { host }, body: '' }, FREE_AK, SK))).status).toBe(404);
  });
});

describe('401 bodies', () => {
  it('echo the canonical request with the value of X-Security-Token redacted (X-Auth-Token alike, though a request carrying one takes the token path)', async () => {
    const secretToken = 'SECRET-SECURITY-TOKEN-VALUE-1234567890';
    const headers = signed({ method: 'POST', path: QI, headers: { ...jsonHeaders(), 'x-security-token': secretToken }, body: payload }, FREE_AK, 'not-the-secret');
    const r = await rawRequest(sb.url, 'POST', QI, headers, payload);
    expect(r.status).toBe(401);
    expect(r.body.error_msg).toContain('canonicalRequest:POST|');
    expect(r.body.error_msg).toContain('x-security-token:<redacted>');
    expect(r.body.error_msg).not.toContain(secretToken);
  });

  it('tokens are compared in constant time (a helper with no early exit), and still match', async () => {
    expect(constantTimeEqual('gw-token', 'gw-token')).toBe(true);
    expect(constantTimeEqual('gw-token', 'gw-tokeN')).toBe(false);
    expect(constantTimeEqual('gw-token', 'gw-token-longer')).toBe(false);
    const ok = await rawRequest(sb.url, 'GET', '/v1/cloudimages/os_version', { 'x-auth-token': 'gw-token' });
    expect(ok.status).toBe(200);
    const bad = await rawRequest(sb.url, 'GET', '/v1/cloudimages/os_version', { 'x-auth-token': 'gw-tokex' });
    expect([bad.status, bad.body.error_code]).toEqual([401, 'APIGW.0301']);
  });
});
