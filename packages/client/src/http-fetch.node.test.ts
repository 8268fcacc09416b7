import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { officialVerify } from '../test/helpers/official-verify.js';
import { startServer, type TestServer } from '../test/helpers/server.js';
import { httpFetch } from './http-fetch.node.js';
import { akskAuth, createImsClient, ImsApiError, tokenAuth } from './index.node.js';
import { provablyUnsent } from './retry.js';

const AK = 'HPUAHTTPFETCHTEST001';
const SK = 'httpFetchTestSecret-0123456789-abcdefghij';
const JOB = 'ff8080814dbd65d7014dbe0d84db0013';
const BODY = { name: 'img-1', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'bucket:images/img.zvhd2', min_disk: 40, description: '中文描述 ✓' };

/** A raw loopback server that also counts TCP connections and tells when one closes. */
interface RawServer {
  url: string;
  connections: Socket[];
  closed: Promise<void>[];
  seen: IncomingMessage[];
  close(): Promise<void>;
}
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

async function raw(handler: (req: IncomingMessage, res: ServerResponse, body: Buffer) => void): Promise<RawServer> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, res, Buffer.concat(chunks)));
    out.seen.push(req);
  });
  const out: RawServer = {
    url: '',
    connections: [],
    closed: [],
    seen: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('connection', (socket: Socket) => {
    out.connections.push(socket);
    out.closed.push(new Promise((resolve) => socket.once('close', () => resolve())));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  out.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanup.push(out.close);
  return out;
}
async function recording(handler: Parameters<typeof startServer>[0]): Promise<TestServer> {
  const s = await startServer(handler);
  cleanup.push(s.close);
  return s;
}
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('httpFetch: what goes on the wire', () => {
  it('sends exactly the given headers, plus only host, content-length and connection', async () => {
    const s = await raw((_req, res) => res.end('ok'));
    const given = { 'content-type': 'application/json', 'x-sdk-date': '20260101T000000Z', 'x-odd': 'A b,c;d=e' };
    const body = JSON.stringify(BODY);
    const res = await httpFetch(`${s.url}/v2/x?a=1&b=%2F`, { method: 'POST', headers: given, body });
    expect(await res.text()).toBe('ok');
    const req = s.seen[0] as IncomingMessage;
    expect(req.url).toBe('/v2/x?a=1&b=%2F');
    const names = req.rawHeaders.filter((_v, i) => i % 2 === 0).map((n) => n.toLowerCase());
    expect(names.sort()).toEqual(['connection', 'content-length', 'content-type', 'host', 'x-odd', 'x-sdk-date']);
    expect(req.headers).toMatchObject({ ...given, host: new URL(s.url).host, 'content-length': String(Buffer.byteLength(body)), connection: 'keep-alive' });
  });

  it('takes Headers and [name, value] pairs as well', async () => {
    const s = await raw((req, res) => res.end(`${req.headers['x-a']}|${req.headers['x-b']}`));
    expect(await (await httpFetch(s.url, { headers: new Headers({ 'X-A': '1', 'x-b': '2' }) })).text()).toBe('1|2');
    expect(await (await httpFetch(s.url, { headers: [['X-A', '3'], ['x-b', '4']] })).text()).toBe('3|4');
  });

  it('the client (default transport) sends AK/SK requests whose signature the official signer verifies', async () => {
    const s = await recording((rec) => (rec.method === 'POST' ? { json: { job_id: JOB } } : { json: { job_id: JOB, status: 'RUNNING' } }));
    const client = createImsClient({ baseUrl: s.url, auth: akskAuth({ ak: AK, sk: SK, projectId: 'p1', securityToken: 'sts' }), userAgent: 'tool/1.0' });
    await expect(client.quickImport(BODY)).resolves.toEqual({ jobId: JOB });
    await expect(client.getJob(JOB)).resolves.toMatchObject({ status: 'RUNNING' });
    expect(s.requests.map((r) => officialVerify(r, AK, SK))).toEqual(['ok', 'ok']);
    expect(s.requests[0]?.text).toBe(JSON.stringify(BODY));
    expect(s.requests[0]?.headers['accept-encoding']).toBeUndefined();
    expect(s.requests[0]?.headers['user-agent']).toBe('tool/1.0');
  });

  it('uploads and downloads a large body byte for byte', async () => {
    const big = randomBytes(6 * 1024 * 1024);
    const digest = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
    const s = await raw((_req, res, body) => {
      res.setHeader('x-got', digest(body));
      res.end(big);
    });
    const res = await httpFetch(s.url, { method: 'PUT', body: big });
    expect(res.headers.get('x-got')).toBe(digest(big));
    expect(digest(new Uint8Array(await res.arrayBuffer()))).toBe(digest(big));
  });
});

describe('httpFetch: answers', () => {
  it('returns a non-2xx, non-JSON answer as a real Response', async () => {
    const page = '<html><body>502 Bad Gateway</body></html>';
    const s = await raw((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html', 'x-request-id': 'req-1', 'set-cookie': ['a=1', 'b=2'] });
      res.end(page);
    });
    const res = await httpFetch(s.url, { method: 'POST', body: '{}' });
    expect(res).toBeInstanceOf(Response);
    expect([res.status, res.statusText, res.ok]).toEqual([502, 'Bad Gateway', false]);
    expect(res.headers.get('content-type')).toBe('text/html');
    expect(res.headers.getSetCookie()).toEqual(['a=1', 'b=2']);
    expect(await res.text()).toBe(page);
  });

  it('the client turns such an answer into ImsApiError keeping the text', async () => {
    const s = await recording(() => ({ status: 500, text: 'upstream exploded' }));
    const client = createImsClient({ baseUrl: s.url, auth: tokenAuth('tok-secret-value'), retry: false });
    const error = (await client.quickImport(BODY).catch((e: unknown) => e)) as ImsApiError;
    expect(error).toBeInstanceOf(ImsApiError);
    expect([error.status, error.body]).toEqual([500, 'upstream exploded']);
  });

  it('returns a 3xx as is (no redirect followed) and a 204 with a null body', async () => {
    const s = await raw((req, res) => {
      if (req.url === '/moved') res.writeHead(302, { location: '/elsewhere' }).end('see elsewhere');
      else res.writeHead(204).end();
    });
    const moved = await httpFetch(`${s.url}/moved`);
    expect([moved.status, moved.headers.get('location'), await moved.text()]).toEqual([302, '/elsewhere', 'see elsewhere']);
    const empty = await httpFetch(`${s.url}/none`, { method: 'DELETE' });
    expect([empty.status, empty.body]).toEqual([204, null]);
    expect(s.seen.map((r) => r.url)).toEqual(['/moved', '/none']);
  });
});

describe('httpFetch: connections', () => {
  it('reuses one keep-alive socket for sequential requests', async () => {
    const s = await raw((req, res) => res.end(req.url));
    for (let i = 0; i < 5; i++) expect(await (await httpFetch(`${s.url}/r${i}`, { method: 'POST', body: `n=${i}` })).text()).toBe(`/r${i}`);
    expect(s.seen).toHaveLength(5);
    expect(s.connections).toHaveLength(1);
  });

  it('an aborted signal rejects with its reason and sends nothing', async () => {
    const s = await raw((_req, res) => res.end('ok'));
    const reason = new Error('stop now');
    await expect(httpFetch(s.url, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(s.connections).toHaveLength(0);
  });

  it('an abort while waiting for the answer rejects with the reason and destroys the socket', async () => {
    const controller = new AbortController();
    const s = await raw(() => controller.abort(new Error('user gave up'))); // never answers
    await expect(httpFetch(s.url, { method: 'POST', body: '{}', signal: controller.signal })).rejects.toThrow('user gave up');
    await s.closed[0]; // the server sees the connection close (the test times out otherwise)
    expect(s.connections).toHaveLength(1);
  });

  it('an abort while the answer streams in rejects and destroys the socket', async () => {
    const controller = new AbortController();
    const s = await raw((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial', () => setTimeout(() => controller.abort(new Error('mid-body')), 20));
    });
    await expect(httpFetch(s.url, { signal: controller.signal })).rejects.toThrow('mid-body');
    await s.closed[0];
  });

  it('a refused connection fails like fetch and is classified as provably unsent', async () => {
    const error = (await httpFetch(`http://127.0.0.1:${await closedPort()}/`, { method: 'POST', body: '{}' }).catch((e: unknown) => e)) as TypeError;
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe('fetch failed');
    expect((error.cause as { code?: string }).code).toBe('ECONNREFUSED');
    expect(provablyUnsent(error)).toBe(true);
  });

  it('a connection dropped after the request was written is not unsent, and the POST is not retried', async () => {
    const s = await recording(() => 'destroy');
    const error = await httpFetch(s.url, { method: 'POST', body: '{}' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(provablyUnsent(error)).toBe(false);
    const client = createImsClient({ baseUrl: s.url, auth: tokenAuth('tok-secret-value'), retry: { retries: 3, baseDelayMs: 1 } });
    await expect(client.quickImport(BODY)).rejects.toThrow('fetch failed');
    expect(s.requests).toHaveLength(2); // one from httpFetch above, one from the client
  });

  it('the client retries a GET whose connection dropped, then succeeds', async () => {
    const s = await recording((_r, i) => (i === 0 ? 'destroy' : { json: { job_id: JOB, status: 'SUCCESS' } }));
    const client = createImsClient({ baseUrl: s.url, auth: tokenAuth('tok-secret-value'), retry: { retries: 2, baseDelayMs: 1 } });
    await expect(client.getJob(JOB)).resolves.toMatchObject({ status: 'SUCCESS' });
    expect(s.requests).toHaveLength(2);
  });

  it('hands a Request object to the global fetch unchanged', async () => {
    const s = await raw((req, res, body) => res.end(`${req.method} ${body.toString()}`));
    const res = await httpFetch(new Request(s.url, { method: 'POST', body: 'from a Request' }));
    expect(await res.text()).toBe('POST from a Request');
  });
});

describe('httpFetch: broken answers', () => {
  it('a connection the server drops in the middle of the answer fails like fetch', async () => {
    const s = await raw((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial', () => res.socket?.destroy());
    });
    const error = (await httpFetch(s.url).catch((e: unknown) => e)) as TypeError;
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toBe('fetch failed');
    expect((error.cause as { code?: string }).code).toBe('ECONNRESET');
    expect(provablyUnsent(error)).toBe(false);
  });

  it('a header value Node refuses rejects with a TypeError and sends nothing', async () => {
    const s = await raw((_req, res) => res.end('ok'));
    await expect(httpFetch(s.url, { headers: { 'x-bad': 'a\r\nx-injected: 1' } })).rejects.toThrow(TypeError);
    expect(s.connections).toHaveLength(0);
  });

  it('a malformed URL rejects with a TypeError', async () => {
    await expect(httpFetch('http://exa mple.com:99999/')).rejects.toThrow(TypeError);
  });
});
