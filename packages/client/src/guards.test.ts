// Hostile and broken peers on loopback: a server that redirects to another origin, one that never answers,
// one that answers forever. Each must end in a clear error: no credentials or body sent elsewhere, no hang,
// no unbounded memory. Every case runs through the helpers and the openapi-fetch methods, with the Node
// build's own transport and with a caller's fetch (Node's undici).
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../test/helpers/server.js';
import { checkGuards } from './guards.js';
import { akskAuth, createImsClient, ImsApiError, type ImsClient, ResponseTooLargeError, TimeoutError, tokenAuth } from './index.node.js';

const JOB = 'ff8080814dbd65d7014dbe0d84db0013';
const BODY = { name: 'img-1', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'bucket:images/img.zvhd2', min_disk: 40 };
const TOKEN = 'tok-secret-value';
const fast = { baseDelayMs: 1, maxDelayMs: 20 };
const transports = [
  ['own node:http transport', undefined],
  ['fetch option (undici)', (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init)],
] as const;

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of cleanup.splice(0)) await close();
});
async function serve(handler: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const s = await startServer(handler);
  cleanup.push(() => s.close());
  return s;
}

/**
 * A raw TCP server: `onSocket` decides what (if anything) the peer ever gets. Counts requests (connections
 * that sent something; undici may open spare ones) and connections closed.
 */
async function rawServer(onSocket: (socket: Socket) => void): Promise<{ url: string; requests: number; closed: number }> {
  const state = { url: '', requests: 0, closed: 0 };
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.once('data', () => state.requests++);
    socket.resume(); // reading keeps the socket flowing, so the peer's close is seen
    socket.on('close', () => {
      state.closed++;
      sockets.delete(socket);
    });
    socket.on('error', () => undefined);
    onSocket(socket);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  cleanup.push(() => new Promise<void>((r) => {
    for (const s of sockets) s.destroy();
    server.close(() => r());
  }));
  return state;
}

/** Every way a request leaves the client. */
const calls: [string, (c: ImsClient) => Promise<unknown>][] = [
  ['quickImport', (c) => c.quickImport(BODY)],
  ['getJob', (c) => c.getJob(JOB)],
  ['client.GET', (c) => c.GET('/v1/cloudimages/job/{job_id}', { params: { path: { job_id: JOB } } })],
  ['client.POST', (c) => c.POST('/v2/cloudimages/quickimport/action', { body: BODY })],
];

describe('redirects are never followed', () => {
  describe.each(transports)('%s', (_name, customFetch) => {
    it.each(calls)('%s: a 307 to another origin is an ImsApiError with the Location; nothing reaches the other origin', async (_call, run) => {
      const elsewhere = await serve(() => ({ json: { job_id: JOB, status: 'SUCCESS' } }));
      const target = `${elsewhere.url}/steal?x=1`;
      const api = await serve(() => ({ status: 307, headers: { location: target, 'x-request-id': 'req-redirect' } }));
      const client = createImsClient({
        baseUrl: api.url,
        auth: akskAuth({ ak: 'AKREDIRECT', sk: 'redirect-secret-key', projectId: 'p1', securityToken: 'sts-secret-token' }),
        retry: fast,
        ...(customFetch && { fetch: customFetch }),
      });
      const error = (await run(client).catch((e: unknown) => e)) as ImsApiError;
      expect(error).toBeInstanceOf(ImsApiError);
      expect(error).toMatchObject({ status: 307, location: target, requestId: 'req-redirect' });
      expect(error.message).toMatch(/redirect.*refused/);
      expect(api.requests).toHaveLength(1); // a redirect is not retried either
      expect(elsewhere.requests).toEqual([]);
    });
  });

  it.each([301, 302, 303, 308])('%i with token auth: the token stays home', async (status) => {
    const elsewhere = await serve(() => ({ json: { job_id: JOB } }));
    const api = await serve(() => ({ status, headers: { location: `${elsewhere.url}/v2/cloudimages/quickimport/action` } }));
    const client = createImsClient({ baseUrl: api.url, auth: tokenAuth(TOKEN) });
    await expect(client.quickImport(BODY)).rejects.toMatchObject({ name: 'ImsApiError', status });
    expect(elsewhere.requests).toEqual([]);
  });
});

