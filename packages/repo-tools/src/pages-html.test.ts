import { describe, expect, it } from 'vitest';
import { page } from '../test/docs-fixture.js';
import { escapeHtml, injectVersionMenu, notFoundPage, relativeHref, versionMenu, type VersionsFile } from './pages-html.js';

const versions: VersionsFile = {
  latest: '1.1.0',
  versions: [
    { version: '1.1.0', path: 'v1.1.0/', editions: { en: 'v1.1.0/index.html', 'zh-CN': 'v1.1.0/zh-CN/index.html' } },
    { version: '1.0.0', path: 'v1.0.0/', editions: { en: 'v1.0.0/index.html' } },
  ],
};

describe('version menu', () => {
  it('goes into the real <body>, not the "<body>" a script in <head> contains, and replaces itself', () => {
    const menu = versionMenu(versions, { page: 'index.html', shows: 'latest', edition: 'en' });
    const once = injectVersionMenu(page('x'), menu);
    expect(once.indexOf('ims-version-menu')).toBeGreaterThan(once.indexOf('</head>'));
    expect(once).toContain("<script>const t = '<body>';</script>");
    const again = injectVersionMenu(once, versionMenu(versions, { page: 'index.html', shows: '1.0.0', edition: 'en' }));
    expect(again.match(/ims-version-menu"/g)).toHaveLength(1);
    expect(again).toContain('Spec version 1.0.0</summary>');
    expect(() => injectVersionMenu('<html><head></head></html>', menu)).toThrow('no <body> tag');
  });

  it('has no script and no URL but relative links, marks the page shown, and speaks the edition', () => {
    const zh = versionMenu(versions, { page: 'v1.1.0/zh-CN/index.html', shows: '1.1.0', edition: 'zh-CN' });
    expect(zh).not.toMatch(/<script|https?:|\/\//);
    expect(zh).toContain('规范版本 1.1.0</summary>');
    expect(zh).toContain('<a href="../../zh-CN/index.html">最新版 (1.1.0)</a>');
    expect(zh).toContain('<a href="../../v1.1.0/zh-CN/index.html" aria-current="page" style="font-weight:bold">v1.1.0</a>');
    expect(zh).toContain('<a href="../../v1.0.0/index.html">v1.0.0</a>');
  });

  it('escapes what it prints', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(relativeHref('a/b/index.html', 'index.html')).toBe('../../index.html');
  });
});

describe('404 page', () => {
  it('links absolutely under the base path to every edition of every version', () => {
    const html = notFoundPage(versions, '/ims-quick-import/');
    expect(html).toContain('<a href="/ims-quick-import/index.html">Latest (1.1.0) — English</a>');
    expect(html).toContain('<a href="/ims-quick-import/zh-CN/index.html">最新版 (1.1.0) — 中文</a>');
    expect(html).toContain('<a href="/ims-quick-import/v1.0.0/index.html">v1.0.0 — English</a>');
    expect(html).not.toContain('v1.0.0/zh-CN');
    expect(html).not.toMatch(/<script/);
    expect(notFoundPage(versions, '')).toContain('<a href="/index.html">');
  });
});
