// The Pages tree in real headless Chromium (Debian's, through playwright-core): built from the real docs
// build plus an earlier version, served the way GitHub Pages serves it, and also opened from file://.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docsDist } from '../test/docs-fixture.js';
import { servePages, type PagesServer } from '../test/pages-server.js';
import { buildPagesTree, type PagesTreeResult } from './pages-tree.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const realDocs = join(repo, 'docs/dist');
const zhBuilt = existsSync(join(realDocs, 'zh-CN/index.html'));
const BASE = '/ims-quick-import';

let work: string;
let site: string;
let tree: PagesTreeResult;
let server: PagesServer;
let context: BrowserContext;
const outside: string[] = [];

beforeAll(async () => {
  if (!existsSync(join(realDocs, 'index.html'))) throw new Error('docs/dist/index.html is missing: run `pnpm build` (turbo builds docs before these tests)');
  work = mkdtempSync(join(tmpdir(), 'pages-browser-'));
  const old = docsDist('0.9.0');
  buildPagesTree({ docsDist: old, out: join(work, 'previous') });
  rmSync(old, { recursive: true, force: true });
  site = join(work, 'site');
  tree = buildPagesTree({ docsDist: realDocs, out: site, previous: join(work, 'previous'), basePath: BASE });
  server = await servePages(site, BASE);
  context = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // Only the page's own server and file:// may be reached; anything else is recorded and aborted.
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    if (url.startsWith(server.origin) || /^(file|data|blob|about):/.test(url)) await route.continue();
    else {
      outside.push(url);
      await route.abort('blockedbyclient');
    }
  });
}, 120_000);

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function menuLinks(page: Page): Promise<Array<{ text: string; href: string; current: boolean }>> {
  await page.locator('#ims-version-menu summary').click();
  return page.locator('#ims-version-menu a').evaluateAll((as) =>
    as.map((a) => ({ text: (a.textContent ?? '').trim(), href: (a as HTMLAnchorElement).href, current: a.getAttribute('aria-current') === 'page' })));
}

async function status(url: string): Promise<number> {
  return (await fetch(url, { redirect: 'manual' })).status;
}

describe('the Pages tree in Chromium', () => {
  it('shows the version menu on the latest page; every link stays in the site and resolves', async () => {
    const page = await context.newPage();
    await page.goto(`${server.origin}${BASE}/`);
    await expect.poll(() => page.locator('#redoc').count()).toBe(1);
    await page.locator('#ims-version-menu').waitFor({ state: 'visible' });
    expect(await page.locator('#ims-version-menu summary').innerText()).toBe(`Spec version ${tree.versions.latest} (latest)`);
    const links = await menuLinks(page);
    expect(links.map((l) => l.text)).toEqual([`latest (${tree.versions.latest})`, `v${tree.versions.latest}`, 'v0.9.0']);
    expect(links[0]?.current).toBe(true);
    for (const l of links) {
      expect(l.href.startsWith(`${server.origin}${BASE}/`), l.href).toBe(true);
      expect(await status(l.href), l.href).toBe(200);
    }
    await page.locator('#ims-version-menu a', { hasText: 'v0.9.0' }).click();
    await page.waitForURL(`${server.origin}${BASE}/v0.9.0/index.html`);
    expect(await page.locator('h1').innerText()).toBe('English 0.9.0');
    const back = await menuLinks(page);
    expect(back.find((l) => l.current)?.text).toBe('v0.9.0');
    await page.close();
    expect(outside).toEqual([]);
  });

  it('serves versions.json and the Chinese edition when it is built', async () => {
    const versions = await (await fetch(`${server.origin}${BASE}/versions.json`)).json();
    expect(versions).toEqual(tree.versions);
    const latest = tree.versions.versions.find((v) => v.version === tree.versions.latest);
    if (!zhBuilt) {
      // Before the Chinese edition exists the site goes out without it, and says so in versions.json.
      expect(latest?.editions).toEqual({ en: `v${tree.versions.latest}/index.html` });
      expect(await status(`${server.origin}${BASE}/zh-CN/`)).toBe(404);
      return;
    }
    expect(latest?.editions['zh-CN']).toBe(`v${tree.versions.latest}/zh-CN/index.html`);
    const page = await context.newPage();
    await page.goto(`${server.origin}${BASE}/zh-CN/`);
    await page.locator('#ims-version-menu').waitFor({ state: 'visible' });
    expect(await page.locator('#ims-version-menu summary').innerText()).toBe(`规范版本 ${tree.versions.latest}（最新）`);
    const links = await menuLinks(page);
    expect(links.map((l) => l.href.slice(server.origin.length))).toEqual([
      `${BASE}/zh-CN/index.html`, `${BASE}/v${tree.versions.latest}/zh-CN/index.html`, `${BASE}/v0.9.0/index.html`,
    ]);
    for (const l of links) expect(await status(l.href), l.href).toBe(200);
    await page.close();
    expect(outside).toEqual([]);
  });

  it('answers a missing page with the 404 page, whose links lead back into the site', async () => {
    const page = await context.newPage();
    const res = await page.goto(`${server.origin}${BASE}/v0.1.0/no/such/page.html`);
    expect(res?.status()).toBe(404);
    expect(await page.locator('h1').innerText()).toBe('Page not found');
    const hrefs = await page.locator('a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs.length).toBeGreaterThanOrEqual(2);
    for (const h of hrefs) expect(await status(h), h).toBe(200);
    await page.locator('#latest a').first().click();
    await page.locator('#ims-version-menu').waitFor({ state: 'visible' });
    expect(page.url()).toBe(`${server.origin}${BASE}/index.html`);
    await page.close();
    expect(outside).toEqual([]);
  });

  it('works from file:// too: the menu of a version page links to files of the tree', async () => {
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(site, `v${tree.versions.latest}/index.html`)).href);
    await page.locator('#ims-version-menu').waitFor({ state: 'visible' });
    const links = await menuLinks(page);
    expect(links.find((l) => l.current)?.text).toBe(`v${tree.versions.latest}`);
    for (const l of links) expect(existsSync(fileURLToPath(l.href)), l.href).toBe(true);
    await page.close();
    expect(outside).toEqual([]);
  });
});
