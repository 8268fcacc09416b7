// --dry-run's curl, run as printed by a real shell against the sandbox: accepted, signature and all; a
// tampered copy is refused; the SK and the token never appear in what was printed.
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { type Sandbox, startSandbox } from '@ims-quick-import/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AK, cleanEnv, lastJson, makeBuckets, PROJECT, printedSecrets, run, SK, SYSTEM_FLAGS, TOKEN, transcript } from './helpers.js';

let dir: string;
let sandbox: Sandbox;

beforeAll(async () => {
  dir = await makeBuckets();
  sandbox = await startSandbox({ bucketsDir: dir, port: 0, speed: 100, tokens: [TOKEN], credentials: [{ ak: AK, sk: SK, projectId: PROJECT }] });
});

afterAll(async () => {
  await sandbox?.close();
  await rm(dir, { recursive: true, force: true });
  expect(printedSecrets()).toEqual([]);
});

/**
 * Runs a printed command with bash, in an environment that holds only what the note says to export.
 * Asynchronously: the sandbox answering it runs in this very process.
 */
function bash(command: string, env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', command], { env: { PATH: process.env.PATH, ...env }, timeout: 20_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('close', (status) => {
      transcript.push(stdout, stderr);
      resolve({ status, stdout, stderr });
    });
  });
}

describe('--dry-run', () => {
  it('AK/SK: the printed curl is accepted by the sandbox as printed, and nothing was sent before', async () => {
    const env = cleanEnv({ IMS_ENDPOINT: sandbox.url, HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK, HUAWEICLOUD_SDK_PROJECT_ID: PROJECT });
    const before = sandbox.stats().jobs;
    const r = await run(['import', ...SYSTEM_FLAGS, '--tag', 'env=prod', '--dry-run'], { env });
    expect(r.code).toBe(0);
    expect(sandbox.stats().jobs).toBe(before);
    expect(r.stdout).toMatch(/^curl -sS http:\/\/127\.0\.0\.1:\d+\/v2\/cloudimages\/quickimport\/action \\/);
    expect(r.stdout).toMatch(/-H 'authorization: SDK-HMAC-SHA256 Access=HPUACLITESTAK0000001, SignedHeaders=[a-z;-]+, Signature=[0-9a-f]{64}'/);
    expect(r.stdout).toContain(`-H 'x-project-id: ${PROJECT}'`);
    expect(r.stderr).toContain('Dry run: nothing was sent');

    const sent = await bash(r.stdout);
    expect(sent.status).toBe(0);
    const { job_id } = JSON.parse(sent.stdout);
    expect(job_id).toMatch(/^[0-9a-f]{32}$/);
    expect(sandbox.stats().jobs).toBe(before + 1);
    const job = await run(['job', job_id, '--wait', '--json', '--poll-interval', '30ms'], { env });
    expect(lastJson(job.stdout)).toMatchObject({ event: 'result', status: 'SUCCESS' });
  });

  it('AK/SK: the signature covers the body — a tampered copy of the command is refused with APIGW.0301', async () => {
    const env = cleanEnv({ IMS_ENDPOINT: sandbox.url, HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK, HUAWEICLOUD_SDK_PROJECT_ID: PROJECT });
    const r = await run(['import', ...SYSTEM_FLAGS, '--dry-run'], { env });
    const tampered = await bash(r.stdout.replace('"min_disk":40', '"min_disk":41'));
    expect(JSON.parse(tampered.stdout)).toMatchObject({ error_code: 'APIGW.0301' });
  });

  it('a token: printed as "$IMS_AUTH_TOKEN" for the shell to fill in; accepted with it exported, refused without', async () => {
    const r = await run(['--token', TOKEN, '--endpoint', sandbox.url, 'import', ...SYSTEM_FLAGS, '--safe-mode', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('/v2.1/cloudimages/quickimport/action');
    expect(r.stdout).toContain('-H "x-auth-token: $IMS_AUTH_TOKEN"');
    expect(r.stderr).toContain('the command reads it from $IMS_AUTH_TOKEN');
    expect(JSON.parse((await bash(r.stdout, { IMS_AUTH_TOKEN: TOKEN })).stdout)).toMatchObject({ job_id: expect.any(String) });
    expect(JSON.parse((await bash(r.stdout)).stdout)).toMatchObject({ error_code: expect.stringMatching(/^APIGW\./) });
  });

  it('--region picks the regional endpoint (nothing sent: the dry run stops at the fetch boundary)', async () => {
    const r = await run(['--region', 'ap-southeast-1', '--token', TOKEN, 'import', ...SYSTEM_FLAGS, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^curl -sS https:\/\/ims\.ap-southeast-1\.myhuaweicloud\.com\/v2\/cloudimages\/quickimport\/action \\/);
  });

  it('a body with quotes and non-ASCII text survives the shell quoting byte for byte', async () => {
    const env = cleanEnv({ IMS_ENDPOINT: sandbox.url, HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK });
    const description = `it's "quoted" $HOME \`id\` 镜像 \\ end`;
    const r = await run(['import', ...SYSTEM_FLAGS, '--description', description, '--dry-run', '--json'], { env });
    const dry = lastJson(r.stdout);
    expect(JSON.parse(dry.request.body).description).toBe(description);
    const sent = await bash(dry.curl);
    expect(JSON.parse(sent.stdout)).toMatchObject({ job_id: expect.any(String) });
  });

  it('temporary credentials: X-Security-Token is printed as "$HUAWEICLOUD_SDK_SECURITY_TOKEN", never its value', async () => {
    const securityToken = 'temporary-security-token-value-0123456789';
    const env = cleanEnv({ IMS_ENDPOINT: sandbox.url, HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK, HUAWEICLOUD_SDK_SECURITY_TOKEN: securityToken });
    const r = await run(['import', ...SYSTEM_FLAGS, '--dry-run', '--json'], { env });
    expect(r.code).toBe(0);
    const dry = lastJson(r.stdout);
    expect(dry.curl).toContain('-H "x-security-token: $HUAWEICLOUD_SDK_SECURITY_TOKEN"');
    expect(dry.request.headers['x-security-token']).toBe('$HUAWEICLOUD_SDK_SECURITY_TOKEN');
    expect(dry.curl).toMatch(/SignedHeaders=[a-z;-]*x-security-token/);
    expect(r.stdout + r.stderr).not.toContain(securityToken);
  });
});
