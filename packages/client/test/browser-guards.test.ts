// The browser build's guards in real headless Chromium: a cross-origin API that redirects to a third
// origin (nothing may reach it), one that never answers, and one whose answer never ends. The API servers
// answer CORS preflights as a real gateway would, so what is tested is the browser's own fetch.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type BrowserPage, openBrowserPage } from './helpers/browser-page.js';
import { startServer, type TestServer } from './helpers/server.js';

const JOB = 'ff8080814dbd65d7014dbe0d84db0013';
let browserPage: BrowserPage;
let site: TestServer;
let elsewhere: TestServer;
let api: { url: string; server: Server; hits: string[] };
let context: BrowserContext;

const cors = (origin: string): Record<string, string> => ({
  'access-control-allow-origin': origin,
  'access-control-allow-methods': 'GET, POST',
  'access-control-allow-headers': 'Authorization, Content-Type, X-Sdk-Date, X-Project-Id, X-Auth-Token, X-Security-Token',
  'access-control-expose-headers': 'X-Request-Id, Location',
  'access-control-max-age': '0',
});

beforeAll(async () => {
  elsewhere = await startServer((rec) => ({ headers: cors(String(rec.headers.origin ?? '*')), json: { job_id: JOB, status: 'SUCCESS' } }));
  // /redirect/* → 307 to `elsewhere`; /silent/* → never answers; /endless/* → 200 and bytes forever.
  const hits: string[] = [];
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const origin = String(req.headers.origin ?? '*');
    hits.push(`${req.method} ${req.url}`);
    req.resume();
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors(origin)).end();
    if (req.url?.startsWith('/redirect/')) return void res.writeHead(307, { ...cors(origin), location: `${elsewhere.url}/steal` }).end();
    if (req.url?.startsWith('/silent/')) return void open.add(res);
    res.writeHead(200, { ...cors(origin), 'content-type': 'application/json' });
    open.add(res);
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = (): void => {
      while (!res.destroyed && res.write(chunk));
      if (!res.destroyed) res.once('drain', pump);
    };
    pump();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  api = { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server, hits };
  afterAll(() => {
    for (const res of open) res.destroy();
  });
  browserPage = await openBrowserPage('guards');
  ({ site, context } = browserPage);
}, 60_000);

afterAll(async () => {
  await browserPage?.close();
  await new Promise((r) => (api ? api.server.close(r) : r(undefined)));
  api?.server.closeAllConnections();
  await elsewhere?.close();
});

it('refuses a redirect, times out a silent API and stops an endless answer, in Chromium', async () => {
  const page = await context.newPage();
  await page.goto(`${site.url}/`);
  const script = `
    const { apiUrl, job } = ${JSON.stringify({ apiUrl: api.url, job: JOB })};
    const m = await import('/client.js');
    const auth = m.akskAuth({ ak: 'AKBROWSER', sk: 'browser-secret-key', projectId: 'p1', securityToken: 'sts-browser-token' });
    const client = (prefix, extra) => m.createImsClient({ baseUrl: apiUrl + prefix, auth, retry: false, ...extra });
    const outcome = async (promise) => {
      try { await promise; return 'resolved'; } catch (e) { return { name: e.name, status: e.status, timeoutMs: e.timeoutMs, max: e.maxResponseBytes, isTimeout: e instanceof m.TimeoutError, isTooLarge: e instanceof m.ResponseTooLargeError, message: e.message }; }
    };
    const body = { name: 'n', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'b:o.zvhd2', min_disk: 40 };
    const redirect = client('/redirect', {});
    const silent = client('/silent', { timeoutMs: 300 });
    const endless = client('/endless', { maxResponseBytes: 256 * 1024 });
    return {
      redirectPost: await outcome(redirect.quickImport(body)),
      redirectGet: await outcome(redirect.GET('/v1/cloudimages/job/{job_id}', { params: { path: { job_id: job } } })),
      silentGet: await outcome(silent.getJob(job)),
      silentPost: await outcome(silent.POST('/v2/cloudimages/quickimport/action', { body })),
      endlessGet: await outcome(endless.getJob(job)),
      endlessClientGet: await outcome(endless.GET('/v1/cloudimages/job/{job_id}', { params: { path: { job_id: job } } })),
    };
  `;
  const result = (await page.evaluate(`(async () => {${script}})()`)) as Record<string, Record<string, unknown>>;
  // Browsers hide a manual redirect's status and Location (an opaque redirect): status 0, still refused.
  for (const key of ['redirectPost', 'redirectGet']) expect(result[key], key).toMatchObject({ name: 'ImsApiError', message: expect.stringMatching(/redirect.*refused/) });
  expect(elsewhere.requests).toEqual([]);
  for (const key of ['silentGet', 'silentPost']) expect(result[key], key).toMatchObject({ name: 'TimeoutError', timeoutMs: 300, isTimeout: true });
  for (const key of ['endlessGet', 'endlessClientGet']) expect(result[key], key).toMatchObject({ name: 'ResponseTooLargeError', max: 256 * 1024, isTooLarge: true });
  expect(api.hits.filter((h) => h.startsWith('POST /redirect') || h.startsWith('GET /redirect'))).toHaveLength(2);
}, 60_000);
