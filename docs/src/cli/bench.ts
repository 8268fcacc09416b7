// `pnpm bench`: page weight, and the time from navigation to the first operation being visible, in
// headless Chromium, from file:// and from a loopback server. Measured, not asserted: numbers go to the
// README. Each run uses a fresh page (the browser and its profile are shared, nothing is cached: the
// server sends no-store and file:// is read each time).
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { guardOutsideRequests, launchBrowser } from '../browser.js';
import { bundlePath, listOperations, loadBundle } from '../spec-source.js';
import { DIST_DIR, SITE_HTML, SITE_SPEC } from '../paths.js';
import { deepLink, operationHeading } from '../site-pages.js';
import { serveDirectory } from '../static-server.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const bundle = loadBundle();
const [first] = listOperations(bundle);
if (!first) throw new Error('the bundle has no operations');

const html = readFileSync(SITE_HTML);
const kib = (n: number): string => `${(n / 1024).toFixed(0)} KiB`;
const specBytes = readFileSync(bundlePath()).length;
const docsSpecBytes = readFileSync(SITE_SPEC).length;
console.log('page weight (dist/index.html, one file, no other request):');
console.log(`  raw ${kib(html.length)}, gzip ${kib(gzipSync(html, { level: 9 }).length)}, brotli ${kib(brotliCompressSync(html).length)}`);
console.log(`  the docs spec it embeds: ${kib(docsSpecBytes)} as JSON (${(html.length / docsSpecBytes).toFixed(1)}× smaller than the page; the bundle alone: ${kib(specBytes)}); the rest is Redoc's inlined bundle and the prerendered HTML`);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) / 2] ?? 0) : ((s[s.length / 2 - 1] ?? 0) + (s[s.length / 2] ?? 0)) / 2;
};

const browser = await launchBrowser();
const server = await serveDirectory(DIST_DIR);
try {
  const targets: Array<[string, string]> = [
    ['file://', pathToFileURL(SITE_HTML).href],
    ['http://127.0.0.1', server.url],
  ];
  const results: Record<string, { firstOp: number[]; domContentLoaded: number[] }> = {};
  for (let run = 0; run < RUNS + 1; run++) {
    for (const [name, base] of targets) {
      const page = await browser.context.newPage();
      const outside = await guardOutsideRequests(page);
      const started = performance.now();
      await page.goto(`${base}${deepLink(first)}`, { waitUntil: 'domcontentloaded' });
      const dcl = performance.now() - started;
      await operationHeading(page, first).waitFor({ state: 'visible', timeout: 60_000 });
      const visible = performance.now() - started;
      if (outside.length) throw new Error(`requests left the page: ${outside.join(', ')}`);
      await page.close();
      if (run === 0) continue; // warm-up: the first run also pays for starting the renderer
      const r = (results[name] ??= { firstOp: [], domContentLoaded: [] });
      r.firstOp.push(visible);
      r.domContentLoaded.push(dcl);
    }
  }
  console.log(`\nnavigation → first operation ("${first.operation.summary}") visible, deep link ${deepLink(first)}, ${RUNS} runs after 1 warm-up, median (min–max):`);
  for (const [name, r] of Object.entries(results)) {
    const ms = (xs: number[]): string => `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;
    console.log(`  ${name.padEnd(18)} DOMContentLoaded ${ms(r.domContentLoaded)}, first operation visible ${ms(r.firstOp)}`);
  }
  const f = results['file://'];
  const h = results['http://127.0.0.1'];
  if (f && h) console.log(`  ratio loopback / file:// (first operation visible): ${(median(h.firstOp) / median(f.firstOp)).toFixed(2)}`);
} finally {
  await browser.close();
  await server.close();
}
