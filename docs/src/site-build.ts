// Builds one edition of the site (English at dist/, Chinese at dist/zh-CN/): the edition's document (the
// bundle, or the bundle with the locale's overlay applied), its guides with their generated sections, the
// docs-only spec, then `redocly build-docs` and the offline checks. The code samples are the same in both
// editions: they are code, built from the English bundle.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderWorkedExample } from './aksk-example.js';
import type { OperationSamples } from './code-samples.js';
import { deriveDocsSpec, SAMPLE_LANGUAGES, type RenderedGuide } from './docs-spec.js';
import { renderDecisions } from './decisions.js';
import { renderErrorCatalog } from './error-catalog.js';
import { renderRuleSources } from './rule-sources.js';
import { expandGuide, loadGuides, type Guide } from './guides.js';
import { EDITIONS, type Locale } from './i18n/locales.js';
import { applyOverlay } from './i18n/overlay.js';
import { loadOverlay, localeDir, overlayPath } from './i18n/report.js';
import { loadUiTable, patchRedocTranslate } from './i18n/redoc-ui.js';
import { cspIsClosed, findRemoteLoads, metaCsp } from './offline-check.js';
import { captureSnapshots, embedSnapshots } from './prerender.js';
import { deepLink, tagSlug } from './site-pages.js';
import { listOperations } from './spec-source.js';
import type { OpenApiDocument } from './openapi-types.js';
import { DECISIONS_DIR, editionDir, GUIDES_PATH, PACKAGE_DIR, TEMPLATE_PATH } from './paths.js';

export interface EditionSource {
  doc: OpenApiDocument;
  guides: Guide[];
  /** English guide titles, by file: the tag names of the guides in every edition */
  tagNames: Map<string, string>;
  decisionsDir: string;
}

/** The edition's document and guides. A missing translated guide stops the build (coverage must be 100 %). */
export function editionSource(bundle: OpenApiDocument, locale: Locale): EditionSource {
  const english = loadGuides();
  const tagNames = new Map(english.map((g) => [g.file, g.title]));
  if (locale === 'en') return { doc: bundle, guides: english, tagNames, decisionsDir: DECISIONS_DIR };
  const root = localeDir(locale);
  const { document } = applyOverlay(bundle, loadOverlay(overlayPath(root)));
  // A translation's front matter has its title (read here) and its source hash (read by the coverage check).
  const guides = loadGuides(pathToFileURL(`${join(root, 'guides')}/`));
  const missing = english.filter((g) => !guides.some((t) => t.file === g.file));
  if (missing.length) throw new Error(`${locale}: no translation of ${missing.map((g) => g.file).join(', ')} in ${root}/guides`);
  return { doc: document, guides, tagNames, decisionsDir: join(root, 'decisions') };
}

export interface BuiltEdition {
  html: string;
  htmlPath: string;
  specPath: string;
  guides: number;
  /** routes shown from a build-time snapshot before Redoc's script runs (0 with DOCS_PRERENDER=off) */
  prerendered: number;
}

