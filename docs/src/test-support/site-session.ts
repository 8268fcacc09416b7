// The browser tests of the built site share this setup: one headless Chromium and one loopback server of
// dist/ per test file, and, per describe block that checks one page, that page loaded once (loading the
// 3.6 MB page costs seconds) with a record of every request that tried to leave the machine.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { guardOutsideRequests, launchBrowser, type Browser } from '../browser.js';
import { ARTIFACTS_DIR, DIST_DIR } from '../paths.js';
import { openSite } from '../site-pages.js';
import { serveDirectory, type StaticServer } from '../static-server.js';

export interface SiteSession {
  browser: Browser;
  server: StaticServer;
}

/** Registers the file's hooks; the fields are set once its beforeAll has run. */
export function useSiteSession(): SiteSession {
  const session = {} as SiteSession;
  beforeAll(async () => {
    session.browser = await launchBrowser();
    session.server = await serveDirectory(DIST_DIR);
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  return session;
}

export interface SharedPage {
  page: Page;
  /** URLs the page tried to load from outside the machine (aborted) */
  outside: string[];
}

/** Call inside a describe block: one page of the site at `url()`, opened once Redoc runs, for its tests. */
export function useSharedPage(session: SiteSession, url: () => string): SharedPage {
  const shared = {} as SharedPage;
  beforeAll(async () => {
    shared.page = await session.browser.context.newPage();
    shared.outside = await guardOutsideRequests(shared.page);
    await openSite(shared.page, url());
  });
  afterAll(async () => {
    await shared.page?.close();
  });
  return shared;
}
