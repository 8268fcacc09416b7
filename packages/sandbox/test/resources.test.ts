// Resources before authentication, over real sockets and a real child process: unknown paths and missing
// credentials are answered on the headers (the body is never read), Expect: 100-continue gets its 100 only
// after every header check, connections and in-flight body bytes are bounded, and 500 stalled uploads
// leave the process's memory where it was.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/index.js';
import { body, BUCKET, makeBuckets } from './helpers/buckets.js';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
const QI = '/v2/cloudimages/quickimport/action';
let root: string;
let sb: Sandbox;

beforeAll(async () => {
  root = await makeBuckets();
  sb = await startSandbox({ bucketsDir: root, speed: 200, tokens: ['t'], maxBodyBytesInFlight: 2 * 1024 * 1024, maxConnections: 40 });
});
afterAll(async () => {
  await sb.close();
  await rm(root, { recursive: true, force: true });
});

/** A raw connection: write the head (and maybe part of a body), collect what comes back. */
function open(port: number, head: string): { sock: Socket; received: () => string; closed: Promise<void>; answered: Promise<string> } {
  const sock = connect(port, '127.0.0.1');
  let text = '';
  let resolveAnswer: (s: string) => void;
  const answered = new Promise<string>((r) => (resolveAnswer = r));
  sock.setEncoding('latin1');
  sock.on('data', (d: string) => {
    text += d;
    // A final (non-1xx) status line with its whole head is an answer.
    if (/HTTP\/1\.1 [2-5]\d\d [^\r]*\r\n(?:[^\r]+\r\n)*\r\n/.test(text)) resolveAnswer(text);
  });
  sock.on('error', () => {});
  const closed = new Promise<void>((r) => sock.on('close', () => r()));
  sock.write(head);
  return { sock, received: () => text, closed, answered };
}

const postHead = (headers: string) => `POST ${QI} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n${headers}\r\n`;

describe('route and authenticate on the headers, before the body', () => {
  it('an unknown path with a stalled 1 MiB upload is answered 404 at once, and the connection closed', async () => {
    const c = open(sb.port, `POST /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1048576\r\n\r\n` + 'x'.repeat(1000));
    const answer = await c.answered;
    expect(answer).toMatch(/^HTTP\/1\.1 404 /);
    expect(answer).toMatch(/APIGW\.0101/);
    await c.closed;
  });

  it('missing or bad credentials with a stalled upload get 401 at once', async () => {
    for (const auth of ['', 'X-Auth-Token: wrong\r\n', 'Authorization: SDK-HMAC-SHA256 Access=NOPE, SignedHeaders=host;x-sdk-date, Signature=' + '0'.repeat(64) + '\r\nX-Sdk-Date: 20260101T000000Z\r\n']) {
      const c = open(sb.port, postHead(`${auth}Content-Length: 1000000\r\n`) + '{"name":');
      const answer = await c.answered;
      expect(answer, auth).toMatch(/^HTTP\/1\.1 401 /);
      await c.closed;
    }
  });
});

describe('Expect: 100-continue', () => {
  it('an oversized Content-Length gets 413 and never the 100', async () => {
    const c = open(sb.port, postHead(`X-Auth-Token: t\r\nExpect: 100-continue\r\nContent-Length: ${50 * 1024 * 1024}\r\n`));
    const answer = await c.answered;
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).not.toMatch(/100 Continue/);
  });

  it('no credentials get 401 and never the 100; good ones get the 100, then the answer', async () => {
    const payload = JSON.stringify(body(`${BUCKET}:images/good.raw`));
    const bad = open(sb.port, postHead(`Expect: 100-continue\r\nContent-Length: ${payload.length}\r\n`));
    const badAnswer = await bad.answered;
    expect(badAnswer).toMatch(/^HTTP\/1\.1 401 /);
    const good = open(sb.port, postHead(`X-Auth-Token: t\r\nExpect: 100-continue\r\nContent-Length: ${payload.length}\r\n`));
    await new Promise<void>((r) => good.sock.once('data', () => r()));
    expect(good.received()).toMatch(/^HTTP\/1\.1 100 Continue\r\n/);
    good.sock.write(payload);
    expect(await good.answered).toMatch(/HTTP\/1\.1 200 [\s\S]*"job_id"/);
    good.sock.destroy();
  });
});

