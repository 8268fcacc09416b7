import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeBlocks, expandGuide, loadGuides, parseGuide, svgImage, type ExpandContext } from './guides.js';
import { GUIDES_PATH } from './paths.js';

const ctx = (over: Partial<ExpandContext> = {}): ExpandContext => ({
  spec: { info: { version: '9.9.9' }, list: ['a', 'b'], obj: { k: 1 }, pipe: 'a|b' },
  generated: { hello: () => 'HELLO' },
  assetsDir: GUIDES_PATH,
  ...over,
});
const guide = (body: string) => parseGuide('t.md', `---\ntitle: T\n---\n${body}`);

describe('guides', () => {
  it('load in file-name order with their titles', () => {
    const guides = loadGuides();
    expect(guides.map((g) => g.file)).toEqual([...guides.map((g) => g.file)].sort());
    expect(guides.map((g) => g.title)).toContain('Getting started');
    expect(guides.every((g) => !g.body.startsWith('---'))).toBe(true);
  });

  it('need front matter with a title', () => {
    expect(() => parseGuide('x.md', '# no front matter')).toThrow(/front matter/);
    expect(() => parseGuide('x.md', '---\nother: 1\n---\nbody')).toThrow(/needs a title/);
  });

  it('expand spec pointers, generated sections and SVG pictures', () => {
    const text = expandGuide(guide('v{{spec:/info/version}} [{{spec:/list}}] <!-- generated:hello --> {{spec:/pipe}}'), ctx());
    expect(text).toBe('v9.9.9 [a, b] HELLO a\\|b\n');
    const svg = expandGuide(guide('<!-- include-svg:architecture.svg -->'), ctx());
    expect(svg).toMatch(/^<p><img alt="spec → bundle → generate → packages → docs" width="100%" src="data:image\/svg\+xml;base64,/);
  });

  it('stop the build on an unknown directive, a missing pointer or a non-scalar value', () => {
    expect(() => expandGuide(guide('<!-- generated:nope -->'), ctx())).toThrow(/t\.md: unknown generated section "nope"/);
    expect(() => expandGuide(guide('<!-- frobnicate:x -->'), ctx())).toThrow(/unknown directive/);
    expect(() => expandGuide(guide('{{spec:/info/nope}}'), ctx())).toThrow(/t\.md: JSON Pointer \/info\/nope does not resolve/);
    expect(() => expandGuide(guide('{{spec:/obj}}'), ctx())).toThrow(/points at a object/);
    expect(() => expandGuide(guide('<!-- include-svg:../secret.svg -->'), ctx())).toThrow(/file name in the guides folder/);
  });

  it('refuse SVGs with scripts or remote links, and SVGs without a title', () => {
    expect(() => svgImage('<svg><title>t</title><script>alert(1)</script></svg>')).toThrow(/not allowed/);
    expect(() => svgImage('<svg><title>t</title><image href="https://x.example/a.png"/></svg>')).toThrow(/not allowed/);
    expect(() => svgImage('<svg><rect/></svg>')).toThrow(/needs a <title>/);
    const dir = mkdtempSync(join(tmpdir(), 'guides-'));
    writeFileSync(join(dir, 'p.svg'), '<div/>');
    expect(() => expandGuide(guide('<!-- include-svg:p.svg -->'), ctx({ assetsDir: dir }))).toThrow(/not an SVG/);
  });

  it('find fenced code blocks by language', () => {
    const md = 'a\n```ts\nconst a = 1;\n```\n```sh\nls\n```\n```typescript\nlet b;\n```\n';
    expect(codeBlocks(md, ['ts', 'typescript'])).toEqual([
      { lang: 'ts', source: 'const a = 1;\n', index: 1 },
      { lang: 'typescript', source: 'let b;\n', index: 2 },
    ]);
  });
});
