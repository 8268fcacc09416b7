// Headless Debian Chromium through playwright-core, set up the same way for tests and bench: a fresh
// profile directory, no background networking, and a route handler that lets only the page itself and
// loopback through and records (and aborts) everything else.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'ims-docs-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 1000 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** True for URLs that stay on this machine: the file itself, inline data, and loopback servers. */
export function isLocalUrl(url: string): boolean {
  if (/^(?:file|data|blob|about):/i.test(url)) return true;
  try {
    const { protocol, hostname } = new URL(url);
    return (protocol === 'http:' || protocol === 'https:') && ['127.0.0.1', 'localhost', '[::1]'].includes(hostname);
  } catch {
    return false;
  }
}

/** Aborts and records every request that would leave the machine. */
export async function guardOutsideRequests(page: Page): Promise<string[]> {
  const outside: string[] = [];
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (isLocalUrl(url)) await route.continue();
    else {
      outside.push(url);
      await route.abort('blockedbyclient');
    }
  });
  return outside;
}
