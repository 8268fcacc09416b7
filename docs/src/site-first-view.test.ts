// The fast first view (prerender.ts) in real Chromium: with Redoc's script kept from starting, a deep link
// still shows its operation, in both editions, from the snapshot alone, and nothing leaves the page. The
// control removes the snapshots as the page is parsed and sees no operation: the first test can fail.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardOutsideRequests, launchBrowser, type Browser } from './browser.js';
import { EDITIONS } from './i18n/locales.js';
import { editionDir, SITE_HTML } from './paths.js';
import { editionSource } from './site-build.js';
import { deepLink, operationHeading } from './site-pages.js';
import { listOperations, loadBundle } from './spec-source.js';

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

/** A tab where Redoc's script can never start (its blob: URL is replaced by one that does not exist). */
async function pageWithoutRedoc(options: { dropSnapshots?: boolean } = {}): Promise<{ page: Page; outside: string[] }> {
  const page = await browser.context.newPage();
  const outside = await guardOutsideRequests(page);
  await page.addInitScript((drop) => {
    (window as unknown as { redocStarts: number }).redocStarts = 0;
    URL.createObjectURL = () => {
      (window as unknown as { redocStarts: number }).redocStarts++;
      return 'blob:null/0';
    };
    if (drop) {
      new MutationObserver((records) => {
        for (const r of records) for (const node of r.addedNodes) if ((node as Element).id === 'ims-prerendered') (node as Element).remove();
      }).observe(document, { childList: true, subtree: true });
    }
  }, options.dropSnapshots ?? false);
  return { page, outside };
}

describe('the first view, before Redoc runs', () => {
  for (const edition of editions) {
    it(`shows every operation of the ${edition.name} edition by deep link from its snapshot`, async () => {
      for (const entry of listOperations(edition.doc)) {
        // A fresh tab per link: a second goto that changes only the fragment would not load the page again.
        const { page, outside } = await pageWithoutRedoc();
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
    const { page, outside } = await pageWithoutRedoc();
    await page.goto(`${pathToFileURL(SITE_HTML).href}#/authentication/worked-example`);
    await page.locator('#redoc main h1, #redoc main h2').filter({ hasText: /^\s*Worked example\s*$/ }).first().waitFor({ state: 'visible' });
    expect(outside).toEqual([]);
    await page.close();
  });

  it('shows no operation without the snapshots (the check can fail)', async () => {
    const { page } = await pageWithoutRedoc({ dropSnapshots: true });
    const [first] = listOperations(bundle);
    if (!first) throw new Error('no operation');
    await page.goto(`${pathToFileURL(SITE_HTML).href}${deepLink(first)}`);
    await page.waitForTimeout(1500);
    expect(await operationHeading(page, first).isVisible()).toBe(false);
    await page.close();
  });
});
