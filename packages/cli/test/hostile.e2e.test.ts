// A hostile or broken peer: escape sequences in what it says, silence, redirects, HTML error pages. The
// CLI must neither let the peer write to the terminal nor hang, nor follow it elsewhere.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, printedSecrets, run, SYSTEM_FLAGS, TOKEN } from './helpers.js';

const EVIL = '\u001b]0;pwned\u0007\u001b[2J\u009b31m\rOVERWRITTEN';
let server: Server;
let url: string;
let dir: string;
let elsewhere = 0; // requests that reached the redirect's target
let received = 0; // requests that reached the server at all

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ims-cli-hostile-'));
  server = createServer((req, res) => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'evil0001', ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    received++;
    const path = req.url ?? '';
    if (path.startsWith('/elsewhere')) {
      elsewhere++;
      return send(200, { job_id: 'moved', status: 'SUCCESS' });
    }
    if (req.method === 'POST') return send(200, { job_id: 'evil-job' });
    if (path.endsWith('/evil-job')) {
      return send(200, { job_id: 'evil-job', status: 'FAIL', error_code: `IMG.0121${EVIL}`, fail_reason: `bad ${EVIL}`, entities: { process_percent: 10, current_task: EVIL } });
    }
    if (path.endsWith('/silent')) return; // never answers
    if (path.endsWith('/endless')) {
      // An answer that never ends: 64 KiB chunks for as long as the client reads.
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(65536, 0x20);
      const more = () => {
        while (!res.destroyed && res.write(chunk));
        if (!res.destroyed) res.once('drain', more);
      };
      res.write('{"job_id":"endless","padding":"');
      return more();
    }
    if (path.endsWith('/redirect')) return send(302, '', { location: `${url}/elsewhere` });
    if (path.endsWith('/html')) {
      res.writeHead(502, { 'content-type': 'text/html' });
      return res.end(`<html><body><h1>Bad Gateway</h1>${EVIL}</body></html>`);
    }
    // ListOsVersions: an error that echoes the caller's token back, with escape sequences in its message.
    if (path.startsWith('/v1/cloudimages/os_version')) return send(403, { error: { code: 'IMG.0130', message: `denied ${EVIL} for ${req.headers['x-auth-token']}` } });
    return send(404, { error_code: 'APIGW.0101', error_msg: `not found ${EVIL}` });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await rm(dir, { recursive: true, force: true });
  expect(printedSecrets()).toEqual([]);
});

const env = () => cleanEnv({ IMS_ENDPOINT: url, IMS_AUTH_TOKEN: TOKEN });
/** No raw control character but newline from the peer reached the output (our own SGR codes are off: no TTY). */
const clean = (text: string) => expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);

describe('a hostile peer', () => {
  it('cannot write escape sequences to the terminal through a job (waiting, or looking at it)', async () => {
    const waited = await run(['import', ...SYSTEM_FLAGS, '--wait', '--poll-interval', '20ms'], { env: env() });
    expect(waited.code).toBe(1);
    clean(waited.stdout + waited.stderr);
    expect(waited.stderr).toContain('\\u001b]0;pwned\\u0007');
    const shown = await run(['job', 'evil-job'], { env: env() });
    expect(shown.code).toBe(1);
    clean(shown.stdout + shown.stderr);
    // JSON stays exact (JSON escapes control characters itself)
    const json = await run(['job', 'evil-job', '--json'], { env: env() });
    expect(JSON.parse(json.stdout).fail_reason).toBe(`bad ${EVIL}`);
  });

  it('nor through an error message or an HTML error page (exit 3)', async () => {
    for (const id of ['missing', 'html']) {
      const r = await run(['job', id], { env: env() });
      expect(r.code).toBe(3);
      clean(r.stderr);
    }
  });

  it('with --json, an API error is one final object with the status, code and request id', async () => {
    const r = await run(['job', 'missing', '--json'], { env: env() });
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout.trim().split('\n').at(-1)!)).toMatchObject({ event: 'error', exitCode: 3, status: 404, code: 'APIGW.0101', requestId: 'evil0001' });
    // Each fact once: the message is the server's words alone.
    expect(r.stdout.split('evil0001')).toHaveLength(2);
    expect(JSON.parse(r.stdout.trim().split('\n').at(-1)!).message).toBe(`not found ${EVIL}`);
  });

  it('nor through a key of a body file', async () => {
    const file = join(dir, 'evil.json');
    await writeFile(file, JSON.stringify({ name: 'x', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'b:c.raw', min_disk: 40, [EVIL]: 1 }));
    const r = await run(['validate', file], { env: cleanEnv() });
    expect(r.code).toBe(2);
    clean(r.stdout + r.stderr);
  });

  it('a token or an AK with a CR/LF (header injection) is refused before anything is sent: exit 2', async () => {
    const before = received;
    const token = await run(['job', 'evil-job'], { env: cleanEnv({ IMS_ENDPOINT: url, IMS_AUTH_TOKEN: `${TOKEN}\r\nX-Injected: 1` }) });
    expect(token.code).toBe(2);
    expect(token.stderr).toContain('IMS_AUTH_TOKEN: holds a character an HTTP header cannot carry');
    const ak = await run(['job', 'evil-job'], { env: cleanEnv({ IMS_ENDPOINT: url, HUAWEICLOUD_SDK_AK: 'AK\r\nX-Injected: 1', HUAWEICLOUD_SDK_SK: 'some-secret-key' }) });
    expect(ak.code).toBe(2);
    expect(ak.stderr + ak.stdout).not.toContain('some-secret-key');
    expect(received).toBe(before);
  });

  it('a silent server: --request-timeout gives up (exit 3) instead of hanging', async () => {
    const r = await run(['--request-timeout', '500ms', 'job', 'silent'], { env: env() });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/no answer in time: no complete answer within 500 ms \(--request-timeout\); the request was cancelled/);
  });

  it('an endless answer is cut at the size limit (exit 3), not read into memory, and said in the user\'s language', async () => {
    const en = await run(['job', 'endless'], { env: env() });
    expect(en.code).toBe(3);
    expect(en.stderr).toMatch(/the answer is too large: over \d+ bytes; the connection was closed/);
    const zh = await run(['--lang', 'zh-CN', 'job', 'endless'], { env: env() });
    expect(zh.code).toBe(3);
    expect(zh.stderr).toMatch(/应答过大：超过 \d+ 字节，连接已关闭/);
    for (const r of [en, zh]) expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('os-versions: an error answer echoing the token is read like any other (exit 3, code and request id once), the token never printed', async () => {
    for (const json of [false, true]) {
      const r = await run(['os-versions', ...(json ? ['--json'] : [])], { env: env() });
      expect(r.code).toBe(3);
      clean(r.stdout + r.stderr);
      expect(r.stdout + r.stderr).not.toContain(TOKEN);
      const text = json ? r.stdout : r.stderr;
      expect(text.split('IMG.0130').length - 1).toBe(1);
      expect(text.split('evil0001').length - 1).toBe(1);
      if (json) expect(JSON.parse(r.stdout.trim().split('\n').at(-1)!)).toMatchObject({ event: 'error', status: 403, code: 'IMG.0130', requestId: 'evil0001' });
    }
  });

  it('a redirect is not followed (exit 3), and nothing reaches its target', async () => {
    const r = await run(['job', 'redirect'], { env: env() });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/HTTP 302/);
    expect(elsewhere).toBe(0);
  });
});
