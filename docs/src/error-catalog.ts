// Renders the error catalog guide section from the spec's `x-error-catalog` (on ImgErrorCode and
// ApigwErrorCode): every code, its HTTP status, the field it concerns, the message and what to do, each in
// English and Chinese. Generated at build time so the guide can never list a code the spec does not, or
// miss one.
import { EDITIONS, type EditionText, type Locale } from './i18n/locales.js';
import type { OpenApiDocument } from './openapi-types.js';
import { getPointer } from './spec-source.js';

export interface CatalogEntry {
  code: string;
  status: number[];
  field?: string;
  message: string;
  zh?: string;
  hint?: string;
  zhHint?: string;
}

/** Reads `components.schemas[schemaName]['x-error-catalog']`, sorted by code; throws on a malformed entry. */
export function readCatalog(doc: OpenApiDocument, schemaName: string): CatalogEntry[] {
  const pointer = `#/components/schemas/${schemaName}/x-error-catalog`;
  const raw = getPointer(doc, pointer);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${pointer} is not an object`);
  return Object.entries(raw as Record<string, Record<string, unknown>>)
    .map(([code, entry]) => {
      const status = Array.isArray(entry.status) ? entry.status : [entry.status];
      if (!status.every((s) => Number.isInteger(s))) throw new Error(`${pointer}/${code}: status must be an integer or a list of them`);
      if (typeof entry.message !== 'string' || !entry.message) throw new Error(`${pointer}/${code}: message is missing`);
      const optional = (name: string): string | undefined => (typeof entry[name] === 'string' ? (entry[name] as string) : undefined);
      const field = optional('field');
      const zh = optional('zh');
      const hint = optional('hint');
      const zhHint = optional('zhHint');
      return {
        code,
        status: status as number[],
        message: entry.message,
        ...(field ? { field } : {}),
        ...(zh ? { zh } : {}),
        ...(hint ? { hint } : {}),
        ...(zhHint ? { zhHint } : {}),
      };
    })
    .sort((a, b) => a.code.localeCompare(b.code, 'en'));
}

/** Escapes text for one Markdown table cell (pipes and line breaks would end the cell or the row). */
export function cell(text: string | undefined): string {
  if (!text) return '—';
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/**
 * Three columns, because the guide column of the page is narrow: the code with its HTTP status and field,
 * the message and what to do (each in English, then Chinese).
 */
function table(entries: CatalogEntry[], text: EditionText['catalog'], chineseFirst: boolean): string {
  const head = [text.columns, '|---|---|---|'];
  const rows = entries.map((e) => {
    const code = [`\`${e.code}\``, `HTTP ${e.status.join(' / ')}`, ...(e.field ? [`\`${e.field}\``] : [])].join('<br>');
    // The Chinese edition leads with the Chinese message and hint (falling back to English where the spec
    // has none) and keeps the English message beside it: it is what the service sends.
    const [first, second] = chineseFirst ? [e.zh ?? e.message, e.zh ? e.message : undefined] : [e.message, e.zh];
    const message = `${cell(first)}${second ? ` (${cell(second)})` : ''}`;
    const hints = chineseFirst ? [e.zhHint ?? e.hint] : [e.hint, e.zhHint];
    const todo = hints.filter(Boolean).map((t) => cell(t)).join('<br>') || '—';
    return `| ${code} | ${message} | ${todo} |`;
  });
  return [...head, ...rows].join('\n');
}

/** The Markdown that replaces `<!-- generated:error-catalog -->` in the errors guide. */
export function renderErrorCatalog(doc: OpenApiDocument, locale: Locale = 'en'): string {
  const img = readCatalog(doc, 'ImgErrorCode');
  const apigw = readCatalog(doc, 'ApigwErrorCode');
  const text = EDITIONS[locale].catalog;
  return [
    `## ${text.imgHeading(img.length)}`,
    '',
    text.imgBody,
    '',
    table(img, text, locale === 'zh-CN'),
    '',
    `## ${text.apigwHeading(apigw.length)}`,
    '',
    text.apigwBody,
    '',
    table(apigw, text, locale === 'zh-CN'),
  ].join('\n');
}
