// The fast first view (prerender.ts) in real Chromium: with Redoc's script kept from starting, a deep link
// still shows its operation, in both editions, from the snapshot alone, and nothing leaves the page. The
// control removes the snapshots as the page is parsed and sees no operation: the first test can fail.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardOutsideRequests, launchBrowser, type Browser } from './browser.js';
import { pageWithoutRedoc } from './test-support/first-view.js';
import { EDITIONS } from './i18n/locales.js';
import { editionDir, SITE_HTML } from './paths.js';
import { editionSource } from './site-build.js';
import { deepLink, openFromSidebar, operationHeading } from './site-pages.js';
import { findOperation, listOperations, loadBundle } from './spec-source.js';

const bundle = loadBundle();
const editions = [
  { name: 'English', html: SITE_HTML, doc: bundle },
  { name: 'Chinese', html: join(editionDir(EDITIONS['zh-CN'].dir), 'index.html'), doc: editionSource(bundle, 'zh-CN').doc },
];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('the first view, before Redoc runs', () => {
  for (const edition of editions) {
    it(`shows every operation of the ${edition.name} edition by deep link from its snapshot`, async () => {
      for (const entry of listOperations(edition.doc)) {
        // A fresh tab per link: a second goto that changes only the fragment would not load the page again.
        const { page, outside } = await pageWithoutRedoc(browser);
        await page.goto(`${pathToFileURL(edition.html).href}${deepLink(entry)}`);
        await operationHeading(page, entry).waitFor({ state: 'visible' });
        // Redoc's module did try to start (and got the dead URL): the heading came from the snapshot.
        await page.waitForFunction(() => (window as unknown as { redocStarts: number }).redocStarts === 1);
        expect(outside).toEqual([]);
        await page.close();
      }
    });
  }

  it("shows a guide's section from the guide's snapshot", async () => {
    const { page, outside } = await pageWithoutRedoc(browser);
    await page.goto(`${pathToFileURL(SITE_HTML).href}#/authentication/worked-example`);
    await page.locator('#redoc main h1, #redoc main h2').filter({ hasText: /^\s*Worked example\s*$/ }).first().waitFor({ state: 'visible' });
    expect(outside).toEqual([]);
    await page.close();
  });

  it('shows no operation without the snapshots (the check can fail)', async () => {
    const { page } = await pageWithoutRedoc(browser, { dropSnapshots: true });
    const [first] = listOperations(bundle);
    if (!first) throw new Error('no operation');
    await page.goto(`${pathToFileURL(SITE_HTML).href}${deepLink(first)}`);
    await page.waitForTimeout(1500);
    expect(await operationHeading(page, first).isVisible()).toBe(false);
    await page.close();
  });
});

/**
 * A tab where Redoc's start waits for the test: the page's module waits for one animation frame before it
 * starts Redoc, and that first frame callback is held until `window.releaseRedoc()`.
 */
async function pageWithRedocHeld(): Promise<{ page: Page; outside: string[] }> {
  const page = await browser.context.newPage();
  const outside = await guardOutsideRequests(page);
  await page.addInitScript(() => {
    const w = window as unknown as { held?: FrameRequestCallback; releaseRedoc(): void };
    const raf = window.requestAnimationFrame.bind(window);
    window.requestAnimationFrame = (callback) => {
      if (w.held) return raf(callback);
      w.held = callback;
      return 0;
    };
    w.releaseRedoc = () => {
      window.requestAnimationFrame = raf;
      if (w.held) raf(w.held);
    };
  });
  return { page, outside };
}

describe('a sidebar click before Redoc runs', () => {
  const siteUrl = pathToFileURL(SITE_HTML).href;
  const images = (page: Page) => page.locator('#redoc main h1, #redoc main h2').filter({ hasText: /^\s*Images\s*$/ }).first();

  // Redoc's server-rendered sidebar links are href="/images": followed as plain links they lead to
  // file:///images, an error page. The boot script routes them as Redoc would.
  it('stays on the page and shows the clicked route from its snapshot', async () => {
    const { page, outside } = await pageWithoutRedoc(browser);
    await page.goto(siteUrl);
    await page.getByRole('link', { name: 'Images', exact: true }).first().click();
    await images(page).waitFor({ state: 'visible' });
    expect(page.url()).toBe(`${siteUrl}#/images`);
    expect(outside).toEqual([]);
    await page.close();
  });

  it('then Redoc takes over at the clicked route, and its sidebar works', async () => {
    const { page, outside } = await pageWithRedocHeld();
    await page.goto(siteUrl);
    await page.waitForFunction(() => (window as unknown as { held?: unknown }).held !== undefined);
    await page.getByRole('link', { name: 'Images', exact: true }).first().click();
    await images(page).waitFor({ state: 'visible' });
    expect(await page.locator('html[data-ims-redoc]').count()).toBe(0);

    await page.evaluate(() => (window as unknown as { releaseRedoc(): void }).releaseRedoc());
    await page.locator('html[data-ims-redoc="started"]').waitFor({ state: 'attached' });
    const quickImport = findOperation(bundle, 'importImageQuick');
    await openFromSidebar(page, quickImport);
    expect(page.url()).toBe(`${siteUrl}${deepLink(quickImport)}`);
    expect(outside).toEqual([]);
    await page.close();
  });
});
