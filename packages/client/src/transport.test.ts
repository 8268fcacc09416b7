import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { countingFetch, serveEach } from '../test/helpers/server.js';
import { createImsClient, ImsApiError, tokenAuth } from './index.node.js';

const JOB = 'ff8080814dbd65d7014dbe0d84db0013';
const BODY = { name: 'img-1', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'bucket:images/img.zvhd2', min_disk: 40 };
const auth = tokenAuth('tok-secret-value');
const fast = { baseDelayMs: 1, maxDelayMs: 50 };

const serve = serveEach(afterEach);

/** A port nothing listens on: bind, read the port, close. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('GET retries', () => {
  it.each([429, 500, 502, 503, 504])('retries a GET answered %i, then returns the success', async (status) => {
    const s = await serve((_r, i) => (i < 2 ? { status, text: 'busy' } : { json: { job_id: JOB, status: 'RUNNING' } }));
    const client = createImsClient({ baseUrl: s.url, auth, retry: fast });
    await expect(client.getJob(JOB)).resolves.toMatchObject({ status: 'RUNNING' });
    expect(s.requests).toHaveLength(3);
  });

  it('gives up after `retries` and throws the last answer', async () => {
    const s = await serve(() => ({ status: 503, json: { error_code: 'APIGW.0308', error_msg: 'throttled' } }));
    const client = createImsClient({ baseUrl: s.url, auth, retry: { ...fast, retries: 3 } });
    const error = (await client.getJob(JOB).catch((e: unknown) => e)) as ImsApiError;
    expect(error).toBeInstanceOf(ImsApiError);
    expect(error.status).toBe(503);
    expect(s.requests).toHaveLength(4);
  });

  it('does not retry other statuses', async () => {
    const s = await serve(() => ({ status: 404, json: { error_code: 'APIGW.0101', error_msg: 'no route' } }));
    const client = createImsClient({ baseUrl: s.url, auth, retry: fast });
    await expect(client.getJob(JOB)).rejects.toThrow(ImsApiError);
    expect(s.requests).toHaveLength(1);
  });

  it('is off with retry: false', async () => {
    const s = await serve(() => ({ status: 503, text: 'busy' }));
    const client = createImsClient({ baseUrl: s.url, auth, retry: false });
    await expect(client.getJob(JOB)).rejects.toThrow(ImsApiError);
    expect(s.requests).toHaveLength(1);
  });

  it('waits as long as Retry-After says (seconds)', async () => {
    const s = await serve((_r, i) => (i === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { json: { job_id: JOB, status: 'INIT' } }));
    const client = createImsClient({ baseUrl: s.url, auth, retry: { baseDelayMs: 1, maxDelayMs: 5000 } });
    const started = Date.now();
    await client.getJob(JOB);
    expect(s.requests).toHaveLength(2);
    // A lower bound only: the client must not come back before the server said it may.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('hands back a 429 whose Retry-After exceeds maxDelayMs instead of waiting', async () => {
    const s = await serve(() => ({ status: 429, headers: { 'retry-after': '3600' }, json: { error_code: 'APIGW.0308', error_msg: 'slow down' } }));
    const client = createImsClient({ baseUrl: s.url, auth, retry: fast });
    await expect(client.getJob(JOB)).rejects.toMatchObject({ status: 429, code: 'APIGW.0308' });
    expect(s.requests).toHaveLength(1);
  });

  it('retries a GET whose connection dropped', async () => {
    const s = await serve((_r, i) => (i === 0 ? 'destroy' : { json: { job_id: JOB, status: 'INIT' } }));
    const client = createImsClient({ baseUrl: s.url, auth, retry: fast });
    await expect(client.getJob(JOB)).resolves.toMatchObject({ status: 'INIT' });
    expect(s.requests).toHaveLength(2);
  });

  it('retries GETs made through openapi-fetch methods too', async () => {
    const s = await serve((_r, i) => (i === 0 ? { status: 502, text: '<html>bad gateway</html>' } : { json: { job_id: JOB, status: 'INIT' } }));
    const client = createImsClient({ baseUrl: s.url, auth, retry: fast });
    const { data } = await client.GET('/v1/cloudimages/job/{job_id}', { params: { path: { job_id: JOB } } });
    expect(data?.status).toBe('INIT');
    expect(s.requests).toHaveLength(2);
    expect(s.requests[1]?.headers['x-auth-token']).toBe('tok-secret-value');
  });
});

describe('POST is never retried once it may have reached the server', () => {
  it.each([429, 500, 503])('a POST answered %i is not retried', async (status) => {
    const s = await serve(() => ({ status, text: 'no' }));
    const client = createImsClient({ baseUrl: s.url, auth, retry: fast });
    await expect(client.quickImport(BODY)).rejects.toMatchObject({ status });
    expect(s.requests).toHaveLength(1);
  });

  it('a POST whose connection dropped after sending is not retried', async () => {
    const s = await serve(() => 'destroy');
    const client = createImsClient({ baseUrl: s.url, auth, retry: fast });
    await expect(client.quickImport(BODY)).rejects.toThrow();
    expect(s.requests).toHaveLength(1);
  });

  it('a POST through openapi-fetch answered 503 is not retried', async () => {
    const s = await serve(() => ({ status: 503, text: 'no' }));
    const client = createImsClient({ baseUrl: s.url, auth, retry: fast });
    const { response } = await client.POST('/v2/cloudimages/quickimport/action', { body: BODY });
    expect(response.status).toBe(503);
    expect(s.requests).toHaveLength(1);
  });

  it('a POST refused before connecting is retried (it never left), unless retryUnsentPost is false', async () => {
    const port = await closedPort();
    const counting = countingFetch();
    const client = createImsClient({ baseUrl: `http://127.0.0.1:${port}`, auth, fetch: counting.fetch, retry: { ...fast, retries: 2 } });
    await expect(client.quickImport(BODY)).rejects.toThrow(/fetch failed/);
    expect(counting.calls()).toBe(3);
    counting.reset();
    const strict = createImsClient({ baseUrl: `http://127.0.0.1:${port}`, auth, fetch: counting.fetch, retry: { ...fast, retryUnsentPost: false } });
    await expect(strict.quickImport(BODY)).rejects.toThrow(/fetch failed/);
    expect(counting.calls()).toBe(1);
  });

  it('an unsent POST made through openapi-fetch is re-sent with its body rebuilt', async () => {
    const port = await closedPort();
    const counting = countingFetch();
    const client = createImsClient({ baseUrl: `http://127.0.0.1:${port}`, auth, fetch: counting.fetch, retry: { ...fast, retries: 2 } });
    // Without the rebuild the second attempt fails on a used body instead of reaching the network.
    await expect(client.POST('/v2/cloudimages/quickimport/action', { body: BODY })).rejects.toThrow(/fetch failed/);
    expect(counting.calls()).toBe(3);
  });
});

describe('abort', () => {
  it('an aborted signal stops before sending', async () => {
    const s = await serve(() => ({ json: { job_id: JOB, status: 'INIT' } }));
    const client = createImsClient({ baseUrl: s.url, auth });
    const ctl = new AbortController();
    ctl.abort();
    await expect(client.getJob(JOB, { signal: ctl.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(s.requests).toHaveLength(0);
  });

  it('abort during a backoff wait ends it without another request', async () => {
    const s = await serve(() => ({ status: 503, headers: { 'retry-after': '5' }, text: 'busy' }));
    const client = createImsClient({ baseUrl: s.url, auth, retry: { baseDelayMs: 1, maxDelayMs: 10_000 } });
    const ctl = new AbortController();
    const pending = client.getJob(JOB, { signal: ctl.signal });
    while (s.requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    ctl.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(s.requests).toHaveLength(1);
  });
});
