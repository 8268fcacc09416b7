// A page in headless Chromium, served from another loopback origin, calls the sandbox: the preflight for
// the auth headers passes, the answer is readable, and X-Request-Id is exposed to the page. A page of a
// foreign site (evil.test, resolved to 127.0.0.1 by Chromium's resolver rules) gets nothing: neither a
// cross-origin call nor a DNS-rebound same-origin one.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/index.js';
import { body, BUCKET, makeBuckets } from './helpers/buckets.js';

let root: string;
let profile: string;
let sb: Sandbox;
let page: Server;
let pageUrl: string;
let browser: BrowserContext;

beforeAll(async () => {
  root = await makeBuckets();
  profile = await mkdtemp(join(tmpdir(), 'ims-chromium-'));
  sb = await startSandbox({ bucketsDir: root, speed: 200, tokens: ['browser-token'], credentials: [{ ak: 'AK', sk: 'SK' }] });
  page = createServer((_req, res) => res.end('<!doctype html><title>other origin</title>'));
  await new Promise<void>((r) => page.listen(0, '127.0.0.1', r));
  // localhost vs 127.0.0.1 (and another port): a different origin from the sandbox's.
  pageUrl = `http://localhost:${(page.address() as AddressInfo).port}/`;
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--host-resolver-rules=MAP evil.test 127.0.0.1', '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await sb.close();
  await new Promise((r) => page.close(r));
  await rm(root, { recursive: true, force: true });
  await rm(profile, { recursive: true, force: true });
});

describe('CORS in a real browser', () => {
  it('lets a page on another origin import, poll and read X-Request-Id', async () => {
    const tab = await browser.newPage();
    await tab.goto(pageUrl);
    const result = await tab.evaluate(
      async ({ base, payload }) => {
        const post = await fetch(`${base}/v2/cloudimages/quickimport/action`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Auth-Token': 'browser-token', 'X-Project-Id': 'p' },
          body: JSON.stringify(payload),
        });
        const accepted = await post.json();
        const job = await fetch(`${base}/v1/cloudimages/job/${accepted.job_id}`, { headers: { 'X-Auth-Token': 'browser-token', 'X-Project-Id': 'p' } });
        // An AK/SK-shaped request: Authorization and X-Sdk-Date need the preflight too; a wrong signature is a readable 401.
        const signed = await fetch(`${base}/v1/cloudimages/os_version`, {
          headers: { Authorization: 'SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=00', 'X-Sdk-Date': '20240102T030405Z' },
        });
        return {
          origin: location.origin,
          postStatus: post.status,
          jobId: accepted.job_id,
          requestId: post.headers.get('X-Request-Id'),
          jobStatus: job.status,
          signedStatus: signed.status,
          signedCode: (await signed.json()).error_code,
        };
      },
      { base: sb.url, payload: body(`${BUCKET}:images/good.raw`) },
    );
    expect(result.origin).not.toBe(new URL(sb.url).origin);
    expect(result).toMatchObject({ postStatus: 200, jobStatus: 200, signedStatus: 401, signedCode: 'APIGW.0301' });
    expect(result.jobId).toMatch(/^[0-9a-f]{32}$/);
    expect(result.requestId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('refuses a page of a foreign origin: the preflight fails, and a blind no-cors request is not processed', async () => {
    const tab = await browser.newPage();
    await tab.goto(pageUrl.replace('localhost', 'evil.test'));
    const before = sb.stats().jobs;
    const result = await tab.evaluate(
      async ({ base, payload }) => {
        const withAuth = await fetch(`${base}/v2/cloudimages/quickimport/action`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-Auth-Token': 'browser-token' },
          body: JSON.stringify(payload),
        }).then(
          (r) => `answered ${r.status}`,
          (e: Error) => `refused: ${e.name}`,
        );
        // A "simple" request the browser sends without a preflight; the page could never read the answer.
        const blind = await fetch(`${base}/v2/cloudimages/quickimport/action`, { method: 'POST', mode: 'no-cors', body: JSON.stringify(payload) }).then(
          (r) => r.type,
          (e: Error) => `refused: ${e.name}`,
        );
        return { origin: location.origin, withAuth, blind };
      },
      { base: sb.url, payload: body(`${BUCKET}:images/good.raw`) },
    );
    expect(result.origin).toMatch(/^http:\/\/evil\.test:\d+$/);
    expect(result.withAuth).toBe('refused: TypeError');
    expect(result.blind).toBe('opaque');
    expect(sb.stats().jobs).toBe(before);
    const direct = await fetch(`${sb.url}/v1/cloudimages/os_version`, { headers: { Origin: result.origin, 'X-Auth-Token': 'browser-token' } });
    expect(direct.status).toBe(403);
    expect(direct.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a DNS-rebound page: same origin to the browser, but Host names another site', async () => {
    const tab = await browser.newPage();
    const rebound = `http://evil.test:${new URL(sb.url).port}`;
    const first = await tab.goto(`${rebound}/`);
    expect(first?.status()).toBe(404);
    const result = await tab.evaluate(async () => {
      const r = await fetch('/v1/cloudimages/os_version', { headers: { 'X-Auth-Token': 'browser-token' } });
      return { origin: location.origin, status: r.status, body: await r.json() };
    });
    expect(result.origin).toBe(rebound);
    expect(result.status).toBe(404);
    expect(result.body.error_code).toBe('APIGW.0101');
    expect(result.body.error_msg).toMatch(/does not answer for Host "evil\.test:/);
  });
});
