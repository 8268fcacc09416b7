// No input crashes the server or leaves it hanging: malformed HTTP, slow clients, abrupt disconnects.
import { rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/index.js';
import { body, BUCKET, makeBuckets } from './helpers/buckets.js';
import { call } from './helpers/http.js';
import { responseErrors } from './helpers/spec.js';

let root: string;
let sb: Sandbox;
let port: number;

beforeAll(async () => {
  root = await makeBuckets();
  sb = await startSandbox({ bucketsDir: root, speed: 500, tokens: ['t'], headersTimeoutMs: 1000, bodyTimeoutMs: 1000 });
  port = sb.port;
});
afterAll(async () => {
  await sb.close();
  await rm(root, { recursive: true, force: true });
});

/** Writes raw bytes, returns everything the server sends until it closes (or `waitMs` passes). */
function raw(chunks: (string | Buffer)[], opts: { gapMs?: number; waitMs?: number; destroyAfterWrite?: boolean } = {}): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    const sock: Socket = connect(port, '127.0.0.1');
    let text = '';
    let closed = false;
    sock.setEncoding('latin1');
    sock.on('data', (d) => (text += d));
    sock.on('error', () => {});
    sock.on('close', () => {
      closed = true;
      clearTimeout(timer);
      resolve({ text, closed });
    });
    const timer = setTimeout(() => {
      sock.destroy();
      resolve({ text, closed });
    }, opts.waitMs ?? 3000);
    sock.on('connect', async () => {
      for (const c of chunks) {
        if (sock.destroyed) break;
        sock.write(c);
        if (opts.gapMs) await new Promise((r) => setTimeout(r, opts.gapMs));
      }
      if (opts.destroyAfterWrite) sock.destroy();
    });
  });
}

function statusAndBody(text: string): { status: number; body: any } {
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
  const bodyText = text.slice(text.indexOf('\r\n\r\n') + 4);
  expect(text).toMatch(/\r\nX-Request-Id: [0-9a-f]{32}\r\n/i);
  return { status, body: bodyText ? JSON.parse(bodyText) : undefined };
}

async function stillServes() {
  const r = await call('listOsVersions', `${sb.url}/v1/cloudimages/os_version`, { headers: { 'X-Auth-Token': 't' } });
  expect(r.status).toBe(200);
}

const head = (extra: string) => `POST /v2/cloudimages/quickimport/action HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: t\r\nContent-Type: application/json\r\n${extra}\r\n`;

describe('malformed HTTP', () => {
  const cases: [string, string[]][] = [
    ['a bad chunk size', [head('Transfer-Encoding: chunked\r\n'), 'zz\r\n{}\r\n0\r\n\r\n']],
    ['a chunk longer than announced', [head('Transfer-Encoding: chunked\r\n'), '2\r\n{"name":1}\r\n0\r\n\r\n']],
    ['both Content-Length and chunked', [head('Transfer-Encoding: chunked\r\nContent-Length: 5\r\n'), '0\r\n\r\n']],
    ['a garbage request line', ['GARBAGE\r\n\r\n']],
    ['a header without a colon', ['GET / HTTP/1.1\r\nHost: x\r\nnot a header\r\n\r\n']],
  ];
  for (const [name, chunks] of cases) {
    it(`answers 400 APIGW.0201 to ${name} and keeps serving`, async () => {
      const r = await raw(chunks);
      const { status, body: b } = statusAndBody(r.text);
      expect(status).toBe(400);
      expect(b.error_code).toBe('APIGW.0201');
      expect(responseErrors('importImageQuick', 400, b)).toEqual([]);
      await stillServes();
    });
  }

  it('a valid chunked body is read and judged like any other', async () => {
    const json = JSON.stringify(body(`${BUCKET}:images/good.raw`));
    const half = Math.floor(json.length / 2);
    const chunk = (s: string) => `${Buffer.byteLength(s).toString(16)}\r\n${s}\r\n`;
    const r = await raw([head('Transfer-Encoding: chunked\r\nConnection: close\r\n'), chunk(json.slice(0, half)), chunk(json.slice(half)), '0\r\n\r\n']);
    const { status, body: b } = statusAndBody(r.text);
    expect(status).toBe(200);
    expect(b.job_id).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('slow and vanishing clients', () => {
  it('a client that stops sending its body gets 400 APIGW.0201 and is disconnected', async () => {
    const r = await raw([head('Content-Length: 100\r\n'), '{"name":'], { waitMs: 8000 });
    expect(r.closed).toBe(true);
    const { status, body: b } = statusAndBody(r.text);
    expect([status, b.error_code]).toEqual([400, 'APIGW.0201']);
    await stillServes();
  });

  it('a client that trickles its headers is cut off', async () => {
    const line = `GET /v1/cloudimages/os_version HTTP/1.1\r\nHost: x\r\nX-Auth-Token: t\r\nX-Pad: ${'a'.repeat(200)}`;
    const r = await raw(line.split(''), { gapMs: 20, waitMs: 8000 });
    expect(r.closed).toBe(true);
    await stillServes();
  });

  it('survives clients that vanish mid-body and mid-response, many times over', async () => {
    const json = JSON.stringify(body(`${BUCKET}:images/good.raw`));
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 2
          ? raw([head(`Content-Length: ${json.length + 50}\r\n`), json], { destroyAfterWrite: true })
          : raw([head(`Content-Length: ${json.length}\r\n`) + json], { destroyAfterWrite: true }),
      ),
    );
    await stillServes();
  });

  it('an oversized declared body is refused before it is sent', async () => {
    const r = await raw([head('Content-Length: 5000000\r\n')], { waitMs: 3000 });
    const { status, body: b } = statusAndBody(r.text);
    expect([status, b.error_code]).toEqual([413, 'APIGW.0201']);
    await stillServes();
  });

  it('deep nesting and a huge string do not crash the judge', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const a = await call('importImageQuick', `${sb.url}/v2/cloudimages/quickimport/action`, { method: 'POST', headers: { 'X-Auth-Token': 't', 'content-type': 'application/json' }, body: deep });
    expect([a.status, a.body.error.code]).toEqual([400, 'IMG.0001']);
    const hostile = `{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},${JSON.stringify({ ...body(`${BUCKET}:images/good.raw`), name: 'a'.repeat(900_000) }).slice(1)}`;
    const b = await call('importImageQuick', `${sb.url}/v2/cloudimages/quickimport/action`, {
      method: 'POST',
      headers: { 'X-Auth-Token': 't', 'content-type': 'application/json' },
      body: hostile,
    });
    expect(b.status).toBe(400);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await stillServes();
  });
});
