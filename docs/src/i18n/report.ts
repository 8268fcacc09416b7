// The translation status of one locale, over everything the Chinese edition translates: the spec texts
// (overlay), the guides and the decision records (Markdown), and the Chinese messages and hints of the
// error catalog (which live in the spec itself). Used by the `translations` tool and by `pnpm check:pr`.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { readCatalog } from '../error-catalog.js';
import type { OpenApiDocument } from '../openapi-types.js';
import { DECISIONS_DIR, GUIDES_PATH, I18N_DIR } from '../paths.js';
import { overlayCoverage, type OverlayCoverage } from './coverage.js';
import { markdownCoverage, type MarkdownCoverage } from './markdown.js';
import { assertOverlay, type OverlayDocument } from './overlay.js';

export const TRANSLATED_LOCALE = 'zh-CN';

/** docs/i18n/<locale>: openapi.overlay.yaml, guides/, decisions/ */
export const localeDir = (locale = TRANSLATED_LOCALE, i18nDir = I18N_DIR): string => join(i18nDir, locale);

export const overlayPath = (root: string): string => join(root, 'openapi.overlay.yaml');

export function loadOverlay(path: string): OverlayDocument {
  const parsed = parseYaml(readFileSync(path, 'utf8')) as unknown;
  assertOverlay(parsed, path);
  return parsed;
}

export interface CatalogGap {
  code: string;
  field: 'zh' | 'zhHint';
}

export interface TranslationReport {
  locale: string;
  spec: OverlayCoverage;
  guides: MarkdownCoverage;
  decisions: MarkdownCoverage;
  catalog: { total: number; gaps: CatalogGap[] };
  /** everything checked, and how much of it is translated and current */
  total: number;
  current: number;
  /** true when nothing is stale, missing, orphaned or malformed */
  complete: boolean;
}

export function translationReport(bundle: OpenApiDocument, root: string, locale = TRANSLATED_LOCALE, english = { guides: GUIDES_PATH, decisions: DECISIONS_DIR }): TranslationReport {
  const spec = overlayCoverage(bundle, loadOverlay(overlayPath(root)));
  const rel = `i18n/${locale}`;
  const guides = markdownCoverage(english.guides, join(root, 'guides'), { english: 'guides', translated: `${rel}/guides` });
  const decisions = markdownCoverage(english.decisions, join(root, 'decisions'), { english: 'decisions', translated: `${rel}/decisions` });
  const entries = ['ImgErrorCode', 'ApigwErrorCode'].flatMap((schema) => readCatalog(bundle, schema));
  const gaps: CatalogGap[] = entries.flatMap((e) => [
    ...(e.zh ? [] : [{ code: e.code, field: 'zh' as const }]),
    ...(e.hint && !e.zhHint ? [{ code: e.code, field: 'zhHint' as const }] : []),
  ]);
  const catalogTotal = entries.length + entries.filter((e) => e.hint).length;
  const total = spec.total + guides.total + decisions.total + catalogTotal;
  const current = spec.current + guides.current + decisions.current + catalogTotal - gaps.length;
  const complete = current === total && spec.problems.length === 0 && [...guides.issues, ...decisions.issues].every((i) => i.reason !== 'orphaned');
  return { locale, spec, guides, decisions, catalog: { total: catalogTotal, gaps }, total, current, complete };
}

/** `100 %`, or one decimal below it, never rounded up to 100 while something is missing. */
export function formatCoverage(report: Pick<TranslationReport, 'total' | 'current'>): string {
  if (report.total === 0) return '100 %';
  const percent = (report.current / report.total) * 100;
  return `${report.current === report.total ? '100' : Math.min(99.9, Math.floor(percent * 10) / 10).toFixed(1)} %`;
}
