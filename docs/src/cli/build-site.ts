// `pnpm build`: bundle → docs-only spec (guides, error catalog, code samples) → Redoc page that needs no
// network → checks. Output: dist/openapi.docs.json and dist/index.html.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { renderWorkedExample } from '../aksk-example.js';
import { buildSamples } from '../code-samples.js';
import { deriveDocsSpec, SAMPLE_LANGUAGES } from '../docs-spec.js';
import { renderDecisions } from '../decisions.js';
import { renderErrorCatalog } from '../error-catalog.js';
import { renderRuleSources } from '../rule-sources.js';
import { expandGuide, loadGuides } from '../guides.js';
import { cspIsClosed, findRemoteLoads, metaCsp } from '../offline-check.js';
import { DECISIONS_DIR, DIST_DIR, GUIDES_PATH, PACKAGE_DIR, SITE_HTML, SITE_SPEC, TEMPLATE_PATH } from '../paths.js';
import { loadBundle } from '../spec-source.js';

const started = performance.now();
const bundle = loadBundle();
const guides = loadGuides().map((guide) => ({
  title: guide.title,
  markdown: expandGuide(guide, {
    spec: bundle,
    assetsDir: GUIDES_PATH,
    generated: {
      'error-catalog': () => renderErrorCatalog(bundle),
      'rule-sources': () => renderRuleSources(bundle),
      'aksk-worked-example': () => renderWorkedExample(),
      decisions: () => renderDecisions(DECISIONS_DIR),
    },
  }),
}));
const docsSpec = deriveDocsSpec(bundle, guides, buildSamples(bundle));
mkdirSync(DIST_DIR, { recursive: true });
writeFileSync(SITE_SPEC, `${JSON.stringify(docsSpec, null, 2)}\n`);

// Redoc shows only the sample languages its options list (plus the example payload), so the list is made
// from the same table deriveDocsSpec used.
const redocOptions = {
  codeSamples: { languages: [...SAMPLE_LANGUAGES.map(({ label, lang }) => ({ lang, label })), { lang: 'payload', label: 'Payload' }] },
  jsonSamplesExpandLevel: 3,
  sortRequiredPropsFirst: true,
};
const redocly = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
try {
  execFileSync(process.execPath, [
    redocly, 'build-docs', SITE_SPEC,
    '--output', SITE_HTML,
    '--inlineBundle',
    '--template', TEMPLATE_PATH,
    '--title', `${bundle.info.title} — API reference and guides`,
    '--openapi', JSON.stringify(redocOptions),
  ], {
    cwd: PACKAGE_DIR,
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
} catch (error) {
  const { stderr, stdout } = error as { stderr?: Buffer; stdout?: Buffer };
  console.error(`redocly build-docs failed:\n${stdout?.toString() ?? ''}${stderr?.toString() ?? ''}`);
  process.exit(1);
}

const html = readFileSync(SITE_HTML, 'utf8');
const remote = findRemoteLoads(html);
if (remote.length) {
  console.error(`dist/index.html loads from outside itself:\n${remote.map((r) => `  ${r.kind}: ${r.url}`).join('\n')}`);
  process.exit(1);
}
const csp = metaCsp(html);
if (!csp || !cspIsClosed(csp)) {
  console.error(`dist/index.html needs a Content-Security-Policy meta tag that allows no remote fetch; found: ${csp ?? 'none'}`);
  process.exit(1);
}
const kib = (n: number): string => `${(n / 1024).toFixed(0)} KiB`;
console.log(
  `built dist/index.html (${kib(Buffer.byteLength(html))}, ${kib(gzipSync(html).length)} gzip) from spec ${bundle.info.version}: ` +
    `${guides.length} guides, ${Object.keys(bundle.paths).length} paths, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
