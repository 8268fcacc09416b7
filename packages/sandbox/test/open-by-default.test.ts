// "Open by default, reachable from any web page", over real sockets and the built bin: the bin refuses to
// run without authentication unless --open (and then warns), foreign Host headers get a gateway error
// before anything else, and only allowed origins are ever echoed.
import { spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/index.js';
import { body, BUCKET, makeBuckets } from './helpers/buckets.js';
import { rawRequest } from './helpers/sign.js';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli.js');
let root: string;
let sb: Sandbox;
let open: Sandbox;

beforeAll(async () => {
  root = await makeBuckets();
  sb = await startSandbox({ bucketsDir: root, tokens: ['t'], corsOrigins: ['https://docs.example.com'], allowedHosts: ['sandbox.test'] });
  open = await startSandbox({ bucketsDir: root });
});
afterAll(async () => {
  await sb.close();
  await open.close();
  await rm(root, { recursive: true, force: true });
});

/** Runs the bin until it prints its listening line (then stops it) or exits; returns what it said. */
function runBin(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, '--buckets', root, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (stdout.includes('"listening"')) child.kill('SIGTERM');
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the bin', () => {
  it('refuses to start with no authentication, naming --open', async () => {
    const r = await runBin([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/refusing to start with no authentication.*--open/);
  });

  it('starts with --open and warns on stderr; starts quietly with a token', async () => {
    const o = await runBin(['--open']);
    expect(o.stdout).toContain('"listening"');
    expect(o.stderr).toMatch(/WARNING: --open — no authentication/);
    const t = await runBin(['--token', 'x']);
    expect(t.stdout).toContain('"listening"');
    expect(t.stderr).toBe('');
  });
});

describe('Host allow-list (DNS rebinding)', () => {
  it('answers loopback names, IP literals and allowedHosts', async () => {
    const port = new URL(sb.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `sandbox.test:${port}`, `192.168.1.20:${port}`]) {
      const r = await rawRequest(sb.url, 'GET', '/v1/cloudimages/os_version', { host, 'x-auth-token': 't' });
      expect(r.status, host).toBe(200);
    }
  });

  it('gives any other Host a 404 APIGW.0101 before anything else: no auth, no 413, no metadata, no job', async () => {
    const host = `evil.test:${new URL(open.url).port}`;
    const before = open.stats().jobs;
    const cases: [string, string, Record<string, string>, string][] = [
      ['POST', '/v2/cloudimages/quickimport/action', { 'content-type': 'application/json' }, JSON.stringify(body(`${BUCKET}:images/good.raw`))],
      ['POST', '/v2/cloudimages/quickimport/action', { 'content-length': String(50 * 1024 * 1024) }, ''],
      ['GET', '/v1/cloudimages/os_version', {}, ''],
      ['PUT', '/meta-data/latest/api/token', { 'x-metadata-token-ttl-seconds': '60' }, ''],
    ];
    for (const [method, path, headers, payload] of cases) {
      const r = await rawRequest(open.url, method, path, { host, ...headers }, payload).catch((e: Error) => ({ status: 0, body: e.message, headers: {} }));
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(r.body.error_code).toBe('APIGW.0101');
      expect(r.body.error_msg).toContain('evil.test');
    }
    expect(open.stats().jobs).toBe(before);
  });
});

describe('CORS allow-list', () => {
  it('echoes loopback origins and corsOrigins, and refuses every other origin with 403 and no CORS headers', async () => {
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:3000', 'http://[::1]:8080', 'https://docs.example.com']) {
      const pre = await fetch(`${sb.url}/v2/cloudimages/quickimport/action`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-auth-token,content-type' },
      });
      expect(pre.status, origin).toBe(204);
      expect(pre.headers.get('access-control-allow-origin')).toBe(origin);
    }
    for (const origin of ['https://evil.example', 'null', 'http://docs.example.com', 'https://docs.example.com.evil.example']) {
      const pre = await fetch(`${sb.url}/v2/cloudimages/quickimport/action`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST' } });
      expect(pre.status, origin).toBe(403);
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
      const r = await fetch(`${sb.url}/v1/cloudimages/os_version`, { headers: { origin, 'x-auth-token': 't' } });
      expect(r.status, origin).toBe(403);
      expect(r.headers.get('access-control-allow-origin')).toBeNull();
      expect(((await r.json()) as { error_code: string }).error_code).toBe('APIGW.0302');
    }
  });

  it('an open sandbox (programmatic, no credentials) is still closed to foreign pages', async () => {
    const r = await fetch(`${open.url}/v2/cloudimages/quickimport/action`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
      body: JSON.stringify(body(`${BUCKET}:images/good.raw`)),
    });
    expect(r.status).toBe(403);
  });
});
