import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EDITIONS } from './locales.js';
import { DEFAULT_TRANSLATE, loadUiTable, patchRedocTranslate, type UiTable } from './redoc-ui.js';
import { editionDir, SITE_HTML } from '../paths.js';

// A stand-in for the library build-docs inlines: the default hooks object among other code.
const page = `<script type="module">let a=1,su={${DEFAULT_TRANSLATE},useTranslationKeys:()=>[]};export{su};</script>`;
const table: UiTable = { request: '请求', body: { 'Request Body': '请求体', Body: '响应体' }, evil: '</script><!--' };

type Translate = (key: string | undefined, options?: string | { defaultValue?: string }) => string;

/** Runs the page's hooks object as the browser would and returns its translate. */
function translateOf(html: string): Translate {
  const hooks = /su=(\{[\s\S]*\});export/.exec(html)?.[1];
  if (!hooks) throw new Error('no hooks object');
  const { useTranslate } = new Function(`return (${hooks});`)() as { useTranslate(): { translate: Translate } };
  return useTranslate().translate;
}

describe('patchRedocTranslate', () => {
  const out = patchRedocTranslate(page, table);
  const translate = translateOf(out);

  it('replaces the one default hook and leaves every other byte of the page as it was', () => {
    expect(out).not.toContain(DEFAULT_TRANSLATE);
    const [before, after] = page.split(DEFAULT_TRANSLATE);
    expect(out.startsWith(before ?? '')).toBe(true);
    expect(out.endsWith(after ?? '')).toBe(true);
  });

  it('answers from the table, by key and, where the table says so, by Redoc’s default', () => {
    expect(translate('request', 'Request')).toBe('请求');
    expect(translate('body', 'Request Body')).toBe('请求体');
    expect(translate('body', { defaultValue: 'Body' })).toBe('响应体');
  });

  it('falls back to exactly what Redoc’s default returns for anything else', () => {
    const english = translateOf(page);
    const cases: Array<Parameters<Translate>> = [
      ['openapi.expandAll', 'Expand all'], ['body', 'Payload'], ['mcp.tools', { defaultValue: 'Tools' }],
      ['loading', undefined], [undefined, 'a summary'], ['constructor', 'x'], ['toString', undefined],
    ];
    for (const [key, options] of cases) expect(translate(key, options)).toBe(english(key, options));
    expect(translate('constructor', 'x')).toBe('x');
  });

  it('keeps the inline table from ending the <script> element', () => {
    const [before = '', after = ''] = page.split(DEFAULT_TRANSLATE);
    expect(out.slice(before.length, out.length - after.length)).not.toContain('<');
    expect(translate('evil', 'x')).toBe('</script><!--');
  });

  it('refuses a page without the default hook (Redoc changed it) and one with it twice', () => {
    expect(() => patchRedocTranslate(page.replace('||e||``', '||e'), table)).toThrow(/exactly once .* found it 0 times/);
    expect(() => patchRedocTranslate(page + page, table)).toThrow(/found it 2 times/);
    expect(() => patchRedocTranslate(out, table)).toThrow(/found it 0 times/);
  });
});

describe('loadUiTable', () => {
  it('reads the zh-CN table: non-empty Chinese for every key', () => {
    const zh = loadUiTable();
    expect(Object.keys(zh).length).toBeGreaterThan(20);
    for (const text of Object.values(zh).flatMap((v) => (typeof v === 'string' ? [v] : Object.values(v)))) expect(text).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses a table with an empty or non-string text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ims-redoc-ui-'));
    try {
      for (const bad of ['[]', '{"a": ""}', '{"a": 1}', '{"a": {"B": " "}}']) {
        writeFileSync(join(dir, 'redoc-ui.json'), bad);
        expect(() => loadUiTable(dir), bad).toThrow(/redoc-ui\.json/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// The built pages (test runs after build): the English one keeps Redoc's default hook, untouched.
describe.runIf(existsSync(SITE_HTML))('the built editions', () => {
  it('English keeps the default hook exactly once; Chinese has the table instead', () => {
    const en = readFileSync(SITE_HTML, 'utf8');
    const zh = readFileSync(join(editionDir(EDITIONS['zh-CN'].dir), 'index.html'), 'utf8');
    expect(en.split(DEFAULT_TRANSLATE)).toHaveLength(2);
    expect(en).not.toContain('"openapi.expandAll":');
    expect(zh).not.toContain(DEFAULT_TRANSLATE);
    expect(zh).toContain('"openapi.expandAll":"全部展开"');
  });
});
