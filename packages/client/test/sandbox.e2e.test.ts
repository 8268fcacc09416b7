// End to end against the project's sandbox (@ims-quick-import/sandbox): a real IMS-like server whose
// AK/SK verifier is an implementation independent of this client's signer.
import { rm } from 'node:fs/promises';
import { type Sandbox, startSandbox } from '@ims-quick-import/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImsClient as createWebClient, akskAuth as webAkskAuth } from '../src/index.js';
import { akskAuth, createImsClient, ImsApiError, JobFailedError, tokenAuth } from '../src/index.node.js';
import { makeBucketsDir } from './helpers/buckets.js';

const AK = 'HPUAE2EAK00000000001';
const SK = 'e2eSecretKey-0123456789-abcdefghijklmnop';
const PROJECT = '0a1b2c3d4e5f40a1b2c3d4e5f6a7b8c9';
const TOKEN = 'e2e-iam-token-value-0001';

let dir: string;
let sandbox: Sandbox;

beforeAll(async () => {
  dir = await makeBucketsDir('ims-client-e2e-');
  sandbox = await startSandbox({
    port: 0,
    host: '127.0.0.1',
    bucketsDir: dir,
    speed: 100,
    tokens: [TOKEN],
    credentials: [{ ak: AK, sk: SK, projectId: PROJECT }],
  });
});

afterAll(async () => {
  await sandbox?.close();
  await rm(dir, { recursive: true, force: true });
});

const system = { name: 'e2e-system', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'bucket-a:images/disk.raw', min_disk: 40 };

describe('against the sandbox', () => {
  it.each([
    ['node build', createImsClient, akskAuth],
    ['default build (WebCrypto)', createWebClient, webAkskAuth],
  ] as const)('imports with AK/SK and waits for SUCCESS (%s)', async (_name, create, aksk) => {
    const client = create({ baseUrl: sandbox.url, auth: aksk({ ak: AK, sk: SK, projectId: PROJECT }) });
    const progress: string[] = [];
    const result = await client.importAndWait(system, { pollIntervalMs: 20, timeoutMs: 15_000, onProgress: (p) => progress.push(p.status) });
    expect(result.imageId).toMatch(/\S/);
    expect(result.job.status).toBe('SUCCESS');
    expect(progress.at(-1)).toBe('SUCCESS');
    const legacy = await client.getJob(result.jobId, { api: 'legacy' });
    expect(legacy.status).toBe('SUCCESS');
  });

  it('imports a data disk with token auth', async () => {
    const client = createImsClient({ baseUrl: sandbox.url, auth: tokenAuth(TOKEN) });
    const { jobId, requestId } = await client.quickImport({ name: 'e2e-data', image_url: 'bucket-a:images/disk.raw', min_disk: 40, type: 'DataImage', os_type: 'Linux' });
    expect(jobId).toMatch(/\S/);
    expect(requestId).toMatch(/\S/);
    await expect(client.waitForJob(jobId, { pollIntervalMs: 20, timeoutMs: 15_000 })).resolves.toMatchObject({ status: 'SUCCESS' });
  });

  it('is rejected with APIGW.0301 when the SK is wrong', async () => {
    const client = createImsClient({ baseUrl: sandbox.url, auth: akskAuth({ ak: AK, sk: `${SK}-wrong` }) });
    const e = (await client.quickImport(system).catch((x: unknown) => x)) as ImsApiError;
    expect(e).toBeInstanceOf(ImsApiError);
    expect(e.status).toBe(401);
    expect(e.code).toBe('APIGW.0301');
    expect(e.requestId).toMatch(/\S/);
    expect(e.message).not.toContain(SK);
  });

  it('surfaces an IMG error for a body the service refuses', async () => {
    const client = createImsClient({ baseUrl: sandbox.url, auth: akskAuth({ ak: AK, sk: SK, projectId: PROJECT }) });
    // An image_url that is not <bucket>:<object>: refused by the service (a sourced rule), not just warned about.
    const e = (await client.quickImport({ ...system, image_url: 'no-bucket-separator' }).catch((x: unknown) => x)) as ImsApiError;
    expect(e).toBeInstanceOf(ImsApiError);
    expect(e.status).toBe(400);
    expect(e.code).toMatch(/^IMG\.\d{4}$/);
  });

  it('reports a job that fails as JobFailedError with its IMG code', async () => {
    const client = createImsClient({ baseUrl: sandbox.url, auth: akskAuth({ ak: AK, sk: SK, projectId: PROJECT }) });
    const e = (await client
      .importAndWait({ ...system, image_url: 'bucket-a:images/missing.raw' }, { pollIntervalMs: 20, timeoutMs: 15_000 })
      .catch((x: unknown) => x)) as JobFailedError;
    expect(e).toBeInstanceOf(JobFailedError);
    expect(e.errorCode).toBe('IMG.0121');
  });
});

describe('warnings of @ims-quick-import/validators reach the user', () => {
  it('a body the service takes but no source vouches for: sent, its warnings on onWarnings and on the result', async () => {
    const { validateQuickImportRequest } = await import('@ims-quick-import/validators');
    const seen: unknown[] = [];
    const client = createImsClient({ baseUrl: sandbox.url, auth: tokenAuth(TOKEN), validateRequest: validateQuickImportRequest, onWarnings: (w) => seen.push(...w) });
    // @ts-expect-error -- os_type belongs to data-disk images; the SDKs send one flat model, so the service takes it
    const result = await client.quickImport({ ...system, os_type: 'Linux' });
    expect(result.jobId).toMatch(/^[0-9a-f]{32}$/);
    expect(result.warnings?.length).toBeGreaterThan(0);
    expect(seen).toEqual(result.warnings);
    expect(result.warnings).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.stringContaining('os_type') })]));
  });
});
