// Credentials end to end against @ims-quick-import/sandbox's emulators: its ECS metadata service (session
// token + securitykey, temporary AK/SK/security tokens its gateway accepts only until they expire) and its
// IAM KeystoneListProjects, counted by the sandbox itself (counters()).
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Sandbox, type SandboxOptions, startSandbox } from '@ims-quick-import/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { akskAuth, createImsClient, CredentialsError, defaultCredentials, fromEcsMetadata } from '../src/index.node.js';
import { makeBucketsDir } from './helpers/buckets.js';

const AK = 'HPUACREDSAK000000001';
const SK = 'credsSecretKey-0123456789-abcdefghijklmn';
const BODY = { name: 'from-agency', image_url: 'bucket-a:images/disk.raw', min_disk: 40, type: 'DataImage', os_type: 'Linux' } as const;

let dir: string;
const running: Sandbox[] = [];
async function sandbox(options: Partial<SandboxOptions>): Promise<Sandbox> {
  const s = await startSandbox({ port: 0, host: '127.0.0.1', bucketsDir: dir, speed: 100, ...options });
  running.push(s);
  return s;
}

beforeAll(async () => {
  dir = await makeBucketsDir('ims-client-creds-e2e-');
});
afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('an ECS with an agency (the sandbox metadata service)', () => {
  it('20 concurrent requests at start fetch the metadata credentials once, and the gateway accepts them', async () => {
    const s = await sandbox({ ecsMetadata: { ttlSeconds: 3600 } });
    const ims = createImsClient({ baseUrl: s.url, iamEndpoint: s.url, auth: akskAuth(fromEcsMetadata({ endpoint: s.url })) });
    const results = await Promise.all(Array.from({ length: 20 }, () => ims.quickImport(BODY)));
    expect(new Set(results.map((r) => r.jobId)).size).toBe(20);
    expect(s.counters()).toEqual({ metadataToken: 1, securityKey: 1, iamProjects: 1 });
    const job = await ims.waitForJob(results[0]!.jobId, { pollIntervalMs: 20 });
    expect(job.status).toBe('SUCCESS');
    expect(s.counters().securityKey).toBe(1);
  });

  it('credentials that expire during a run are refreshed before the gateway would refuse them', async () => {
    const s = await sandbox({ ecsMetadata: { ttlSeconds: 1 } }); // refreshed at half-life, every 0.5 s
    const ims = createImsClient({ baseUrl: s.url, iamEndpoint: s.url, auth: akskAuth(fromEcsMetadata({ endpoint: s.url })) });
    const started = Date.now();
    let calls = 0;
    // At least 2.6 s and 4 rounds: credentials live 1 s, so at least 3 sets must have been fetched.
    while (Date.now() - started < 2600 || calls < 4) {
      await ims.getJob((await ims.quickImport(BODY)).jobId);
      calls++;
      await new Promise((r) => setTimeout(r, 100));
    }
    const { securityKey, metadataToken, iamProjects } = s.counters();
    // Several refreshes (each at most one securitykey call), one session token, one project lookup.
    expect(securityKey).toBeGreaterThanOrEqual(3);
    expect(securityKey).toBeLessThanOrEqual(calls * 2);
    expect(metadataToken).toBe(1);
    expect(iamProjects).toBe(1);
  });

  it('the same credentials used past their expiry are refused by the gateway (what the refresh prevents)', async () => {
    const s = await sandbox({ ecsMetadata: { ttlSeconds: 1 } });
    const once = await fromEcsMetadata({ endpoint: s.url })();
    await new Promise((r) => setTimeout(r, 1200));
    const stale = createImsClient({ baseUrl: s.url, projectId: 'p', auth: akskAuth({ ak: once.ak, sk: once.sk, securityToken: once.securityToken! }) });
    await expect(stale.quickImport(BODY)).rejects.toMatchObject({ name: 'ImsApiError', status: 401, code: 'APIGW.0301' });
  });

  it('an instance without an agency: defaultCredentials lists why each source gave nothing', async () => {
    const s = await sandbox({ ecsMetadata: { agency: false } });
    const ims = createImsClient({
      baseUrl: s.url,
      auth: akskAuth(defaultCredentials({ env: {}, profile: { file: join(dir, 'no-such-file') }, metadata: { endpoint: s.url } })),
    });
    const error = (await ims.quickImport(BODY).catch((e: unknown) => e)) as CredentialsError;
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toMatch(/environment[^\n]*not set\n.*profile file[^\n]*does not exist\n.*ECS metadata[^\n]*no IAM agency/s);
    expect(s.counters().securityKey).toBe(1);
  });
});

describe('project id discovery against the sandbox IAM', () => {
  it.each([
    ['0 projects', [], /no project named cn-north-4/, 0],
    ['1 project', [{ id: 'pid-one', name: 'cn-north-4' }], undefined, 1],
    ['2 projects', [{ id: 'pid-a', name: 'cn-north-4' }, { id: 'pid-b', name: 'cn-north-4' }], /2 projects named cn-north-4 \(pid-a, pid-b\)/, 0],
  ] as const)('%s', async (_case, projects, error, jobs) => {
    const s = await sandbox({ credentials: [{ ak: AK, sk: SK }], iamProjects: [...projects] });
    const ims = createImsClient({ baseUrl: s.url, iamEndpoint: s.url, region: 'cn-north-4', auth: akskAuth({ ak: AK, sk: SK }) });
    const outcome = await Promise.all([ims.quickImport(BODY), ims.quickImport(BODY)].map((p) => p.catch((e: unknown) => e)));
    if (error) for (const e of outcome) expect((e as Error).message).toMatch(error);
    else expect(outcome.map((r) => typeof (r as { jobId?: unknown }).jobId)).toEqual(['string', 'string']);
    expect(s.stats().jobs).toBe(jobs * 2);
    // One IAM call for both concurrent requests.
    expect(s.counters().iamProjects).toBe(1);
  });
});
