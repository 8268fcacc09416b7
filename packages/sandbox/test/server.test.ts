// The HTTP surface: every operation, every error path, each answer checked against the spec (helpers/http).
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/index.js';
import { IMG_CATALOG } from '../src/generated/spec-data.js';
import { body, BUCKET, makeBuckets } from './helpers/buckets.js';
import { call, pollJob } from './helpers/http.js';

const TOKEN = 'test-token';
const auth = { 'X-Auth-Token': TOKEN };
let root: string;
let sb: Sandbox;
let qi: string;

beforeAll(async () => {
  root = await makeBuckets();
  sb = await startSandbox({ bucketsDir: root, speed: 200, tokens: [TOKEN], credentials: [{ ak: 'AK', sk: 'SK', projectId: 'proj-1' }] });
  qi = `${sb.url}/v2/cloudimages/quickimport/action`;
});
afterAll(async () => {
  await sb.close();
  await rm(root, { recursive: true, force: true });
});

describe('quick import', () => {
  it('answers {job_id} at once on /v2 and /v2.1, and the job succeeds', async () => {
    for (const [op, url] of [
      ['importImageQuick', qi],
      ['importImageQuickInSafeMode', `${sb.url}/v2.1/cloudimages/quickimport/action`],
    ] as const) {
      const r = await call(op, url, { method: 'POST', headers: auth, json: body(`${BUCKET}:images/good.raw`) });
      expect(r.status).toBe(200);
      expect(r.body.job_id).toMatch(/^[0-9a-f]{32}$/);
      const { job } = await pollJob(sb.url, r.body.job_id, auth);
      expect(job).toMatchObject({ status: 'SUCCESS', error_code: null, fail_reason: null, job_type: 'imsImportImageJob' });
      expect(job.entities.image_id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('judges the body with the validators: 400 with the IMG code of the first issue', async () => {
    const cases: [unknown, string][] = [
      [{ ...body(`${BUCKET}:images/good.raw`), name: 'x'.repeat(129) }, 'IMG.0002'],
      [{ ...body(`${BUCKET}:images/good.raw`), min_disk: 2000 }, 'IMG.0055'],
      [{ ...body(`${BUCKET}:images/good.raw`), os_type: 'Plan9', type: 'DataImage' }, 'IMG.0122'],
      [[1, 2], 'IMG.0001'],
    ];
    for (const [b, code] of cases) {
      const r = await call('importImageQuick', qi, { method: 'POST', headers: auth, json: b });
      expect(r.status, JSON.stringify(b).slice(0, 80)).toBe(400);
      expect(r.body.error.code).toBe(code);
      expect(r.body.error.message.length).toBeGreaterThan(10);
    }
  });

  it('malformed JSON is IMG.0001, an empty body IMG.0007, a non-JSON Content-Type IMG.0001', async () => {
    const bad = await call('importImageQuick', qi, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"name": ' });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'IMG.0001']);
    const empty = await call('importImageQuick', qi, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '' });
    expect([empty.status, empty.body.error.code, empty.body.error.message]).toEqual([400, 'IMG.0007', IMG_CATALOG['IMG.0007']!.message]);
    const form = await call('importImageQuick', qi, { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: JSON.stringify(body(`${BUCKET}:images/good.raw`)) });
    expect([form.status, form.body.error.code]).toEqual([400, 'IMG.0001']);
  });

  it('answers in Chinese when asked (Accept-Language: zh-CN)', async () => {
    const r = await call('importImageQuick', qi, { method: 'POST', headers: { ...auth, 'accept-language': 'zh-CN' }, json: { ...body(`${BUCKET}:images/good.raw`), name: 'x'.repeat(129) } });
    expect(r.body.error.code).toBe('IMG.0002');
    expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('follows the default profile: a body breaking only sourceless rules is accepted, the warnings in X-Ims-Sandbox-Warnings', async () => {
    // An object name without .zvhd2/.raw and an unknown field: no official source says the service refuses them.
    for (const locale of ['en', 'zh-CN']) {
      const r = await call('importImageQuick', qi, { method: 'POST', headers: { ...auth, 'accept-language': locale }, json: { ...body(`${BUCKET}:images/x.vmdk`), color: 'red' } });
      expect(r.status).toBe(200);
      expect(r.body.job_id).toMatch(/^[0-9a-f]{32}$/);
      const raw = r.headers.get('x-ims-sandbox-warnings')!;
      expect(raw).toMatch(/^[\x20-\x7e]+$/); // ASCII only: Chinese travels as \uXXXX escapes
      const warnings = JSON.parse(raw) as { path: string; code: string; rule: string; message: string }[];
      expect(warnings.map((w) => [w.path, w.code, w.rule])).toEqual(
        expect.arrayContaining([
          ['/image_url', 'IMG.0017', 'pattern'],
          ['/color', 'IMG.0001', 'additionalProperties'],
        ]),
      );
      expect(r.headers.get('x-ims-sandbox-warning-count')).toBe(String(warnings.length));
      if (locale === 'zh-CN') expect(warnings[0]!.message).toMatch(/[\u4e00-\u9fff]/);
    }
    // No warnings, no header.
    const clean = await call('importImageQuick', qi, { method: 'POST', headers: auth, json: body(`${BUCKET}:images/good.raw`) });
    expect(clean.headers.get('x-ims-sandbox-warnings')).toBeNull();
  });

  it('refuses a body over 1 MiB with 413 APIGW.0201, declared or streamed', async () => {
    const big = JSON.stringify({ ...body(`${BUCKET}:images/good.raw`), description: 'x'.repeat(1024 * 1024) });
    const r = await call('importImageQuick', qi, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: big });
    expect([r.status, r.body.error_code]).toEqual([413, 'APIGW.0201']);
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 20; i++) c.enqueue(new TextEncoder().encode('x'.repeat(64 * 1024)));
        c.close();
      },
    });
    const s = await call('importImageQuick', qi, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    expect([s.status, s.body.error_code]).toEqual([413, 'APIGW.0201']);
  });
});

describe('job lifecycle over HTTP', () => {
  const failures: [string, number, string][] = [
    ['no-such-bucket:images/good.raw', 10, 'IMG.0069'],
    [`${BUCKET}:images/missing.zvhd2`, 10, 'IMG.0121'],
    [`${BUCKET}:images/qcow.raw`, 10, 'IMG.0057'],
    [`${BUCKET}:images/vmdk.zvhd2`, 10, 'IMG.0057'],
    [`${BUCKET}:images/vhd.zvhd2`, 10, 'IMG.0057'],
    [`${BUCKET}:images/no-bitmap.raw`, 10, 'IMG.0057'],
    [`${BUCKET}:images/big.raw`, 10, 'IMG.0055'],
  ];
  for (const [url, minDisk, code] of failures) {
    it(`${url} ends FAIL ${code}`, async () => {
      const r = await call('importImageQuick', qi, { method: 'POST', headers: auth, json: body(url, { min_disk: minDisk }) });
      expect(r.status).toBe(200);
      const { job } = await pollJob(sb.url, r.body.job_id, auth);
      expect(job).toMatchObject({ status: 'FAIL', error_code: code });
      expect(job.fail_reason).toEqual(expect.any(String));
      expect(job.entities.image_id).toBeUndefined();
    });
  }

  it('shows INIT, then RUNNING with process_percent rising and current_task, then SUCCESS', async () => {
    const slow = await startSandbox({ bucketsDir: root, speed: 8, tokens: [TOKEN] }); // ~1.1 s RUNNING: seen even on a busy machine
    try {
      const r = await call('importImageQuick', `${slow.url}/v2/cloudimages/quickimport/action`, { method: 'POST', headers: auth, json: body(`${BUCKET}:images/good.zvhd2`) });
      const { seen } = await pollJob(slow.url, r.body.job_id, auth);
      const order = ['INIT', 'RUNNING', 'SUCCESS'];
      const statuses = [...new Set(seen.map((s) => s.status))];
      expect(statuses).toEqual(order);
      const running = seen.filter((s) => s.status === 'RUNNING');
      expect(running.every((s) => typeof s.task === 'string' && s.task.length > 0)).toBe(true);
      const percents = running.map((s) => s.percent!);
      expect(percents).toEqual([...percents].sort((a, b) => a - b));
      expect(percents.at(-1)!).toBeGreaterThan(percents[0]!);
      expect(seen.at(-1)!.percent).toBe(100);
    } finally {
      await slow.close();
    }
  });

  it('ShowJob answers the same job under its project, and 404 elsewhere or for an unknown id', async () => {
    const r = await call('importImageQuick', qi, { method: 'POST', headers: { ...auth, 'X-Project-Id': 'proj-9' }, json: body(`${BUCKET}:images/good.raw`) });
    const id = r.body.job_id;
    const legacy = await call('showJob', `${sb.url}/v1/proj-9/jobs/${id}`, { headers: { ...auth, 'X-Project-Id': 'proj-9' } });
    expect(legacy.status).toBe(200);
    expect(legacy.body.job_id).toBe(id);
    const other = await call('showJob', `${sb.url}/v1/proj-1/jobs/${id}`, { headers: { ...auth, 'X-Project-Id': 'proj-9' } });
    expect(other.status).toBe(404);
    const unknown = await call('showJobProgress', `${sb.url}/v1/cloudimages/job/ffffffffffffffffffffffffffffffff`, { headers: auth });
    expect(unknown.status).toBe(404);
  });
});

describe('other operations and routing', () => {
  it('lists OS versions, with or without a valid tag', async () => {
    for (const q of ['', '?tag=bms', '?tag=uefi']) {
      const r = await call('listOsVersions', `${sb.url}/v1/cloudimages/os_version${q}`, { headers: auth });
      expect(r.status).toBe(200);
      expect(r.body.length).toBeGreaterThan(0);
      expect(r.body[0].version_list[0].os_version).toEqual(expect.any(String));
    }
    const bad = await call('listOsVersions', `${sb.url}/v1/cloudimages/os_version?tag=vm`, { headers: auth });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'IMG.0001']);
  });

  it('404 APIGW.0101 for an unknown path (including the seed page’s /v1 quick import)', async () => {
    for (const p of ['/v1/cloudimages/quickimport/action', '/', '/v3/x']) {
      const r = await call(null, `${sb.url}${p}`, { method: 'POST', headers: auth });
      expect([r.status, r.body.error_code]).toEqual([404, 'APIGW.0101']);
    }
  });

  it('405 with Allow and the gateway body for a wrong method', async () => {
    const r = await call(null, qi, { method: 'GET', headers: auth });
    expect([r.status, r.body.error_code, r.headers.get('allow')]).toEqual([405, 'APIGW.0101', 'POST']);
    const d = await call(null, `${sb.url}/v1/cloudimages/job/abc`, { method: 'DELETE', headers: auth });
    expect([d.status, d.headers.get('allow')]).toEqual([405, 'GET']);
  });
});

