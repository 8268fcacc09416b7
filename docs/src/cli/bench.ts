// `pnpm bench`: page weight of both editions, and the time from navigation to the first operation being
// visible (deep link) in headless Chromium, from file:// and from a loopback server, against the same page
// with its snapshots removed (what Redoc alone does). Measured, not asserted: numbers go to the README.
// Besides wall time it reports the renderer main thread's CPU time (CDP Performance ThreadTime), which
// other load on the machine inflates far less. Each run uses a fresh tab; nothing is cached (the server
// sends no-store, file:// is read each time).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { guardOutsideRequests, launchBrowser } from '../browser.js';
import { EDITIONS, LOCALES } from '../i18n/locales.js';
import { DIST_DIR, editionDir } from '../paths.js';
import { BOOT_SCRIPT } from '../prerender.js';
import { editionSource } from '../site-build.js';
import { deepLink, operationHeading } from '../site-pages.js';
import { listOperations, loadBundle } from '../spec-source.js';
import { serveDirectory } from '../static-server.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const bundle = loadBundle();
const kib = (n: number): string => `${(n / 1024).toFixed(0)} KiB`;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) / 2] ?? 0) : ((s[s.length / 2 - 1] ?? 0) + (s[s.length / 2] ?? 0)) / 2;
};
const range = (xs: number[]): string => `${median(xs).toFixed(0)} ms (${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)})`;

const scratch = mkdtempSync(join(tmpdir(), 'ims-docs-bench-'));
const browser = await launchBrowser();
const server = await serveDirectory(DIST_DIR);
try {
  for (const locale of LOCALES) {
    const { dir } = EDITIONS[locale];
    const htmlPath = join(editionDir(dir), 'index.html');
    const html = readFileSync(htmlPath);
    const doc = editionSource(bundle, locale).doc;
    const [first] = listOperations(doc);
    if (!first) throw new Error('the bundle has no operations');
    // The same page with the boot script removed: Redoc renders the route itself, as before snapshots.
    const plain = join(scratch, `${locale}.html`);
    const text = html.toString('utf8');
    if (!text.includes(BOOT_SCRIPT)) throw new Error(`${htmlPath} has no snapshots (built with DOCS_PRERENDER=off?)`);
    writeFileSync(plain, text.replace(`<script>${BOOT_SCRIPT}</script>`, ''));

    console.log(`\n${locale} (${dir ? `dist/${dir}/index.html` : 'dist/index.html'}), one file, no other request:`);
    console.log(`  raw ${kib(html.length)}, gzip ${kib(gzipSync(html, { level: 9 }).length)}, brotli ${kib(brotliCompressSync(html).length)}`);
    const targets: Array<[string, string]> = [
      ['file://', pathToFileURL(htmlPath).href],
      ['loopback HTTP', `${server.url}${dir ? `${dir}/` : ''}index.html`],
      ['file://, no snapshots', pathToFileURL(plain).href],
    ];
    const results: Record<string, { wall: number[]; cpu: number[] }> = {};
    for (let run = 0; run < RUNS + 1; run++) {
      for (const [name, url] of targets) {
        const page = await browser.context.newPage();
        const outside = await guardOutsideRequests(page);
        await page.goto('about:blank');
        const cdp = await browser.context.newCDPSession(page);
        await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
        const threadTime = async (): Promise<number> => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? 0;
        const cpu0 = await threadTime();
        const started = performance.now();
        await page.goto(`${url}${deepLink(first)}`, { waitUntil: 'commit' });
        await operationHeading(page, first).waitFor({ state: 'visible', timeout: 60_000 });
        const wall = performance.now() - started;
        const cpu = ((await threadTime()) - cpu0) * 1000;
        if (outside.length) throw new Error(`requests left the page: ${outside.join(', ')}`);
        await page.close();
        if (run === 0) continue; // warm-up: the first run also pays for starting the renderer
        const r = (results[name] ??= { wall: [], cpu: [] });
        r.wall.push(wall);
        r.cpu.push(cpu);
      }
    }
    console.log(`  navigation → first operation ("${first.operation.summary}") visible, ${deepLink(first)}, ${RUNS} runs after 1 warm-up, median (min–max):`);
    for (const [name, r] of Object.entries(results)) console.log(`    ${name.padEnd(22)} wall ${range(r.wall)}, main-thread CPU ${range(r.cpu)}`);
    const withSnap = results['file://'];
    const without = results['file://, no snapshots'];
    if (withSnap && without) {
      console.log(`    ratio without / with snapshots (file://): wall ${(median(without.wall) / median(withSnap.wall)).toFixed(2)}×, main-thread CPU ${(median(without.cpu) / median(withSnap.cpu)).toFixed(2)}×`);
    }
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(scratch, { recursive: true, force: true });
}
