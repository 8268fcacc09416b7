// The published dist in real headless Chromium: bundled for the browser with esbuild, served from a
// loopback origin, run on valid and invalid bodies in both locales. The answers must equal Node's, field
// for field (same issues, codes, messages), under a Content-Security-Policy without 'unsafe-eval', and the
// page must make no request beyond its own origin.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { validateQuickImportRequest, validateQuickImportRequestJson } from '../dist/index.js';

const BODIES: unknown[] = [
  { name: 'ubuntu', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'my-bucket:images/u.zvhd2', min_disk: 40, tags: ['env.prod', '环境.测试'] },
  { name: 'bad<name', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'my-bucket:disk.qcow2', min_disk: 0, imageSize: 1 },
  { name: 'd', image_url: 'my-bucket:d.raw', min_disk: 10, type: 'DataImage', os_type: 'Mac', image_tags: [{ key: 'k', value: '1' }, { key: 'k', value: '2' }] },
  { name: 'x'.repeat(129), os_version: 'Windows Server 2019 64bit', image_url: 'my-bucket:w.zvhd2', min_disk: 10, architecture: 'arm', hw_firmware_type: 'bios', tags: [], image_tags: [] },
  ['not', 'an', 'object'],
];

let site: Server;
let origin = '';
let context: BrowserContext;
let profile = '';
const outside: string[] = [];

beforeAll(async () => {
  const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url));
  const js = (await build({ entryPoints: [dist], bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent' })).outputFiles[0]?.text ?? '';
  site = createServer((req, res) => {
    const isScript = req.url === '/validators.js';
    // No 'unsafe-eval': the validators must not need eval or new Function (run-time Ajv does).
    const csp = "default-src 'self'; script-src 'self'";
    res.writeHead(200, { 'content-type': isScript ? 'text/javascript' : 'text/html', 'content-security-policy': csp });
    res.end(isScript ? js : '<!doctype html><meta charset="utf-8"><title>validators</title>');
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  profile = await mkdtemp(join(tmpdir(), 'ims-validators-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  context.on('request', (request) => {
    if (!request.url().startsWith(origin)) outside.push(request.url());
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  await new Promise((resolve) => site?.close(resolve));
  if (profile) await rm(profile, { recursive: true, force: true });
});

it('gives the same verdicts, issues and messages in Chromium as in Node, with eval forbidden', async () => {
  const page = await context.newPage();
  await page.goto(`${origin}/`);
  // Page source, not a function, so the test runner's transforms never touch it.
  const script = `
    const m = await import('/validators.js');
    const bodies = ${JSON.stringify(BODIES)};
    const out = [];
    for (const body of bodies) for (const locale of ['en', 'zh-CN']) out.push(m.validateQuickImportRequest(body, { locale }));
    out.push(m.validateQuickImportRequestJson('{"name":', { locale: 'zh-CN' }));
    let evalBlocked = false;
    try { new Function('return 1'); } catch (e) { evalBlocked = e instanceof EvalError; }
    return { out, evalBlocked };
  `;
  const { out: inBrowser, evalBlocked } = (await page.evaluate(`(async () => {${script}})()`)) as { out: unknown; evalBlocked: boolean };
  expect(evalBlocked, 'the page forbids eval, so the validators ran without it').toBe(true);
  const inNode: unknown[] = [];
  for (const body of BODIES) for (const locale of ['en', 'zh-CN'] as const) inNode.push(validateQuickImportRequest(body, { locale }));
  inNode.push(validateQuickImportRequestJson('{"name":', { locale: 'zh-CN' }));
  expect(inBrowser).toEqual(JSON.parse(JSON.stringify(inNode)));
  const verdicts = (inBrowser as { ok: boolean; issues?: { code: string }[] }[]).map((r) => (r.ok ? 'ok' : r.issues!.map((i) => i.code).join(',')));
  expect(verdicts.slice(0, 2)).toEqual(['ok', 'ok']); // the first body, in both locales
  expect(verdicts.slice(2).every((v) => v !== 'ok')).toBe(true);
  expect(outside).toEqual([]);
});
