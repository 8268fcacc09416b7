// The browser build on a page of its own: dist/index.js (the default export condition, web APIs only)
// bundled by esbuild, served as /client.js from a loopback origin, and Debian's Chromium (playwright-core
// downloads nothing) with a fresh profile. The API servers a test talks to are its own, on other origins.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type BrowserContext, chromium } from 'playwright-core';
import { startServer, type TestServer } from './server.js';

export interface BrowserPage {
  /** The bundled client, as the page loads it. */
  clientJs: string;
  /** Serves `/client.js` and an empty HTML page titled as asked. */
  site: TestServer;
  context: BrowserContext;
  close(): Promise<void>;
}

export async function openBrowserPage(title: string): Promise<BrowserPage> {
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('../../dist/index.js', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const clientJs = bundle.outputFiles[0]?.text ?? '';
  const site = await startServer((rec) =>
    rec.url === '/client.js'
      ? { headers: { 'content-type': 'text/javascript' }, text: clientJs }
      : { headers: { 'content-type': 'text/html' }, text: `<!doctype html><title>${title}</title>` },
  );
  const profile = await mkdtemp(join(tmpdir(), `ims-client-chromium-${title}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    clientJs,
    site,
    context,
    close: async () => {
      await context.close();
      await site.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