describe('timeoutMs', () => {
  describe.each(transports)('%s', (_name, customFetch) => {
    it('a silent server: a GET times out per attempt and is retried, then TimeoutError', async () => {
      const silent = await rawServer(() => undefined);
      const client = createImsClient({ baseUrl: silent.url, auth: tokenAuth(TOKEN), timeoutMs: 150, retry: { ...fast, retries: 2 }, ...(customFetch && { fetch: customFetch }) });
      const error = (await client.getJob(JOB).catch((e: unknown) => e)) as TimeoutError;
      expect(error).toBeInstanceOf(TimeoutError);
      expect(error.name).toBe('TimeoutError');
      expect(error.timeoutMs).toBe(150);
      expect(silent.requests).toBe(3);
      // Each timed-out attempt closed its connection.
      await expect.poll(() => silent.closed).toBeGreaterThanOrEqual(3);
    });

    it('a silent server: a POST times out once and is not retried (it may have been received)', async () => {
      const silent = await rawServer(() => undefined);
      const client = createImsClient({ baseUrl: silent.url, auth: tokenAuth(TOKEN), timeoutMs: 150, retry: fast, ...(customFetch && { fetch: customFetch }) });
      await expect(client.quickImport(BODY)).rejects.toMatchObject({ name: 'TimeoutError' });
      await expect(client.POST('/v2/cloudimages/quickimport/action', { body: BODY })).rejects.toMatchObject({ name: 'TimeoutError' });
      expect(silent.requests).toBe(2);
    });

    it('a server that sends headers and then nothing: the deadline covers the body too', async () => {
      const stalls = await rawServer((socket) => {
        socket.once('data', () => socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"job'));
      });
      const client = createImsClient({ baseUrl: stalls.url, auth: tokenAuth(TOKEN), timeoutMs: 150, retry: false, ...(customFetch && { fetch: customFetch }) });
      await expect(client.GET('/v1/cloudimages/job/{job_id}', { params: { path: { job_id: JOB } } })).rejects.toMatchObject({ name: 'TimeoutError' });
    });
  });

  it("a caller's signal still aborts, with its own reason, before the deadline", async () => {
    const silent = await rawServer(() => undefined);
    const client = createImsClient({ baseUrl: silent.url, auth: tokenAuth(TOKEN), timeoutMs: 60_000 });
    const ctl = new AbortController();
    const pending = client.getJob(JOB, { signal: ctl.signal });
    await expect.poll(() => silent.requests).toBe(1);
    ctl.abort(new Error('user gave up'));
    await expect(pending).rejects.toThrow('user gave up');
    expect(silent.requests).toBe(1);
  });

  it('refuses nonsense values, accepts Infinity (no deadline)', () => {
    for (const bad of [0, -1, Number.NaN, '5' as unknown as number, 2 ** 31]) expect(() => createImsClient({ auth: tokenAuth(TOKEN), timeoutMs: bad })).toThrow(/timeoutMs/);
    expect(() => createImsClient({ auth: tokenAuth(TOKEN), maxResponseBytes: 0 })).toThrow(/maxResponseBytes/);
    expect(checkGuards(Infinity, Infinity)).toEqual({ timeoutMs: Infinity, maxResponseBytes: Infinity });
  });
});

describe('maxResponseBytes', () => {
  /** Answers 200 and then writes 64 KiB chunks until the connection goes away. */
  const endless = (chunked: boolean) => (socket: Socket) => {
    socket.once('data', () => {
      socket.write(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n${chunked ? 'transfer-encoding: chunked' : 'connection: close'}\r\n\r\n`);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = (): void => {
        while (!socket.destroyed && socket.write(chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk));
        if (!socket.destroyed) socket.once('drain', pump);
      };
      pump();
    });
  };

  describe.each(transports)('%s', (_name, customFetch) => {
    it.each(calls)('%s: an endless answer ends in ResponseTooLargeError and the connection is closed', async (_call, run) => {
      const server = await rawServer(endless(true));
      const client = createImsClient({ baseUrl: server.url, auth: tokenAuth(TOKEN), maxResponseBytes: 1024 * 1024, retry: fast, ...(customFetch && { fetch: customFetch }) });
      const error = (await run(client).catch((e: unknown) => e)) as ResponseTooLargeError;
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(error.name).toBe('ResponseTooLargeError');
      expect(error.maxResponseBytes).toBe(1024 * 1024);
      expect(server.requests).toBe(1); // never retried
      await expect.poll(() => server.closed).toBeGreaterThanOrEqual(1);
    });
  });

  it('the default (10 MiB) holds an endless answer without a connection: close framing too', async () => {
    const server = await rawServer(endless(false));
    const client = createImsClient({ baseUrl: server.url, auth: tokenAuth(TOKEN) });
    const before = process.memoryUsage().rss;
    await expect(client.getJob(JOB)).rejects.toMatchObject({ name: 'ResponseTooLargeError', maxResponseBytes: 10 * 1024 * 1024 });
    // Not a timing or a precise memory assertion: only that nothing near the 1 GiB of the old behaviour was kept.
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('an answer that declares a Content-Length above the limit is refused before reading it', async () => {
    const api = await serve(() => ({ json: { job_id: JOB, status: 'INIT', pad: 'x'.repeat(5000) } }));
    const client = createImsClient({ baseUrl: api.url, auth: tokenAuth(TOKEN), maxResponseBytes: 1000, fetch: (i, init) => fetch(i, init) });
    await expect(client.getJob(JOB)).rejects.toMatchObject({ name: 'ResponseTooLargeError' });
  });

  it('an answer within the limit passes untouched', async () => {
    const api = await serve(() => ({ json: { job_id: JOB, status: 'RUNNING', entities: { process_percent: 5 } }, headers: { 'x-request-id': 'r1' } }));
    for (const [, customFetch] of transports) {
      const client = createImsClient({ baseUrl: api.url, auth: tokenAuth(TOKEN), maxResponseBytes: 200, ...(customFetch && { fetch: customFetch }) });
      await expect(client.getJob(JOB)).resolves.toMatchObject({ status: 'RUNNING', entities: { process_percent: 5 } });
      const { data, response } = await client.GET('/v1/cloudimages/job/{job_id}', { params: { path: { job_id: JOB } } });
      expect(data?.status).toBe('RUNNING');
      expect(response.headers.get('x-request-id')).toBe('r1');
    }
  });
});

describe('path parameters', () => {
  it.each(['.', '..'])('client.GET refuses job_id %j before sending (URL parsing would change the path)', async (id) => {
    const api = await serve(() => ({ json: {} }));
    const client = createImsClient({ baseUrl: api.url, auth: tokenAuth(TOKEN) });
    await expect(client.GET('/v1/cloudimages/job/{job_id}', { params: { path: { job_id: id } } })).rejects.toThrow(/job_id.*would change the path/);
    await expect(client.GET('/v1/{project_id}/jobs/{job_id}', { params: { path: { project_id: id, job_id: JOB } } })).rejects.toThrow(/project_id/);
    expect(api.requests).toEqual([]);
  });

  it('dots inside an id are fine', async () => {
    const api = await serve(() => ({ json: { job_id: 'a..b', status: 'INIT' } }));
    const client = createImsClient({ baseUrl: api.url, auth: tokenAuth(TOKEN) });
    await client.GET('/v1/cloudimages/job/{job_id}', { params: { path: { job_id: 'a..b' } } });
    expect(api.requests[0]?.url).toBe('/v1/cloudimages/job/a..b');
  });
});

describe('a signal aborted while credentials are fetched', () => {
  it('stops the request before it is sent', async () => {
    const api = await serve(() => ({ json: { job_id: JOB, status: 'INIT' } }));
    const ctl = new AbortController();
    const slowCredentials = async () => {
      ctl.abort(new Error('cancelled during the credentials fetch'));
      return { ak: 'AK', sk: 'slow-secret-key', projectId: 'p' };
    };
    const client = createImsClient({ baseUrl: api.url, auth: akskAuth(slowCredentials) });
    await expect(client.getJob(JOB, { signal: ctl.signal })).rejects.toThrow('cancelled during the credentials fetch');
    expect(api.requests).toEqual([]);
  });
});
