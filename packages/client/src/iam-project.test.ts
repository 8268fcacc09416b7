// Project id discovery against a fake IAM on loopback that checks each signature with Huawei's official
// signer: 0, 1 and 2 projects, one call for many requests, no call when a project id is known, the endpoint
// from the option or HUAWEICLOUD_SDK_IAM_ENDPOINT (https:// added to a bare host).
import { afterEach, describe, expect, it } from 'vitest';
import { officialVerify } from '../test/helpers/official-verify.js';
import { serveEach, type TestServer } from '../test/helpers/server.js';
import { iamEndpointFor, withScheme } from './iam-project.node.js';
import { akskAuth, createImsClient, CredentialsError } from './index.node.js';

const serve = serveEach(afterEach);
const AK = 'AKIAMTEST';
const SK = 'iam-test-secret-key-0123';
const JOB = 'ff8080814dbd65d7014dbe0d84db0013';

/** One loopback server playing IAM (/v3/projects) and IMS (everything else). */
async function cloud(projects: { id: string; name: string }[]): Promise<TestServer> {
  return serve((rec) => {
    if (officialVerify(rec, AK, SK) !== 'ok') return { status: 401, json: { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information' } };
    if (rec.url.startsWith('/v3/projects')) {
      const name = new URL(rec.url, 'http://x').searchParams.get('name');
      return { json: { projects: projects.filter((p) => p.name === name).map((p) => ({ ...p, domain_id: 'd', enabled: true, is_domain: false })), links: { self: 'x' } } };
    }
    return { json: { job_id: JOB, status: 'INIT' } };
  });
}
const iamCalls = (s: TestServer) => s.requests.filter((r) => r.url.startsWith('/v3/projects'));

describe('project id discovery', () => {
  it('exactly one project: its id, asked once (signed, without X-Project-Id) for 20 concurrent requests', async () => {
    const s = await cloud([{ id: 'pid-north-4', name: 'cn-north-4' }, { id: 'pid-other', name: 'cn-east-3' }]);
    const client = createImsClient({ baseUrl: s.url, iamEndpoint: s.url, region: 'cn-north-4', auth: akskAuth({ ak: AK, sk: SK }) });
    await Promise.all(Array.from({ length: 20 }, () => client.getJob(JOB)));
    const [iam, ...more] = iamCalls(s);
    expect(more).toEqual([]);
    expect(iam?.url).toBe('/v3/projects?name=cn-north-4');
    expect(iam?.headers['x-project-id']).toBeUndefined();
    const ims = s.requests.filter((r) => !r.url.startsWith('/v3/'));
    expect(ims).toHaveLength(20);
    expect(ims.every((r) => r.headers['x-project-id'] === 'pid-north-4')).toBe(true);
    // ShowJob's path uses it too.
    await client.getJob(JOB, { api: 'legacy' });
    expect(s.requests.at(-1)?.url).toBe(`/v1/pid-north-4/jobs/${JOB}`);
    expect(iamCalls(s)).toHaveLength(1);
  });

  it.each([
    ['no project', [], /no project named cn-north-4; give it as createImsClient\(\{ projectId \}\)/],
    ['two projects', [{ id: 'a', name: 'cn-north-4' }, { id: 'b', name: 'cn-north-4' }], /has 2 projects named cn-north-4 \(a, b\); choose one/],
  ])('%s: a CredentialsError naming IAM and how to give the id; nothing sent to IMS', async (_case, projects, message) => {
    const s = await cloud(projects);
    const client = createImsClient({ baseUrl: s.url, iamEndpoint: s.url, auth: akskAuth({ ak: AK, sk: SK }) });
    const error = (await client.quickImport({ name: 'n', os_version: 'o', image_url: 'b:o', min_disk: 40 }).catch((e: unknown) => e)) as CredentialsError;
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.source).toBe(`IAM ${s.url}`);
    expect(error.message).toMatch(message);
    expect(s.requests.filter((r) => !r.url.startsWith('/v3/'))).toEqual([]);
  });

  it('IAM refusing the signature: the error says so and the SK stays out of it', async () => {
    const s = await cloud([{ id: 'p', name: 'cn-north-4' }]);
    const client = createImsClient({ baseUrl: s.url, iamEndpoint: s.url, auth: akskAuth({ ak: AK, sk: `${SK}-wrong` }), retry: false });
    const error = (await client.getJob(JOB).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/Project id discovery at IAM .* failed \(401 APIGW.0301/);
    expect(error.message).not.toContain(SK);
  });

  it.each([
    ['createImsClient({ projectId })', { projectId: 'explicit' }, {}, 'explicit'],
    ['the credentials', {}, { projectId: 'from-credentials' }, 'from-credentials'],
    ['a provider', {}, 'provider', 'from-provider'],
  ])('a project id from %s means no discovery call', async (_case, options, credentials, expected) => {
    const s = await cloud([{ id: 'discovered', name: 'cn-north-4' }]);
    const auth = credentials === 'provider' ? akskAuth(async () => ({ ak: AK, sk: SK, projectId: 'from-provider' })) : akskAuth({ ak: AK, sk: SK, ...(credentials as { projectId?: string }) });
    const client = createImsClient({ baseUrl: s.url, iamEndpoint: s.url, auth, ...options });
    await client.getJob(JOB);
    expect(iamCalls(s)).toEqual([]);
    expect(s.requests[0]?.headers['x-project-id']).toBe(expected);
  });

  it('with baseUrl and no iamEndpoint, no discovery (a proxy or the sandbox is not IAM)', async () => {
    const s = await cloud([{ id: 'discovered', name: 'cn-north-4' }]);
    const saved = process.env.HUAWEICLOUD_SDK_IAM_ENDPOINT;
    process.env.HUAWEICLOUD_SDK_IAM_ENDPOINT = s.url;
    try {
      const client = createImsClient({ baseUrl: s.url, auth: akskAuth({ ak: AK, sk: SK }) });
      await client.getJob(JOB);
      expect(iamCalls(s)).toEqual([]);
      expect(s.requests[0]?.headers['x-project-id']).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.HUAWEICLOUD_SDK_IAM_ENDPOINT;
      else process.env.HUAWEICLOUD_SDK_IAM_ENDPOINT = saved;
    }
  });

  it('HUAWEICLOUD_SDK_IAM_ENDPOINT names IAM for a region client; a bare host gets https://', async () => {
    expect(withScheme('iam.cn-north-4.myhuaweicloud.com')).toBe('https://iam.cn-north-4.myhuaweicloud.com');
    expect(withScheme('http://127.0.0.1:1')).toBe('http://127.0.0.1:1');
    expect(iamEndpointFor({ auth: {} as never }, undefined, {})?.url).toBe('https://iam.myhuaweicloud.com');
    expect(iamEndpointFor({ auth: {} as never }, undefined, { HUAWEICLOUD_SDK_IAM_ENDPOINT: 'iam.ap-southeast-1.myhuaweicloud.com/' })?.url).toBe('https://iam.ap-southeast-1.myhuaweicloud.com');
    expect(iamEndpointFor({ auth: {} as never, baseUrl: 'http://proxy' }, undefined, { HUAWEICLOUD_SDK_IAM_ENDPOINT: 'iam.x' })).toBeUndefined();
    expect(() => iamEndpointFor({ auth: {} as never, iamEndpoint: 5 as never })).toThrow(/iamEndpoint/);
    const s = await cloud([{ id: 'pid-env', name: 'cn-north-4' }]);
    const saved = process.env.HUAWEICLOUD_SDK_IAM_ENDPOINT;
    process.env.HUAWEICLOUD_SDK_IAM_ENDPOINT = s.url;
    try {
      // The IMS endpoint of the region is not called: the fetch answers for it after checking the project.
      let imsProject: string | undefined;
      const client = createImsClient({
        region: 'cn-north-4',
        auth: akskAuth({ ak: AK, sk: SK }),
        fetch: async (input, init) => {
          const url = String(input);
          if (url.startsWith(s.url)) return fetch(input, init);
          expect(url).toBe(`https://ims.cn-north-4.myhuaweicloud.com/v1/cloudimages/job/${JOB}`);
          imsProject = (init?.headers as Record<string, string>)['x-project-id'];
          return Response.json({ job_id: JOB, status: 'INIT' });
        },
      });
      await client.getJob(JOB);
      expect(imsProject).toBe('pid-env');
      expect(iamCalls(s)).toHaveLength(1);
    } finally {
      if (saved === undefined) delete process.env.HUAWEICLOUD_SDK_IAM_ENDPOINT;
      else process.env.HUAWEICLOUD_SDK_IAM_ENDPOINT = saved;
    }
  });

  it('a failed discovery is not cached: the next request asks again', async () => {
    let answer: { id: string; name: string }[] = [];
    const s = await serve((rec) =>
      rec.url.startsWith('/v3/') ? { json: { projects: answer } } : { json: { job_id: JOB, status: 'INIT' } },
    );
    const client = createImsClient({ baseUrl: s.url, iamEndpoint: s.url, auth: akskAuth({ ak: AK, sk: SK }) });
    await expect(client.getJob(JOB)).rejects.toThrow(CredentialsError);
    answer = [{ id: 'later', name: 'cn-north-4' }];
    await client.getJob(JOB);
    expect(s.requests.at(-1)?.headers['x-project-id']).toBe('later');
  });
});

describe('withScheme', () => {
  it.each([
    ['iam.cn-north-4.myhuaweicloud.com', 'https://iam.cn-north-4.myhuaweicloud.com'],
    ['iam.example/', 'https://iam.example'],
    ['http://127.0.0.1:1//', 'http://127.0.0.1:1'],
    ['HTTPS://IAM.example', 'HTTPS://IAM.example'],
  ])('%j → %j', (input, output) => expect(withScheme(input)).toBe(output));
});
