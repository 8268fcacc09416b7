import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDirectory, type StaticServer } from './static-server.js';

const root = mkdtempSync(join(tmpdir(), 'static-'));
mkdirSync(join(root, 'site'));
writeFileSync(join(root, 'site', 'index.html'), '<h1>hi</h1>');
writeFileSync(join(root, 'secret.txt'), 'secret');

/** A raw request, so the path reaches the server exactly as written (fetch would normalise "..". */
function get(base: string, path: string): Promise<{ status: number; type?: string; body: string }> {
  return new Promise((ok, fail) => {
    const url = new URL(base);
    const req = request({ host: url.hostname, port: url.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => ok({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
    });
    req.on('error', fail).end();
  });
}

describe('static server', () => {
  let server: StaticServer;
  beforeAll(async () => {
    server = await serveDirectory(join(root, 'site'));
  });
  afterAll(() => server.close());

  it('listens on loopback and serves index.html for /', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await get(server.url, '/')).toMatchObject({ status: 200, type: 'text/html; charset=utf-8', body: '<h1>hi</h1>' });
  });

  it('refuses paths that leave the directory, raw or encoded', async () => {
    expect((await get(server.url, '/../secret.txt')).status).toBe(403);
    expect((await get(server.url, '/%2e%2e/secret.txt')).status).toBe(403);
    expect((await get(server.url, '/%E0%A4%A')).status).toBe(400);
  });

  it('answers 404 for missing files and 405 for other methods', async () => {
    expect((await get(server.url, '/nope.html')).status).toBe(404);
    const status = await new Promise<number>((ok) => {
      const url = new URL(server.url);
      request({ host: url.hostname, port: url.port, path: '/', method: 'POST' }, (res) => ok(res.statusCode ?? 0)).end();
    });
    expect(status).toBe(405);
  });
});