describe('bounds', () => {
  it('in-flight body bytes: beyond the budget an upload gets 429 APIGW.0308 at once; freed budget is reused', async () => {
    // Two stalled, authenticated 1 MiB uploads take the whole 2 MiB budget.
    const holders = [0, 1].map(() => open(sb.port, postHead('X-Auth-Token: t\r\nContent-Length: 1048576\r\n') + '{"name":'));
    await new Promise((r) => setTimeout(r, 200));
    const third = open(sb.port, postHead('X-Auth-Token: t\r\nContent-Length: 1048576\r\n') + '{"name":');
    const answer = await third.answered;
    expect(answer).toMatch(/^HTTP\/1\.1 429 /);
    expect(answer).toMatch(/APIGW\.0308/);
    expect(answer).toMatch(/Retry-After: 1/i);
    for (const h of holders) h.sock.destroy();
    await Promise.all(holders.map((h) => h.closed));
    await new Promise((r) => setTimeout(r, 100));
    const payload = JSON.stringify(body(`${BUCKET}:images/good.raw`));
    const after = open(sb.port, postHead(`X-Auth-Token: t\r\nContent-Length: ${payload.length}\r\n`) + payload);
    expect(await after.answered).toMatch(/^HTTP\/1\.1 200 /);
    after.sock.destroy();
  });

  it('connections: beyond maxConnections new ones are closed unanswered; the server serves again once they go', async () => {
    const idle = Array.from({ length: 40 }, () => open(sb.port, ''));
    await new Promise((r) => setTimeout(r, 300));
    const extra = open(sb.port, `GET /v1/cloudimages/os_version HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Auth-Token: t\r\n\r\n`);
    await extra.closed;
    expect(extra.received()).toBe('');
    for (const c of idle) c.sock.destroy();
    await Promise.all(idle.map((c) => c.closed));
    await new Promise((r) => setTimeout(r, 100));
    const r = await fetch(`${sb.url}/v1/cloudimages/os_version`, { headers: { 'X-Auth-Token': 't' } });
    expect(r.status).toBe(200);
  });
});

describe('a deeply nested body', () => {
  it('is refused before JSON.parse (IMG.0001), as a parser limited to 1000 levels (Jackson) refuses it', async () => {
    const n = 512 * 1024;
    const deep = '['.repeat(n) + ']'.repeat(n);
    const r = await fetch(`${sb.url}${QI}`, { method: 'POST', headers: { 'X-Auth-Token': 't', 'Content-Type': 'application/json' }, body: deep });
    expect(r.status).toBe(400);
    const e = (await r.json()) as { error: { code: string; message: string } };
    expect(e.error.code).toBe('IMG.0001');
    expect(e.error.message).toMatch(/nests deeper than 1000 levels/);
    // 1000 levels are parsed and judged like any body (here: not an object → IMG.0001 from the validators).
    const ok = '['.repeat(1000) + ']'.repeat(1000);
    const r2 = await fetch(`${sb.url}${QI}`, { method: 'POST', headers: { 'X-Auth-Token': 't', 'Content-Type': 'application/json' }, body: ok });
    expect(((await r2.json()) as { error: { message: string } }).error.message).not.toMatch(/nests deeper/);
  });
});

describe('memory under 500 stalled uploads (a real child process)', () => {
  let child: ChildProcess;
  let port: number;
  const rssMiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024;

  beforeAll(async () => {
    child = spawn(process.execPath, [cli, '--buckets', root, '--port', '0', '--token', 't'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        if (out.includes('\n')) resolve((JSON.parse(out.split('\n')[0]!) as { url: string }).url);
      });
      child.once('exit', (code) => reject(new Error(`sandbox exited with ${code}`)));
    });
    port = Number(new URL(url).port);
  });
  afterAll(() => {
    child.kill('SIGKILL');
  });

  it('stays bounded for uploads without credentials to an unknown path, and for authenticated ones', async () => {
    const before = rssMiB();
    const chunk = 'x'.repeat(900 * 1024);
    for (const head of [`POST /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1048576\r\n\r\n`, postHead('X-Auth-Token: t\r\nContent-Length: 1048576\r\n')]) {
      const conns = Array.from({ length: 500 }, () => open(port, head + chunk));
      await new Promise((r) => setTimeout(r, 1500));
      const during = rssMiB();
      for (const c of conns) c.sock.destroy();
      await Promise.all(conns.map((c) => c.closed));
      // The old server buffered every body before looking at anything: 500 × 900 KiB ≈ 440 MiB more.
      console.log(`RSS growth with 500 stalled uploads (${head.split(" ")[1]}): ${(during - before).toFixed(1)} MiB`);
      expect(during - before, head.split('\r\n')[0]).toBeLessThan(150);
    }
  }, 60_000);
});
