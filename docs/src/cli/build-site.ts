// `pnpm build`: for each edition (English at dist/, Chinese at dist/zh-CN/), bundle → docs-only spec
// (guides, error catalog, code samples) → Redoc page that needs no network → checks. See site-build.ts.
import { gzipSync } from 'node:zlib';
import { buildSamples } from '../code-samples.js';
import { LOCALES } from '../i18n/locales.js';
import { buildEdition } from '../site-build.js';
import { loadBundle } from '../spec-source.js';

const started = performance.now();
const bundle = loadBundle();
const samples = buildSamples(bundle);
const kib = (n: number): string => `${(n / 1024).toFixed(0)} KiB`;
try {
  for (const locale of LOCALES) {
    const { html, htmlPath, guides, prerendered } = await buildEdition(bundle, locale, samples);
    console.log(`built ${htmlPath} (${locale}, ${kib(Buffer.byteLength(html))}, ${kib(gzipSync(html).length)} gzip): ${guides} guides, ${prerendered} routes prerendered`);
  }
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
console.log(`spec ${bundle.info.version}, ${Object.keys(bundle.paths).length} paths, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
