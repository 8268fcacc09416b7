import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { officialVerify } from '../test/helpers/official-verify.js';
import { type Handler, serveEach } from '../test/helpers/server.js';
import { createImsClient as createWebClient, akskAuth as webAkskAuth } from './index.js';
import { akskAuth, createImsClient, ImsApiError, RequestValidationError, tokenAuth } from './index.node.js';

const AK = 'HPUATESTAK0000000001';
const SK = 'testSecretKey-0123456789-abcdefghijklmnop';
const PROJECT = '0a1b2c3d4e5f40a1b2c3d4e5f6a7b8c9';
const JOB = 'ff8080814dbd65d7014dbe0d84db0013';
const BODY = { name: 'img-1', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'bucket:images/img.zvhd2', min_disk: 40 } as const;

const serve = serveEach(afterEach);

const accepted: Handler = () => ({ json: { job_id: JOB }, headers: { 'x-request-id': 'req-1' } });

describe('quickImport', () => {
  it('sends the body with token auth and returns the job id and request id', async () => {
    const s = await serve(accepted);
    const client = createImsClient({ baseUrl: s.url, auth: tokenAuth('tok-secret-value') });
    await expect(client.quickImport(BODY)).resolves.toEqual({ jobId: JOB, requestId: 'req-1' });
    const [rec] = s.requests;
    expect(rec?.method).toBe('POST');
    expect(rec?.url).toBe('/v2/cloudimages/quickimport/action');
    expect(rec?.headers['x-auth-token']).toBe('tok-secret-value');
    expect(rec?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(rec?.text ?? '')).toEqual(BODY);
  });

  it('calls a token function for every request', async () => {
    const s = await serve(accepted);
    let n = 0;
    const client = createImsClient({ baseUrl: s.url, auth: tokenAuth(async () => `tok-${++n}-value`) });
    await client.quickImport(BODY);
    await client.quickImport(BODY);
    expect(s.requests.map((r) => r.headers['x-auth-token'])).toEqual(['tok-1-value', 'tok-2-value']);
  });

  it.each([
    ['node build (node:crypto)', createImsClient, akskAuth],
    ['default build (WebCrypto)', createWebClient, webAkskAuth],
  ] as const)('signs with AK/SK in the %s, verified by the official signer', async (_name, create, aksk) => {
    const s = await serve(accepted);
    const client = create({ baseUrl: s.url, auth: aksk({ ak: AK, sk: SK, projectId: PROJECT, securityToken: 'sts-token-secret' }) });
    await client.quickImport({ ...BODY, description: '中文描述 with "quotes"' });
    const rec = s.requests[0]!;
    expect(rec.headers['x-project-id']).toBe(PROJECT);
    expect(rec.headers['x-security-token']).toBe('sts-token-secret');
    expect(rec.headers['x-sdk-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(rec.headers.authorization).toContain('SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-security-token,');
    expect(officialVerify(rec, AK, SK)).toBe('ok');
    expect(officialVerify(rec, AK, `${SK}x`)).toBe('bad');
  });

  it('signs and sends the User-Agent given in Node', async () => {
    const s = await serve(accepted);
    const client = createImsClient({ baseUrl: s.url, auth: akskAuth({ ak: AK, sk: SK }), userAgent: 'my-tool/1.0' });
    await client.quickImport(BODY);
    expect(s.requests[0]?.headers['user-agent']).toBe('my-tool/1.0');
    expect(s.requests[0]?.headers.authorization).toContain('user-agent');
    expect(officialVerify(s.requests[0]!, AK, SK)).toBe('ok');
  });

  it('posts to /v2.1 in safe mode, and keeps a base path of baseUrl', async () => {
    const s = await serve(accepted);
    const client = createImsClient({ baseUrl: `${s.url}/prefix/`, auth: akskAuth({ ak: AK, sk: SK }) });
    await client.quickImport(BODY, { safeMode: true });
    expect(s.requests[0]?.url).toBe('/prefix/v2.1/cloudimages/quickimport/action');
    expect(officialVerify(s.requests[0]!, AK, SK)).toBe('ok');
  });

  it('throws RequestValidationError and sends nothing when validateRequest fails', async () => {
    const s = await serve(accepted);
    const seen: unknown[] = [];
    const client = createImsClient({
      baseUrl: s.url,
      auth: tokenAuth('tok-secret-value'),
      validateRequest: (body) => {
        seen.push(body);
        return { ok: false, issues: [{ field: 'min_disk', rule: 'maximum', code: 'IMG.0055', message: 'must be ≤ 1024' }] };
      },
    });
    const error = await client.quickImport({ ...BODY, min_disk: 5000 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestValidationError);
    expect((error as Error).message).toContain('min_disk');
    expect((error as Error).message).toContain('IMG.0055');
    expect(seen).toHaveLength(1);
    expect(s.requests).toHaveLength(0);
  });

  it('sends when validateRequest passes', async () => {
    const s = await serve(accepted);
    const client = createImsClient({ baseUrl: s.url, auth: tokenAuth('tok-secret-value'), validateRequest: () => ({ ok: true }) });
    await expect(client.quickImport(BODY)).resolves.toMatchObject({ jobId: JOB });
    expect(s.requests).toHaveLength(1);
  });

  it('rejects a missing body before sending', async () => {
    const s = await serve(accepted);
    const client = createImsClient({ baseUrl: s.url, auth: tokenAuth('tok-secret-value') });
    // @ts-expect-error -- the body is required
    await expect(client.quickImport(undefined)).rejects.toThrow(/body \(an object\) is required/);
    expect(s.requests).toHaveLength(0);
  });

  it('treats a 200 without job_id as an error', async () => {
    const s = await serve(() => ({ json: {} }));
    const client = createImsClient({ baseUrl: s.url, auth: tokenAuth('tok-secret-value') });
    await expect(client.quickImport(BODY)).rejects.toThrow(/no job_id/);
  });
});

describe('getJob', () => {
  it('uses ShowJobProgress by default', async () => {
    const s = await serve(() => ({ json: { job_id: JOB, status: 'RUNNING', entities: { process_percent: 40 } } }));
    const client = createImsClient({ baseUrl: s.url, auth: akskAuth({ ak: AK, sk: SK, projectId: PROJECT }) });
    await expect(client.getJob(JOB)).resolves.toMatchObject({ status: 'RUNNING' });
    expect(s.requests[0]?.url).toBe(`/v1/cloudimages/job/${JOB}`);
    expect(s.requests[0]?.headers['content-type']).toBeUndefined();
    expect(officialVerify(s.requests[0]!, AK, SK)).toBe('ok');
  });

  it('uses ShowJob with the project id for api "legacy"', async () => {
    const s = await serve(() => ({ json: { job_id: JOB, status: 'SUCCESS' } }));
    const client = createImsClient({ baseUrl: s.url, auth: akskAuth({ ak: AK, sk: SK, projectId: PROJECT }) });
    await client.getJob(JOB, { api: 'legacy' });
    const tokenClient = createImsClient({ baseUrl: s.url, auth: tokenAuth('tok-secret-value'), projectId: 'p2' });
    await tokenClient.getJob(JOB, { api: 'legacy' });
    expect(s.requests.map((r) => r.url)).toEqual([`/v1/${PROJECT}/jobs/${JOB}`, `/v1/p2/jobs/${JOB}`]);
    expect(officialVerify(s.requests[0]!, AK, SK)).toBe('ok');
  });

  it('needs a project id for ShowJob and a real job id always, before sending', async () => {
    const s = await serve(() => ({ json: { job_id: JOB, status: 'SUCCESS' } }));
    const client = createImsClient({ baseUrl: s.url, auth: tokenAuth('tok-secret-value') });
    await expect(client.getJob(JOB, { api: 'legacy' })).rejects.toThrow(/project id/);
    await expect(client.getJob('')).rejects.toThrow(/jobId is required/);
    await expect(client.getJob('..')).rejects.toThrow(/is not a job id/);
    await expect(client.getJob('.')).rejects.toThrow(/is not a job id/);
    expect(s.requests).toHaveLength(0);
  });
});

describe('openapi-fetch methods', () => {
  it('are authenticated, with the exact body bytes signed', async () => {
    const s = await serve((rec) => (rec.method === 'POST' ? accepted(rec, 0) : { json: { job_id: JOB, status: 'INIT' } }));
    const client = createImsClient({ baseUrl: s.url, auth: akskAuth({ ak: AK, sk: SK, projectId: PROJECT }) });
    const posted = await client.POST('/v2/cloudimages/quickimport/action', { body: { ...BODY, type: 'BMS' } });
    expect(posted.data?.job_id).toBe(JOB);
    const got = await client.GET('/v1/cloudimages/job/{job_id}', { params: { path: { job_id: JOB } } });
    expect(got.data?.status).toBe('INIT');
    expect(s.requests.map((r) => officialVerify(r, AK, SK))).toEqual(['ok', 'ok']);
  });

  it('return typed errors openapi-fetch style', async () => {
    const s = await serve(() => ({ status: 400, json: { error: { code: 'IMG.0024', message: 'bad type' } } }));
    const client = createImsClient({ baseUrl: s.url, auth: tokenAuth('tok-secret-value') });
    const { error, response } = await client.POST('/v2/cloudimages/quickimport/action', { body: BODY });
    expect(response.status).toBe(400);
    expect(error).toEqual({ error: { code: 'IMG.0024', message: 'bad type' } });
  });
});

describe('secrets', () => {
  it('never appear in errors or the client, even when the server echoes them', async () => {
    const token = 'tok-very-secret-123456';
    const s = await serve((rec) => ({
      status: 401,
      // a misbehaving gateway that echoes the credentials it saw (and, for the AK/SK case, the SK itself)
      json: { error_code: 'APIGW.0301', error_msg: `bad auth ${String(rec.headers['x-auth-token'] ?? rec.headers['x-security-token'])} ${rec.headers['x-auth-token'] ? '' : SK}`, request_id: 'r' },
    }));
    for (const auth of [tokenAuth(token), tokenAuth(() => token), akskAuth({ ak: AK, sk: SK, securityToken: token })]) {
      const client = createImsClient({ baseUrl: s.url, auth });
      const error = (await client.quickImport(BODY).catch((e: unknown) => e)) as ImsApiError;
      expect(error).toBeInstanceOf(ImsApiError);
      for (const text of [error.message, String(error), JSON.stringify(error), inspect(error, { depth: 5 }), error.stack ?? '',
        JSON.stringify(client), String(client), inspect(client, { depth: 5 }), JSON.stringify(auth), String(auth), inspect(auth, { depth: 5 })]) {
        expect(text).not.toContain(token);
        expect(text).not.toContain(SK);
      }
    }
  });
});

describe('validateRequest with @ims-quick-import/validators', () => {
  it('stops a body the validators reject, naming field, rule and IMG code', async () => {
    const { validateQuickImportRequest } = await import('@ims-quick-import/validators');
    const s = await serve(accepted);
    const client = createImsClient({ baseUrl: s.url, auth: tokenAuth('tok-secret-value'), validateRequest: validateQuickImportRequest });
    const error = (await client.quickImport({ ...BODY, min_disk: 0 }).catch((e: unknown) => e)) as RequestValidationError;
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error.message).toMatch(/min_disk/);
    expect(error.message).toMatch(/IMG\.\d{4}/);
    expect(s.requests).toHaveLength(0);
    await expect(client.quickImport(BODY)).resolves.toMatchObject({ jobId: JOB });
  });
});

describe('validateRequest warnings (rules no official source states)', () => {
  // The validators' contract: { ok: true, value, warnings } | { ok: false, issues, warnings }.
  const warning = { path: '/image_url', code: 'IMG.0008', rule: 'objectExtension', message: 'the object name does not end in .zvhd2 or .raw' };

  it('reach onWarnings before sending, and the result; the body is still sent', async () => {
    const s = await serve(accepted);
    const seen: unknown[][] = [];
    const client = createImsClient({
      baseUrl: s.url,
      auth: tokenAuth('tok-secret-value'),
      validateRequest: (body) => ({ ok: true, value: body, warnings: [warning] }),
      onWarnings: (warnings) => seen.push([...warnings, s.requests.length]),
    });
    await expect(client.quickImport(BODY)).resolves.toEqual({ jobId: JOB, requestId: 'req-1', warnings: [warning] });
    expect(seen).toEqual([[warning, 0]]); // called before the request went out
    expect(s.requests).toHaveLength(1);
  });

  it('no warnings: no callback, no warnings key', async () => {
    const s = await serve(accepted);
    let called = false;
    const client = createImsClient({ baseUrl: s.url, auth: tokenAuth('tok-secret-value'), validateRequest: () => ({ ok: true, warnings: [] }), onWarnings: () => (called = true) });
    expect(await client.quickImport(BODY)).toEqual({ jobId: JOB, requestId: 'req-1' });
    expect(called).toBe(false);
  });

  it('a refused body carries its warnings beside the issues, and nothing is sent', async () => {
    const s = await serve(accepted);
    const issue = { path: '/min_disk', code: 'IMG.0011', rule: 'minimum', message: 'must be >= 40' };
    const client = createImsClient({ baseUrl: s.url, auth: tokenAuth('tok-secret-value'), validateRequest: () => ({ ok: false, issues: [issue], warnings: [warning] }) });
    const error = (await client.quickImport(BODY).catch((e: unknown) => e)) as RequestValidationError;
    expect(error).toBeInstanceOf(RequestValidationError);
    expect(error.issues).toEqual([issue]);
    expect(error.warnings).toEqual([warning]);
    expect(s.requests).toEqual([]);
  });
});
