// The browser build in real headless Chromium: bundled with esbuild from dist/index.js (the default
// export condition, web APIs only), served from one loopback origin, calling an API server on another
// origin with CORS. The API server checks each signature with Huawei's official signer.
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type BrowserPage, openBrowserPage } from './helpers/browser-page.js';
import { officialVerify, type Verdict } from './helpers/official-verify.js';
import { startServer, type TestServer } from './helpers/server.js';

const AK = 'HPUABROWSERAK0000001';
const SK = 'browserSecretKey-0123456789-abcdefghijkl';
const PROJECT = '0a1b2c3d4e5f40a1b2c3d4e5f6a7b8c9';
const JOB = 'ff8080814dbd65d7014dbe0d84db0013';

let api: TestServer;
let browserPage: BrowserPage;
let site: TestServer;
let context: BrowserContext;
const verdicts: Verdict[] = [];
const outside: string[] = [];

beforeAll(async () => {
  browserPage = await openBrowserPage('client');
  ({ site, context } = browserPage);
  const { clientJs } = browserPage;
  expect(clientJs).not.toContain('node:crypto');

  let polls = 0;
  api = await startServer((rec) => {
    const origin = String(rec.headers.origin ?? '');
    const cors = { 'access-control-allow-origin': origin, 'access-control-expose-headers': 'X-Request-Id', vary: 'Origin' };
    if (rec.method === 'OPTIONS') {
      return {
        status: 204,
        headers: {
          ...cors,
          'access-control-allow-methods': 'GET, POST',
          'access-control-allow-headers': 'Authorization, Content-Type, X-Sdk-Date, X-Project-Id, X-Auth-Token, X-Security-Token',
          'access-control-max-age': '0',
        },
      };
    }
    const verdict = officialVerify(rec, AK, SK);
    verdicts.push(verdict);
    if (verdict !== 'ok') return { status: 401, headers: cors, json: { error_code: 'APIGW.0301', error_msg: 'verify aksk signature fail' } };
    if (rec.method === 'POST') return { headers: { ...cors, 'x-request-id': 'req-browser' }, json: { job_id: JOB } };
    polls++;
    return {
      headers: cors,
      json: polls < 2 ? { job_id: JOB, status: 'RUNNING', entities: { process_percent: 50 } } : { job_id: JOB, status: 'SUCCESS', entities: { image_id: 'img-browser' } },
    };
  });
  // Requests are watched, not routed: with any route installed Playwright answers CORS preflights itself,
  // and the point here is that the API server's real preflight answer lets the signed call through.
  const isLocal = (url: URL): boolean => url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith('http') && !isLocal(url)) outside.push(url.href);
  });
}, 60_000);

afterAll(async () => {
  await browserPage?.close();
  await api?.close();
});

it('runs a signed quick import and waits for the job in headless Chromium', async () => {
  const page = await context.newPage();
  await page.goto(`${site.url}/`);
  // Written as page source (not a function) so the test runner's transforms never touch it.
  const script = `
    const { apiUrl, ak, sk, projectId } = ${JSON.stringify({ apiUrl: api.url, ak: AK, sk: SK, projectId: PROJECT })};
    const m = await import('/client.js');
    const client = m.createImsClient({ baseUrl: apiUrl, auth: m.akskAuth({ ak, sk, projectId }), retry: false });
    const imported = await client.quickImport({ name: 'from-browser', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'b:o.zvhd2', min_disk: 40 });
    const percents = [];
    const job = await client.waitForJob(imported.jobId, { pollIntervalMs: 10, onProgress: (p) => { if (p.percent !== undefined) percents.push(p.percent); } });
    let rejected = '';
    const wrong = m.createImsClient({ baseUrl: apiUrl, auth: m.akskAuth({ ak, sk: sk + 'x' }), retry: false });
    await wrong.quickImport({ name: 'x', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'b:o.zvhd2', min_disk: 40 }).catch((e) => { rejected = e.name + ' ' + e.code; });
    const signed = await m.signRequest(new Request(apiUrl + '/v1/cloudimages/job/abc'), { ak, sk }, { date: '20240102T030405Z' });
    return { imported, status: job.status, imageId: job.entities?.image_id, percents, rejected, authorization: signed.headers.get('authorization'), specVersion: m.SPEC_VERSION };
  `;
  const result = (await page.evaluate(`(async () => {${script}})()`)) as {
    imported: unknown; status: string; imageId: string; percents: number[]; rejected: string; authorization: string; specVersion: string;
  };
  expect(result.imported).toEqual({ jobId: JOB, requestId: 'req-browser' });
  expect(result.status).toBe('SUCCESS');
  expect(result.imageId).toBe('img-browser');
  expect(result.percents).toEqual([50]);
  expect(result.rejected).toBe('ImsApiError APIGW.0301');
  expect(result.authorization).toMatch(/^SDK-HMAC-SHA256 Access=HPUABROWSERAK0000001, SignedHeaders=host;x-sdk-date, Signature=[0-9a-f]{64}$/);
  expect(result.specVersion).toMatch(/^\d+\.\d+\.\d+/);
  // POST + 2 polls verified, the wrong-SK POST refused; preflights were answered before them.
  expect(verdicts).toEqual(['ok', 'ok', 'ok', 'bad']);
  expect(api.requests.some((r) => r.method === 'OPTIONS' && String(r.headers['access-control-request-headers']).includes('authorization'))).toBe(true);
  const post = api.requests.find((r) => r.method === 'POST');
  expect(post?.headers['x-project-id']).toBe(PROJECT);
  expect(outside).toEqual([]);
}, 60_000);
