// Compatibility with Huawei's official Node.js SDK: requests it signs (ClientBuilder → HcClient with the
// options ImsClient builds, BasicCredentials with a project id, so exactly the headers the official client
// sends) must pass the sandbox's independent verifier; tampering with what was signed must not.
import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/index.js';
import { body, BUCKET, makeBuckets } from './helpers/buckets.js';
import { responseErrors } from './helpers/spec.js';

const require = createRequire(import.meta.url);
const core = require('@huaweicloud/huaweicloud-sdk-core');
const { ClientBuilder } = require('@huaweicloud/huaweicloud-sdk-core/ClientBuilder');
const AK = 'HPUAEXAMPLEAK0000001';
const SK = 'exampleSecretKey0000000000000000000000001';
const PROJECT = '0a1b2c3d4e5f40a1b2c3d4e5f6a7b8c9';

let root: string;
let home: string;
let sb: Sandbox;
let official: { sendRequest: (o: unknown) => Promise<any> };

beforeAll(async () => {
  root = await makeBuckets();
  // Building an official client writes ~/.huaweicloud/application_id; keep that out of the real home.
  home = await mkdtemp(join(tmpdir(), 'ims-home-'));
  process.env.HOME = home;
  sb = await startSandbox({ bucketsDir: root, speed: 200, credentials: [{ ak: AK, sk: SK, projectId: PROJECT }] });
  const credential = new core.BasicCredentials().withAk(AK).withSk(SK).withProjectId(PROJECT);
  official = new ClientBuilder((hc: unknown) => hc).withCredential(credential).withEndpoint(sb.url).build();
  // The SDK logs every failure through log4js at ERROR; these tests provoke failures on purpose.
  createRequire(require.resolve('@huaweicloud/huaweicloud-sdk-core'))('log4js').getLogger().level = 'off';
});
afterAll(async () => {
  await sb.close();
  await rm(root, { recursive: true, force: true });
  await rm(home, { recursive: true, force: true });
});

// What ImsClient.importImageQuick / showJob pass to HcClient.sendRequest (services/ims/v2/ImsClient).
const importOptions = (data: unknown) => ({
  method: 'POST',
  url: '/v2/cloudimages/quickimport/action',
  contentType: 'application/json;charset=UTF-8',
  queryParams: {},
  pathParams: {},
  headers: {},
  data,
});
const showJobOptions = (jobId: string) => ({
  method: 'GET',
  url: '/v1/{project_id}/jobs/{job_id}',
  contentType: 'application/json',
  queryParams: {},
  pathParams: { job_id: jobId },
  headers: {},
  data: {},
});

