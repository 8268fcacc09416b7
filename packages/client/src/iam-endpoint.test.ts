// Which IAM project id discovery asks, with real IAM fakes on loopback (each signature checked with Huawei's
// official signer) and a real profile file in a temporary directory: the iamEndpoint option, else the
// credentials' own (the profile's iam_endpoint), else HUAWEICLOUD_SDK_IAM_ENDPOINT, else the spec's IAM
// server; and a client with baseUrl asks only at the option. The region's IMS endpoint and the spec's IAM
// server are answered inside the test's fetch: nothing leaves the machine.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { specServers } from '../test/helpers/bundle.js';
import { officialVerify } from '../test/helpers/official-verify.js';
import { startServer, type TestServer } from '../test/helpers/server.js';
import { akskAuth, createImsClient, type Credentials, CredentialsError, fromProfileFile, type ImsClientOptions } from './index.node.js';

const AK = 'AKIAMPRECEDENCE';
const SK = 'precedence-secret-key-0123456789';
const JOB = 'ff8080814dbd65d7014dbe0d84db0013';
const REGION = 'cn-north-4';
/** The spec's IAM server, read from the bundle here (not from the generated module the client uses). */
const SPEC_IAM = specServers().iam.url;

let dir: string;
const iams: Record<'option' | 'profile' | 'env' | 'hostile', TestServer> = {} as never;

/** A fake IAM whose one project for the region is named after the fake, so the answer says who was asked. */
const fakeIam = (id: string) =>
  startServer((rec) => {
    if (officialVerify(rec, AK, SK) !== 'ok') return { status: 401, json: { error_code: 'APIGW.0301', error_msg: 'Incorrect IAM authentication information' } };
    return { json: { projects: [{ id, name: REGION, domain_id: 'd', enabled: true, is_domain: false }], links: { self: 'x' } } };
  });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ims-client-iam-endpoint-'));
  for (const name of ['option', 'profile', 'env'] as const) iams[name] = await fakeIam(`pid-${name}`);
  // An IAM that echoes what it can into its error: the code field carries the SK it was never sent.
  iams.hostile = await startServer(() => ({ status: 403, json: { error_code: SK, error_msg: `no: ${SK}` } }));
});
afterAll(async () => {
  await Promise.all(Object.values(iams).map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

const saved = process.env.HUAWEICLOUD_SDK_IAM_ENDPOINT;
afterEach(() => {
  if (saved === undefined) delete process.env.HUAWEICLOUD_SDK_IAM_ENDPOINT;
  else process.env.HUAWEICLOUD_SDK_IAM_ENDPOINT = saved;
});

async function profile(name: string, iamEndpoint?: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, `[basic]\nak = ${AK}\nsk = ${SK}\n${iamEndpoint ? `iam_endpoint = ${iamEndpoint}\n` : ''}`);
  return file;
}

/** Loopback goes out for real; the region's IMS endpoint and the spec's IAM server are answered here. */
function offline(seen: string[]): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (new URL(url).hostname === '127.0.0.1') return fetch(input, init);
    const headers = new Headers(input instanceof Request ? input.headers : init?.headers);
    seen.push(`${url} ${headers.get('x-project-id') ?? '-'}`);
    if (url.startsWith(`${SPEC_IAM}/v3/projects`)) return Response.json({ projects: [{ id: 'pid-spec', name: REGION }] });
    return Response.json({ job_id: JOB, status: 'INIT' });
  };
}

/** Runs one getJob and says which project id the IMS request carried and which fakes were asked. */
async function discover(options: Partial<ImsClientOptions>, sources: { profileIam?: string; envIam?: string }) {
  if (sources.envIam) process.env.HUAWEICLOUD_SDK_IAM_ENDPOINT = sources.envIam;
  else delete process.env.HUAWEICLOUD_SDK_IAM_ENDPOINT;
  const file = await profile(`p-${Math.random().toString(36).slice(2)}`, sources.profileIam);
  const before = Object.fromEntries(Object.entries(iams).map(([k, s]) => [k, s.requests.length]));
  const seen: string[] = [];
  const client = createImsClient({ region: REGION, auth: akskAuth(fromProfileFile({ file })), fetch: offline(seen), retry: false, ...options });
  await client.getJob(JOB);
  const asked = Object.entries(iams).filter(([k, s]) => s.requests.length > before[k]!).map(([k]) => k);
  return { asked, seen };
}

const imsJob = `https://ims.${REGION}.myhuaweicloud.com/v1/cloudimages/job/${JOB}`;

