import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cspIsClosed, findRemoteLoads, metaCsp } from './offline-check.js';
import { SITE_HTML } from './paths.js';

describe('offline check', () => {
  it('finds every kind of remote load', () => {
    const html = [
      '<script type="module" src="https://cdn.example/a.js"></script>',
      '<link rel="modulepreload" href="//cdn.example/b.js">',
      '<img src="http://x.example/logo.svg">',
      '<script type="module">import { hydrate } from "https://cdn.redocly.com/redoc/x.js";</script>',
      '<style>@import url(https://fonts.example/c.css); .a { background: url("https://x.example/d.png") }</style>',
    ].join('\n');
    expect(findRemoteLoads(html).map((r) => r.kind).sort()).toEqual(
      ['CSS @import', 'CSS url()', 'CSS url()', 'ES import', 'img/iframe/source src', 'link href', 'script src'].sort(),
    );
  });

  it('ignores links a reader clicks and local data', () => {
    expect(findRemoteLoads('<a href="https://github.com/x">x</a><img src="data:image/png;base64,AA">')).toEqual([]);
  });

  it('accepts only a CSP that forbids remote fetches', () => {
    expect(cspIsClosed("default-src 'none'; script-src 'unsafe-inline' blob:; img-src data:")).toBe(true);
    expect(cspIsClosed("default-src 'none'; img-src data: https://cdn.example")).toBe(false);
    expect(cspIsClosed("default-src 'self'")).toBe(false);
  });

  it('passes on the built page, which carries a closed CSP', () => {
    const html = readFileSync(SITE_HTML, 'utf8');
    expect(findRemoteLoads(html)).toEqual([]);
    const csp = metaCsp(html);
    expect(csp).toBeDefined();
    expect(cspIsClosed(csp ?? '')).toBe(true);
  });
});
