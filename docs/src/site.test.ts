// The built page in real headless Chromium: loads from file:// and from a loopback server, makes no request
// that leaves the machine, shows every operation, the body variants, search, the guides and the catalog.
// Loading the 3.6 MB page costs seconds, so each origin is loaded once and its checks share the page.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computeWorkedExample, loadVector } from './aksk-example.js';
import { guardOutsideRequests } from './browser.js';
import { readCatalog } from './error-catalog.js';
import { ARTIFACTS_DIR, SITE_HTML } from './paths.js';
import { checkBodyVariants, deepLink, openFromSidebar, openGuideSection, openSite, operationHeading } from './site-pages.js';
import { findOperation, listOperations, loadBundle } from './spec-source.js';
import { useSharedPage, useSiteSession } from './test-support/site-session.js';

const bundle = loadBundle();
const operations = listOperations(bundle);

const site = useSiteSession();

describe.sequential('the site from file://', () => {
  const view = useSharedPage(site, () => pathToFileURL(SITE_HTML).href);

  it('shows every operation of the spec, reached through the sidebar', async () => {
    for (const entry of operations) await openFromSidebar(view.page, entry);
  });

  it('switches the request body between ECS, BMS and DataImage: os_version vs os_type', async () => {
    const quickImport = findOperation(bundle, 'importImageQuick');
    await openFromSidebar(view.page, quickImport);
    await checkBodyVariants(view.page);
    await view.page.screenshot({ path: join(ARTIFACTS_DIR, 'quick-import-dataimage.png') });
  });

  it('finds min_disk with the search box', async () => {
    await view.page.getByText('Search', { exact: false }).first().click();
    const input = view.page.getByPlaceholder(/search/i).first();
    await input.waitFor({ state: 'visible' });
    await input.fill('min_disk');
    const hit = view.page.getByText(/^request fields →/).first();
    await hit.waitFor({ state: 'visible' });
    expect(await hit.evaluate((e) => e.parentElement?.textContent ?? '')).toContain('min_disk');
    await view.page.keyboard.press('Escape');
    await input.waitFor({ state: 'hidden' });
  });

  it('shows a guide section: the AK/SK worked example with its signature', async () => {
    await openGuideSection(view.page, 'Authentication', 'Worked example');
    const { signature } = computeWorkedExample(loadVector().input);
    const shown = view.page.getByText(signature, { exact: true }).first();
    await shown.scrollIntoViewIfNeeded();
    await shown.waitFor({ state: 'visible' });
    await view.page.screenshot({ path: join(ARTIFACTS_DIR, 'guide-authentication.png') });
  });

  it('shows the error catalog, IMG and APIGW codes alike', async () => {
    await openGuideSection(view.page, 'Errors', 'Error catalog');
    for (const schema of ['ImgErrorCode', 'ApigwErrorCode']) {
      const last = readCatalog(bundle, schema).at(-1);
      if (!last) throw new Error(`${schema} has an empty catalog`);
      const row = view.page.locator('tr').filter({ hasText: last.code }).first();
      await row.scrollIntoViewIfNeeded();
      await row.waitFor({ state: 'visible' });
      expect(await row.textContent()).toContain(last.message);
    }
    await view.page.screenshot({ path: join(ARTIFACTS_DIR, 'error-catalog.png') });
  });

  it('sent no request outside the page the whole time', () => {
    expect(view.outside).toEqual([]);
  });
});

describe.sequential('the site from a loopback server', () => {
  it('opens every operation by deep link, and nothing leaves the page', async () => {
    const page = await site.browser.context.newPage();
    const outside = await guardOutsideRequests(page);
    // The first link loads the page; the others change the fragment of the loaded page, as a reader's
    // click on a shared link inside the docs would.
    for (const [i, entry] of operations.entries()) {
      if (i === 0) await openSite(page, `${site.server.url}${deepLink(entry)}`);
      else await page.evaluate((hash) => (window.location.hash = hash), deepLink(entry));
      await operationHeading(page, entry).waitFor({ state: 'visible' });
    }
    expect(outside).toEqual([]);
    await page.close();
  });
});

describe('the request counter', () => {
  it('would notice a request leaving the page (the check can fail)', async () => {
    const page = await site.browser.context.newPage();
    const outside = await guardOutsideRequests(page);
    await page.goto('about:blank');
    await page.setContent('<img src="http://192.0.2.1/probe.png">');
    await page.waitForTimeout(300);
    expect(outside).toEqual(['http://192.0.2.1/probe.png']);
    await page.close();
  });
});
