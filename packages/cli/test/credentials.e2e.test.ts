// Credentials as the client provides them (defaultCredentials): the profile file, the ECS metadata
// service (the sandbox's emulation, on loopback) and project id discovery through IAM (the sandbox's).
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@ims-quick-import/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AK, CLOSED, cleanEnv, lastJson, makeBuckets, PROJECT, printedSecrets, run, SK, SYSTEM_FLAGS } from './helpers.js';

let dir: string;
let sandbox: Sandbox;

beforeAll(async () => {
  dir = await makeBuckets();
  sandbox = await startSandbox({
    bucketsDir: dir,
    port: 0,
    speed: 100,
    credentials: [{ ak: AK, sk: SK, projectId: PROJECT }],
    ecsMetadata: { ttlSeconds: 3600 },
    iamProjects: [{ id: PROJECT, name: 'cn-north-4' }],
  });
});

afterAll(async () => {
  await sandbox?.close();
  await rm(dir, { recursive: true, force: true });
  expect(printedSecrets()).toEqual([]);
});

describe('the default credentials chain', () => {
  it('reads AK/SK from the profile file (HUAWEICLOUD_SDK_CREDENTIALS_FILE, [basic])', async () => {
    const file = join(dir, 'credentials');
    await writeFile(file, `[basic]\nak = ${AK}\nsk = ${SK}\nproject_id = ${PROJECT}\n`);
    const r = await run(['import', ...SYSTEM_FLAGS, '--wait', '--json', '--poll-interval', '30ms'], { env: cleanEnv({ IMS_ENDPOINT: sandbox.url, HUAWEICLOUD_SDK_CREDENTIALS_FILE: file }) });
    expect(r.code).toBe(0);
    expect(lastJson(r.stdout)).toMatchObject({ event: 'result', status: 'SUCCESS' });
  });

  it('falls through to ECS metadata: temporary credentials signed with X-Security-Token', async () => {
    const before = sandbox.counters();
    const env = cleanEnv({ IMS_ENDPOINT: sandbox.url, IMS_METADATA_ENDPOINT: sandbox.url, IMS_AUTH_TOKEN: undefined });
    const r = await run(['--project-id', PROJECT, 'import', ...SYSTEM_FLAGS, '--wait', '--json', '--poll-interval', '30ms'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(lastJson(r.stdout)).toMatchObject({ event: 'result', status: 'SUCCESS' });
    expect(sandbox.counters().securityKey).toBeGreaterThan(before.securityKey);
    // The dry run shows the temporary token only as a variable reference.
    const dry = await run(['--project-id', PROJECT, 'import', ...SYSTEM_FLAGS, '--dry-run', '--json'], { env });
    expect(dry.code).toBe(0);
    expect(lastJson(dry.stdout).request.headers['x-security-token']).toBe('$HUAWEICLOUD_SDK_SECURITY_TOKEN');
  });

  it('AK/SK without a project id: --iam-endpoint asks IAM once, then ShowJob (--legacy) has its project', async () => {
    const env = cleanEnv({ IMS_ENDPOINT: sandbox.url, HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK });
    const done = lastJson((await run(['import', ...SYSTEM_FLAGS, '--wait', '--json', '--poll-interval', '30ms'], { env })).stdout);
    const before = sandbox.counters().iamProjects;
    const r = await run(['--iam-endpoint', sandbox.url, 'job', done.jobId, '--legacy', '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ job_id: done.jobId, status: 'SUCCESS' });
    expect(sandbox.counters().iamProjects).toBe(before + 1);
    // Without IAM to ask (a sandbox endpoint, no --iam-endpoint) it says what is missing: exit 2.
    const without = await run(['job', done.jobId, '--legacy'], { env });
    expect(without.code).toBe(2);
    expect(without.stderr).toContain('needs a project id');
  });

  it("a profile's iam_endpoint is never asked with --endpoint (the sandbox); --iam-endpoint is", async () => {
    const file = join(dir, 'credentials-iam');
    // The profile names a loopback port nothing listens on: were it asked, the run would fail with exit 3.
    await writeFile(file, `[basic]\nak = ${AK}\nsk = ${SK}\niam_endpoint = ${CLOSED}\n`);
    const env = cleanEnv({ IMS_ENDPOINT: sandbox.url, HUAWEICLOUD_SDK_CREDENTIALS_FILE: file });
    const done = lastJson((await run(['import', ...SYSTEM_FLAGS, '--json'], { env })).stdout);
    const before = sandbox.counters().iamProjects;
    const without = await run(['job', done.jobId, '--legacy'], { env });
    expect(without.code, without.stderr).toBe(2);
    expect(without.stderr).toContain('needs a project id');
    const asked = await run(['--iam-endpoint', sandbox.url, 'job', done.jobId, '--legacy', '--json'], { env });
    expect(asked.code, asked.stderr).toBe(0);
    expect(JSON.parse(asked.stdout)).toMatchObject({ job_id: done.jobId });
    expect(sandbox.counters().iamProjects).toBe(before + 1);
  });

  it('a --region that is no region id: exit 2 before anything is read or sent', async () => {
    const r = await run(['--region', 'evil.example/', 'job', 'x'], { env: cleanEnv({ HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('"evil.example/" is not a region id');
  });
});