export async function buildEdition(bundle: OpenApiDocument, locale: Locale, samples: OperationSamples[]): Promise<BuiltEdition> {
  const text = EDITIONS[locale];
  const source = editionSource(bundle, locale);
  const guides: RenderedGuide[] = source.guides.map((guide) => {
    const tag = source.tagNames.get(guide.file) ?? guide.title;
    return {
      title: tag,
      ...(guide.title !== tag ? { displayName: guide.title } : {}),
      markdown: expandGuide(guide, {
        spec: source.doc,
        assetsDir: GUIDES_PATH,
        generated: {
          'error-catalog': () => renderErrorCatalog(bundle, locale),
          'aksk-worked-example': () => renderWorkedExample(undefined, text.workedExample),
          decisions: () => renderDecisions(source.decisionsDir, text.decisionSource),
          'rule-sources': () => renderRuleSources(bundle, locale),
        },
      }),
    };
  });
  const docsSpec = deriveDocsSpec(source.doc, guides, samples, text.groups);
  const dir = editionDir(text.dir);
  mkdirSync(dir, { recursive: true });
  const specPath = join(dir, 'openapi.docs.json');
  const htmlPath = join(dir, 'index.html');
  writeFileSync(specPath, `${JSON.stringify(docsSpec, null, 2)}\n`);
  runBuildDocs(specPath, htmlPath, `${source.doc.info.title} — ${text.titleSuffix}`, locale);
  let html = readFileSync(htmlPath, 'utf8');
  // Redoc's own interface text in the edition's language; written before the snapshots are taken so that
  // the first view shows it too. English has no table: its page is left exactly as build-docs wrote it.
  if (locale !== 'en') {
    html = patchRedocTranslate(html, loadUiTable(localeDir(locale)));
    writeFileSync(htmlPath, html);
  }
  checkOffline(html, htmlPath);
  let prerendered = 0;
  // DOCS_PRERENDER=off builds without Chromium: the same page, only without the fast first view.
  if (process.env.DOCS_PRERENDER !== 'off') {
    // build-docs server-renders the page at its root (no hash) with Redoc's English interface text; a
    // translated edition replaces that view with a snapshot of its own (empty route: no hash).
    const routes = [...(locale === 'en' ? [] : ['']), ...prerenderRoutes(docsSpec)];
    const snapshots = await captureSnapshots(htmlPath, routes).catch((error: Error) => {
      throw new Error(`prerendering ${htmlPath} in headless Chromium failed (install Debian's chromium or set CHROMIUM_PATH; DOCS_PRERENDER=off builds without the fast first view): ${error.message}`);
    });
    prerendered = Object.keys(snapshots.routes).length;
    html = embedSnapshots(html, snapshots);
    writeFileSync(htmlPath, html);
    checkOffline(html, htmlPath);
  }
  return { html, htmlPath, specPath, guides: guides.length, prerendered };
}

/** The routes worth a snapshot: every guide and tag page, and every operation (see prerender.ts). */
export function prerenderRoutes(docsSpec: OpenApiDocument): string[] {
  return [...(docsSpec.tags ?? []).map((t) => `#/${tagSlug(t.name)}`), ...listOperations(docsSpec).map((e) => deepLink(e))];
}

/** Redoc shows only the sample languages its options list, so the list comes from the same table. */
export const REDOC_OPTIONS = {
  codeSamples: { languages: [...SAMPLE_LANGUAGES.map(({ label, lang }) => ({ lang, label })), { lang: 'payload', label: 'Payload' }] },
  jsonSamplesExpandLevel: 3,
  sortRequiredPropsFirst: true,
};

function runBuildDocs(specPath: string, htmlPath: string, title: string, locale: Locale): void {
  const { htmlLang, switchTo } = EDITIONS[locale];
  const redocly = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');
  try {
    execFileSync(process.execPath, [
      redocly, 'build-docs', specPath,
      '--output', htmlPath,
      '--inlineBundle',
      '--template', TEMPLATE_PATH,
      '--title', title,
      '--openapi', JSON.stringify(REDOC_OPTIONS),
      `--templateOptions.lang=${htmlLang}`,
      `--templateOptions.switchHref=${switchTo.href}`,
      `--templateOptions.switchLabel=${switchTo.label}`,
      `--templateOptions.switchLang=${switchTo.hreflang}`,
    ], {
      cwd: PACKAGE_DIR,
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: Buffer; stdout?: Buffer };
    throw new Error(`redocly build-docs failed:\n${stdout?.toString() ?? ''}${stderr?.toString() ?? ''}`);
  }
}

function checkOffline(html: string, htmlPath: string): void {
  const remote = findRemoteLoads(html);
  if (remote.length) throw new Error(`${htmlPath} loads from outside itself:\n${remote.map((r) => `  ${r.kind}: ${r.url}`).join('\n')}`);
  const csp = metaCsp(html);
  if (!csp || !cspIsClosed(csp)) throw new Error(`${htmlPath} needs a Content-Security-Policy meta tag that allows no remote fetch; found: ${csp ?? 'none'}`);
}