describe('the IAM endpoint of project id discovery', () => {
  it('the iamEndpoint option wins over the profile and the environment', async () => {
    const r = await discover({ iamEndpoint: iams.option.url }, { profileIam: iams.profile.url, envIam: iams.env.url });
    expect(r.asked).toEqual(['option']);
    expect(r.seen).toEqual([`${imsJob} pid-option`]);
  });

  it("the profile's iam_endpoint wins over HUAWEICLOUD_SDK_IAM_ENDPOINT", async () => {
    const r = await discover({}, { profileIam: iams.profile.url, envIam: iams.env.url });
    expect(r.asked).toEqual(['profile']);
    expect(r.seen).toEqual([`${imsJob} pid-profile`]);
  });

  it('HUAWEICLOUD_SDK_IAM_ENDPOINT when the credentials name none', async () => {
    const r = await discover({}, { envIam: iams.env.url });
    expect(r.asked).toEqual(['env']);
    expect(r.seen).toEqual([`${imsJob} pid-env`]);
  });

  it("else the spec's IAM server (GET /v3/projects' own servers entry)", async () => {
    const r = await discover({}, {});
    expect(r.asked).toEqual([]);
    expect(r.seen).toEqual([`${SPEC_IAM}/v3/projects?name=${REGION} -`, `${imsJob} pid-spec`]);
  });

  it('a client with baseUrl ignores the profile and the environment: no discovery, nothing sent to IAM', async () => {
    const ims = await startServer(() => ({ json: { job_id: JOB, status: 'INIT' } }));
    try {
      const r = await discover({ baseUrl: ims.url }, { profileIam: iams.profile.url, envIam: iams.env.url });
      expect(r.asked).toEqual([]);
      expect(r.seen).toEqual([]);
      expect(ims.requests.map((q) => q.headers['x-project-id'])).toEqual([undefined]);
      // ...and asks the option's IAM when it is given, still not the profile's.
      const o = await discover({ baseUrl: ims.url, iamEndpoint: iams.option.url }, { profileIam: iams.profile.url });
      expect(o.asked).toEqual(['option']);
      expect(ims.requests.at(-1)?.headers['x-project-id']).toBe('pid-option');
    } finally {
      await ims.close();
    }
  });

  it('a provider that switches IAM endpoints gets the answer of the one it names now; each is asked once', async () => {
    let iamEndpoint = iams.profile.url;
    const seen: string[] = [];
    const client = createImsClient({ region: REGION, auth: akskAuth(() => ({ ak: AK, sk: SK, iamEndpoint, expiresAt: new Date(Date.now() + 1000) })), fetch: offline(seen) });
    const before = [iams.profile.requests.length, iams.env.requests.length];
    await client.getJob(JOB);
    await client.getJob(JOB);
    await new Promise((r) => setTimeout(r, 600)); // past half the lifetime: the provider is asked again
    iamEndpoint = iams.env.url;
    await client.getJob(JOB);
    expect(seen.map((s) => s.split(' ')[1])).toEqual(['pid-profile', 'pid-profile', 'pid-env']);
    expect([iams.profile.requests.length - before[0]!, iams.env.requests.length - before[1]!]).toEqual([1, 1]);
  });
});

describe('the credentials carry iamEndpoint', () => {
  it("fromProfileFile reads iam_endpoint; a bare host gets https://, the trailing / goes", async () => {
    const file = await profile('bare', 'iam.ap-southeast-1.myhuaweicloud.com/');
    await expect(fromProfileFile({ file })()).resolves.toEqual({ ak: AK, sk: SK, iamEndpoint: 'https://iam.ap-southeast-1.myhuaweicloud.com' });
  });

  it('the client shows it in inspect and JSON, the SK never', async () => {
    const auth = akskAuth({ ak: AK, sk: SK, iamEndpoint: 'https://iam.example' });
    const credentials = (await auth.credentials!()) as Credentials;
    expect(credentials.iamEndpoint).toBe('https://iam.example');
    for (const text of [inspect(credentials), JSON.stringify(credentials), String(credentials)]) {
      expect(text).toContain('https://iam.example');
      expect(text).not.toContain(SK);
    }
  });

  it.each([
    ['an empty string', ''],
    ['a number', 5],
  ])('a provider giving %s as iamEndpoint: a CredentialsError, nothing sent', async (_case, value) => {
    const seen: string[] = [];
    const client = createImsClient({ region: REGION, auth: akskAuth(() => ({ ak: AK, sk: SK, iamEndpoint: value as string })), fetch: offline(seen) });
    await expect(client.getJob(JOB)).rejects.toThrow(/`iamEndpoint` must be a non-empty string/);
    expect(seen).toEqual([]);
  });
});

describe('errors of discovery at the credentials\' IAM keep the SK out', () => {
  it('an iam_endpoint that is not http(s): the error names it and where it came from', async () => {
    const file = await profile('ftp', 'ftp://iam.example');
    const seen: string[] = [];
    const client = createImsClient({ region: REGION, auth: akskAuth(fromProfileFile({ file })), fetch: offline(seen) });
    const error = (await client.getJob(JOB).catch((e: unknown) => e)) as CredentialsError;
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toMatch(/the credentials' iamEndpoint "ftp:\/\/iam.example" is not an http\(s\) URL/);
    expect(error.message).not.toContain(SK);
    expect(seen).toEqual([]);
  });

  it('an IAM that echoes the SK in its error code: redacted', async () => {
    const r = discover({}, { profileIam: iams.hostile.url });
    const error = (await r.catch((e: unknown) => e)) as CredentialsError;
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toMatch(/Project id discovery at IAM http:\/\/127.0.0.1:\d+ \(the credentials' iamEndpoint\) failed \(403 \*\*\*\)/);
    expect(`${error.message} ${inspect(error)} ${JSON.stringify(error)}`).not.toContain(SK);
  });
});