describe('authentication', () => {
  it('401 APIGW.0301 for an unknown token (0303 is APP authentication) and with no credentials at all', async () => {
    const bad = await call('importImageQuick', qi, { method: 'POST', headers: { 'X-Auth-Token': 'nope' }, json: body(`${BUCKET}:images/good.raw`) });
    expect([bad.status, bad.body.error_code]).toEqual([401, 'APIGW.0301']);
    expect(bad.body.error_msg).toMatch(/X-Auth-Token is invalid or expired/);
    expect(bad.body.request_id).toBe(bad.headers.get('x-request-id'));
    const none = await call('showJobProgress', `${sb.url}/v1/cloudimages/job/x`, {});
    expect([none.status, none.body.error_code]).toEqual([401, 'APIGW.0301']);
    const garbage = await call('showJobProgress', `${sb.url}/v1/cloudimages/job/x`, { headers: { authorization: 'SDK-HMAC-SHA256 nonsense' } });
    expect([garbage.status, garbage.body.error_code]).toEqual([401, 'APIGW.0301']);
  });

  it('runs open (no auth) when neither tokens nor credentials are configured', async () => {
    const open = await startSandbox({ bucketsDir: root, speed: 200 });
    try {
      const r = await call('importImageQuick', `${open.url}/v2/cloudimages/quickimport/action`, { method: 'POST', json: body(`${BUCKET}:images/good.raw`) });
      expect(r.status).toBe(200);
    } finally {
      await open.close();
    }
  });
});

