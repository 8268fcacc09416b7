// The built page in real headless Chromium: loads from file:// and from a loopback server, makes no request
// that leaves the machine, shows every operation, the body variants, search, the guides and the catalog.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardOutsideRequests, launchBrowser, type Browser } from './browser.js';
import { readCatalog } from './error-catalog.js';
import { loadVector, computeWorkedExample } from './aksk-example.js';
import { ARTIFACTS_DIR, DIST_DIR, SITE_HTML } from './paths.js';
import { deepLink, openFromSidebar, openGuideSection, operationHeading } from './site-pages.js';
import { listOperations, loadBundle } from './spec-source.js';
import { serveDirectory, type StaticServer } from './static-server.js';

const bundle = loadBundle();
const operations = listOperations(bundle);
const fileUrl = pathToFileURL(SITE_HTML).href;

let browser: Browser;
let server: StaticServer;

async function open(url: string): Promise<{ page: Page; outside: string[] }> {
  const page = await browser.context.newPage();
  const outside = await guardOutsideRequests(page);
  await page.goto(url);
  return { page, outside };
}

beforeAll(async () => {
  browser = await launchBrowser();
  server = await serveDirectory(DIST_DIR);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the site in Chromium', () => {
  it('loads from file://, shows every operation, and nothing leaves the page', async () => {
    const { page, outside } = await open(fileUrl);
    for (const entry of operations) await openFromSidebar(page, entry);
    expect(outside).toEqual([]);
    await page.close();
  });

  it('loads from a loopback server and opens operations by deep link, with nothing leaving the page', async () => {
    const { page, outside } = await open(server.url);
    const [first] = operations;
    if (!first) throw new Error('no operations');
    await openFromSidebar(page, first);
    for (const entry of operations) {
      await page.goto(`${server.url}${deepLink(entry)}`);
      await operationHeading(page, entry).waitFor({ state: 'visible' });
    }
    expect(outside).toEqual([]);
    await page.close();
  });

  it('switches the request body between ECS, BMS and DataImage: os_version vs os_type', async () => {
    const { page, outside } = await open(fileUrl);
    const quickImport = operations.find((e) => e.operationId === 'importImageQuick');
    if (!quickImport) throw new Error('importImageQuick is not in the bundle');
    await openFromSidebar(page, quickImport);
    const body = page.locator('[id$="/request/body"]').first();
    const field = (name: string) => body.locator(`[id$="/${name}"]`).filter({ visible: true });
    for (const variant of ['ECS', 'BMS']) {
      await page.getByRole('tab', { name: variant, exact: true }).first().click();
      await field('os_version').first().waitFor({ state: 'visible' });
      expect(await field('os_type').count(), `${variant} shows no os_type`).toBe(0);
    }
    await page.getByRole('tab', { name: 'DataImage', exact: true }).first().click();
    await field('os_type').first().waitFor({ state: 'visible' });
    await field('os_type').first().scrollIntoViewIfNeeded();
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'quick-import-dataimage.png') });
    expect(outside).toEqual([]);
    await page.close();
  });

  it('finds min_disk with the search box', async () => {
    const { page } = await open(fileUrl);
    await page.getByText('Search', { exact: false }).first().click();
    const input = page.getByPlaceholder(/search/i).first();
    await input.waitFor({ state: 'visible' });
    await input.fill('min_disk');
    const hit = page.getByText(/^request fields →/).first();
    await hit.waitFor({ state: 'visible' });
    expect(await hit.evaluate((e) => e.parentElement?.textContent ?? '')).toContain('min_disk');
    await page.close();
  });

  it('shows a guide section with the worked AK/SK example, and the error catalog', async () => {
    const { page, outside } = await open(fileUrl);
    await openGuideSection(page, 'Authentication', 'Worked example');
    const { signature } = computeWorkedExample(loadVector().input);
    await page.getByText(signature, { exact: true }).first().waitFor({ state: 'visible' });
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'guide-authentication.png') });

    await openGuideSection(page, 'Errors', 'Error catalog');
    for (const schema of ['ImgErrorCode', 'ApigwErrorCode']) {
      const last = readCatalog(bundle, schema).at(-1);
      const row = page.locator('tr').filter({ hasText: last?.code ?? '?' }).first();
      await row.scrollIntoViewIfNeeded();
      await row.waitFor({ state: 'visible' });
      expect(await row.textContent()).toContain(last?.message);
    }
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'error-catalog.png') });
    expect(outside).toEqual([]);
    await page.close();
  });

  it('would notice a request leaving the page (the counter can fail)', async () => {
    const page = await browser.context.newPage();
    const outside = await guardOutsideRequests(page);
    await page.goto(`${server.url}index.html`);
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'http://192.0.2.1/probe.png';
      document.body.append(img);
    });
    await page.waitForTimeout(300);
    // The page's CSP stops the image before any request is made...
    expect(outside).toEqual([]);
    // ...and the same image on a page without the CSP is seen and counted.
    await page.setContent('<img src="http://192.0.2.1/probe.png">');
    await page.waitForTimeout(300);
    expect(outside).toEqual(['http://192.0.2.1/probe.png']);
    await page.close();
  });
});