describe('the official SDK stack against the sandbox', () => {
  it('imports and polls with AK/SK; answers match the spec', async () => {
    const accepted = await official.sendRequest(importOptions(body(`${BUCKET}:images/good.raw`)));
    expect(accepted.httpStatusCode).toBe(200);
    const { httpStatusCode, ...acceptedBody } = accepted;
    expect(responseErrors('importImageQuick', 200, acceptedBody)).toEqual([]);
    const jobId = accepted.job_id as string;
    for (let i = 0; i < 2000; i++) {
      const job = await official.sendRequest(showJobOptions(jobId));
      const { httpStatusCode: s, ...jobBody } = job;
      expect(s).toBe(200);
      expect(responseErrors('showJob', 200, jobBody)).toEqual([]);
      if (job.status === 'SUCCESS') {
        expect(job.entities.image_id).toEqual(expect.any(String));
        return;
      }
      expect(job.status).not.toBe('FAIL');
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error('job did not finish');
  });

  it('a data-disk body with null (as the official client sends it) is accepted', async () => {
    const r = await official.sendRequest(importOptions({ name: 'data-disk-image', image_url: `${BUCKET}:images/good.zvhd2`, min_disk: 100, type: 'DataImage', os_type: 'Linux', enterprise_project_id: null }));
    expect(r.httpStatusCode).toBe(200);
    const j = await official.sendRequest(showJobOptions(r.job_id));
    expect(j.job_type).toBe('imsImportDataImageJob');
  });

  it('a wrong SK is rejected with 401 APIGW.0301 carrying the X-Request-Id', async () => {
    const wrong = new ClientBuilder((hc: unknown) => hc)
      .withCredential(new core.BasicCredentials().withAk(AK).withSk('not-the-secret').withProjectId(PROJECT))
      .withEndpoint(sb.url)
      .build();
    const err = await wrong.sendRequest(importOptions(body(`${BUCKET}:images/good.raw`))).catch((e: unknown) => e);
    expect(err).toMatchObject({ httpStatusCode: 401, errorCode: 'APIGW.0301' });
    expect((err as { requestId: string }).requestId).toMatch(/^[0-9a-f]{32}$/);
  });
});

/** Sends raw bytes so a signed request can be altered after signing. */
function rawSend(path: string, method: string, headers: Record<string, string>, payload: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const u = new URL(sb.url);
    const req = httpRequest({ host: u.hostname, port: u.port, path, method, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

describe('the official AKSKSigner, tampered after signing', () => {
  const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner');
  const credential = { getAk: () => AK, getSk: () => SK, ak: AK, sk: SK };
  const data = body(`${BUCKET}:images/good.raw`);

  function signed(): { headers: Record<string, string>; payload: string; path: string } {
    const host = new URL(sb.url).host;
    const headers = AKSKSigner.sign(
      { endpoint: `${sb.url}/v2/cloudimages/quickimport/action`, method: 'POST', headers: { 'content-type': 'application/json', 'X-Project-Id': PROJECT }, queryParams: {}, data },
      credential,
    ) as Record<string, string>;
    expect(headers.host).toBe(host);
    return { headers, payload: JSON.stringify(data), path: '/v2/cloudimages/quickimport/action' };
  }

  it('verifies untouched', async () => {
    const s = signed();
    const r = await rawSend(s.path, 'POST', s.headers, s.payload);
    expect(r.status).toBe(200);
  });

  it('rejects a changed body, path, signed header or date', async () => {
    const variants: [string, (s: ReturnType<typeof signed>) => void][] = [
      ['body', (s) => (s.payload = s.payload.replace('"min_disk":10', '"min_disk":11'))],
      ['path', (s) => (s.path = '/v2.1/cloudimages/quickimport/action')],
      ['header', (s) => (s.headers['X-Project-Id'] = 'another-project')],
      ['date', (s) => (s.headers['X-Sdk-Date'] = s.headers['X-Sdk-Date']!.replace(/T(\d\d)/, (_m, h: string) => `T${String((Number(h) + 1) % 24).padStart(2, '0')}`))],
    ];
    for (const [what, tamper] of variants) {
      const s = signed();
      tamper(s);
      const r = await rawSend(s.path, 'POST', s.headers, s.payload);
      expect(r.status, what).toBe(401);
      expect(r.body.error_code, what).toBe('APIGW.0301');
      expect(responseErrors('importImageQuick', 401, r.body)).toEqual([]);
    }
  });

  it('rejects a date outside the 15-minute window even when correctly signed', async () => {
    const old = new Date(Date.now() - 16 * 60 * 1000);
    const stamp = old.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
    const headers = AKSKSigner.sign(
      { endpoint: `${sb.url}/v2/cloudimages/quickimport/action`, method: 'POST', headers: { 'content-type': 'application/json', 'X-Sdk-Date': stamp }, queryParams: {}, data },
      credential,
    ) as Record<string, string>;
    const r = await rawSend('/v2/cloudimages/quickimport/action', 'POST', headers, JSON.stringify(data));
    expect(r.status).toBe(401);
    expect(r.body.error_msg).toMatch(/15 minutes/);
  });
});
