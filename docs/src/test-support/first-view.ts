// The first view (prerender.ts) on its own: a tab where Redoc's script can never start, so what the page
// shows is the snapshot the build embedded. Shared by the first-view and the Chinese-edition tests.
import type { Page } from 'playwright-core';
import { guardOutsideRequests, type Browser } from '../browser.js';

/**
 * A tab where Redoc's script can never start (its blob: URL is replaced by one that does not exist);
 * `window.redocStarts` counts its attempts. With `dropSnapshots`, the snapshots are removed as the page is
 * parsed (the control: then nothing but the server-rendered page is left).
 */
export async function pageWithoutRedoc(browser: Browser, options: { dropSnapshots?: boolean } = {}): Promise<{ page: Page; outside: string[] }> {
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
