// IAM KeystoneListProjects emulation over real sockets, called by the official SDK's own IamService.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeBuckets } from '../../test/helpers/buckets.js';
import { officialClient, officialIamService, officialListProjectsRequest } from '../../test/helpers/official.js';
import { REGIONS } from '../generated/spec-data.js';
import { startSandbox, type Sandbox } from '../sandbox.js';
import { DEFAULT_PROJECT_ID, type IamProject } from './iam-projects.js';

const AK = 'HPUAEXAMPLEAK0000009';
const SK = 'exampleSecretKey0000000000000000000000009';
let root: string;
const started: Sandbox[] = [];

beforeAll(async () => {
  root = await makeBuckets();
});
afterAll(async () => {
  await Promise.all(started.map((s) => s.close()));
  await rm(root, { recursive: true, force: true });
});

async function sandbox(iamProjects?: IamProject[]): Promise<Sandbox> {
  const sb = await startSandbox({ bucketsDir: root, credentials: [{ ak: AK, sk: SK }], ...(iamProjects ? { iamProjects } : {}) });
  started.push(sb);
  return sb;
}

/** KeystoneListProjects as the official SDK sends it: signed with the AK/SK, against the sandbox as IAM. */
async function listProjects(sb: Sandbox, region: string) {
  const iam = officialIamService(officialClient(sb.url, { ak: AK, sk: SK }), sb.url);
  return iam.keystoneListProjects(officialListProjectsRequest(region));
}

describe('IAM GET /v3/projects', () => {
  it('by default answers one project per region of the spec, with the default project id', async () => {
    const sb = await sandbox();
    const r = await listProjects(sb, 'cn-north-4');
    expect(r.httpStatusCode).toBe(200);
    expect(r.projects).toHaveLength(1);
    expect(r.projects[0]).toMatchObject({ id: DEFAULT_PROJECT_ID, name: 'cn-north-4', enabled: true, is_domain: false });
    expect(r.projects[0].domain_id).toMatch(/^[0-9a-f]{32}$/);
    expect(r.links.self).toBe(`${sb.url}/v3/projects?name=cn-north-4`);
    expect((await listProjects(sb, 'xx-nowhere-1')).projects).toEqual([]);
    expect(REGIONS).toContain('ap-southeast-1');
    // The official SDK's own discovery takes the single project's id.
    expect(await officialIamService(officialClient(sb.url, { ak: AK, sk: SK }), sb.url).getProjectId('ap-southeast-1')).toBe(DEFAULT_PROJECT_ID);
    expect(sb.counters().iamProjects).toBe(3);
  });

  it('answers what iamProjects says: 0, 1 or 2 projects for a region', async () => {
    const sb = await sandbox([
      { id: 'p-one', name: 'cn-north-4' },
      { id: 'p-two-a', name: 'cn-east-3' },
      { id: 'p-two-b', name: 'cn-east-3' },
    ]);
    expect((await listProjects(sb, 'cn-south-1')).projects).toEqual([]);
    expect((await listProjects(sb, 'cn-north-4')).projects.map((p: IamProject) => p.id)).toEqual(['p-one']);
    expect((await listProjects(sb, 'cn-east-3')).projects.map((p: IamProject) => p.id)).toEqual(['p-two-a', 'p-two-b']);
    expect(sb.counters()).toEqual({ metadataToken: 0, securityKey: 0, iamProjects: 3 });
  });

  it('is behind the gateway: unsigned or wrongly signed calls get 401 APIGW.0301, and are counted', async () => {
    const sb = await sandbox();
    const unsigned = await fetch(`${sb.url}/v3/projects?name=cn-north-4`);
    expect(unsigned.status).toBe(401);
    expect(((await unsigned.json()) as { error_code: string }).error_code).toBe('APIGW.0301');
    const wrong = officialIamService(officialClient(sb.url, { ak: AK, sk: 'not-the-secret' }), sb.url);
    await expect(wrong.keystoneListProjects(officialListProjectsRequest('cn-north-4'))).rejects.toMatchObject({ httpStatusCode: 401, errorCode: 'APIGW.0301' });
    expect((await fetch(`${sb.url}/v3/projects`, { method: 'POST' })).status).toBe(405);
    expect(sb.counters().iamProjects).toBe(3);
  });
});
