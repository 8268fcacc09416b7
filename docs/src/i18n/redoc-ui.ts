// Redoc's own interface text (Request, Responses, Expand all, Search, required, …) in the Chinese edition.
// Redoc 3 routes every such string through one hook, `translate(key, default)`, whose default
// implementation (in the library `redocly build-docs --inlineBundle` writes into the page) returns the
// English default. For zh-CN the build replaces that one implementation with one that first looks the key
// up in our table (i18n/zh-CN/redoc-ui.json, inlined as data: nothing is fetched, the CSP is unchanged) and
// otherwise falls back to exactly what Redoc's default returns (English). The patch point is matched
// verbatim and must occur exactly once: after a Redoc upgrade that changes it, the build stops instead of
// silently showing English again.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { localeDir } from './report.js';

/** Redoc 3.0.1's default hooks: `useTranslate` returns the default text (a string or `{defaultValue}`) or the key. */
export const DEFAULT_TRANSLATE = 'useTranslate:()=>({translate:(e,t)=>(typeof t==`string`?t:t?.defaultValue)||e||``})';

/**
 * key → text, or, for a key Redoc uses with different defaults in different places (`body` is "Request Body"
 * under Request and "Body" under a response), Redoc's English default → text; another default stays English.
 */
export type UiTable = Record<string, string | Record<string, string>>;

const isText = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

/** The locale's table (i18n/zh-CN/redoc-ui.json). Every text must be a non-empty string. */
export function loadUiTable(root = localeDir()): UiTable {
  const path = join(root, 'redoc-ui.json');
  const table = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  if (!table || typeof table !== 'object' || Array.isArray(table)) throw new Error(`${path}: expected an object of key → text`);
  for (const [key, text] of Object.entries(table)) {
    const ok = isText(text) || (!!text && typeof text === 'object' && !Array.isArray(text) && Object.values(text).every(isText));
    if (!ok) throw new Error(`${path}: "${key}" must be a non-empty string or an object of English default → non-empty string`);
  }
  return table as UiTable;
}

/** A JS expression for the table, safe inside a <script> element (no `<`, so no `</script>` or `<!--`). */
const inlineData = (table: UiTable): string => JSON.stringify(table).replace(/</g, '\\u003c');

/** Counts non-overlapping occurrences of `needle` in `text`. */
function occurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) count++;
  return count;
}

/**
 * Replaces Redoc's default translate hook in the page with one that reads `table` first. Throws unless the
 * hook occurs exactly once (absent: Redoc changed it; twice: we could translate one copy and not the other).
 */
export function patchRedocTranslate(html: string, table: UiTable): string {
  const found = occurrences(html, DEFAULT_TRANSLATE);
  if (found !== 1) {
    throw new Error(`redoc-ui: expected Redoc's default translate hook exactly once in the page, found it ${found} times (did Redoc change? check ${DEFAULT_TRANSLATE} against the bundle and update src/i18n/redoc-ui.ts)`);
  }
  // Own keys only (hasOwnProperty): a key such as `constructor` must not reach Object.prototype.
  const patched = 'useTranslate:((ui,own)=>{const translate=(e,t)=>{const d=typeof t==`string`?t:t?.defaultValue,v=own.call(ui,e)?ui[e]:void 0;'
    + 'return (typeof v==`string`?v:v&&own.call(v,d)?v[d]:void 0)||d||e||``};return()=>({translate})})'
    + `(${inlineData(table)},Object.prototype.hasOwnProperty)`;
  return html.replace(DEFAULT_TRANSLATE, () => patched);
}