describe('CORS', () => {
  it('answers a preflight for the auth headers and exposes X-Request-Id', async () => {
    const pre = await fetch(qi, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5555', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-sdk-date,x-project-id' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('http://localhost:5555');
    expect(pre.headers.get('access-control-allow-headers')).toBe('authorization,content-type,x-sdk-date,x-project-id');
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    const r = await call('importImageQuick', qi, { method: 'POST', headers: { ...auth, origin: 'http://localhost:5555' }, json: body(`${BUCKET}:images/good.raw`) });
    expect(r.headers.get('access-control-allow-origin')).toBe('http://localhost:5555');
    expect(r.headers.get('access-control-expose-headers')).toMatch(/X-Request-Id/i);
  });
});

describe('startSandbox options', () => {
  it('refuses bad options with a message naming them', async () => {
    await expect(startSandbox({ bucketsDir: '' })).rejects.toThrow(/bucketsDir/);
    await expect(startSandbox({ bucketsDir: '/nonexistent-dir-xyz' })).rejects.toThrow(/not a directory/);
    await expect(startSandbox({ bucketsDir: root, speed: 0 })).rejects.toThrow(/speed/);
    await expect(startSandbox({ bucketsDir: root, credentials: [{ ak: '', sk: 's' }] })).rejects.toThrow(/ak and sk/);
  });
  it('reports job counts', () => {
    const s = sb.stats();
    expect(s.jobs).toBe(s.INIT + s.RUNNING + s.SUCCESS + s.FAIL);
    expect(s.SUCCESS).toBeGreaterThan(0);
  });
});

describe('the spec check used by every test', () => {
  it('rejects answers that do not match the spec (negative control)', async () => {
    const { responseErrors } = await import('./helpers/spec.js');
    expect(responseErrors('showJobProgress', 200, { job_id: 'x', status: 'DONE' })).not.toEqual([]);
    expect(responseErrors('importImageQuick', 200, { job_id: '' })).not.toEqual([]);
    expect(responseErrors('importImageQuick', 400, { error: { code: 'IMS.0001', message: 'm' } })).not.toEqual([]);
    expect(responseErrors(null, 404, { error_code: 'APIGW.0101' })).not.toEqual([]);
    expect(() => responseErrors('importImageQuick', 405, {})).toThrow(/no 405/);
  });
});
