import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GOOD_MANIFEST, writePackage } from '../test/fixture-package.js';
import { entryFile, formatSize, measureSize } from './size.js';

const root = mkdtempSync(join(tmpdir(), 'repo-tools-size-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('entryFile', () => {
  it('takes the browser/import build of "." and never the node-only or types file', () => {
    expect(entryFile({ exports: { '.': { node: { import: './dist/index.node.js' }, types: './dist/index.d.ts', import: './dist/index.js' } } })).toBe('./dist/index.js');
    expect(entryFile({ exports: { '.': { types: './a.d.ts', browser: './b.js', default: './c.js' } } })).toBe('./b.js');
    expect(entryFile({ exports: './main.js' })).toBe('./main.js');
    expect(entryFile({ exports: { import: './x.js' } })).toBe('./x.js');
    expect(entryFile({ module: './m.js', main: './c.js' })).toBe('./m.js');
    expect(entryFile({ exports: { './openapi.json': './o.json' } })).toBeUndefined();
  });
});

describe('measureSize', () => {
  // Unminified, the helper is several kB of comments and long names; minified it is a fraction of that.
  const helper = `${'// a long comment that minification removes\n'.repeat(200)}export function sumOfSquaresOfEverything(values) {\n  let accumulatedTotal = 0;\n  for (const currentValue of values) accumulatedTotal += currentValue * currentValue;\n  return accumulatedTotal;\n}\n`;
  const pkg = writePackage(root, 'sized', GOOD_MANIFEST, {
    'dist/index.js': "export { sumOfSquaresOfEverything } from './helper.js';\nexport const version = '1';\n",
    'dist/helper.js': helper,
  });

  it('bundles and minifies the entry with what it imports', async () => {
    const r = await measureSize(root, pkg, 1);
    expect(r.minBytes).toBeGreaterThan(50);
    expect(r.minBytes).toBeLessThan(helper.length / 10);
    expect(r.ok).toBe(true);
    expect(formatSize(r)).toMatch(/^fixture-good \(\.\/dist\/index\.js\): \d+\.\d kB min, \d+\.\d kB gzip — budget 1 kB min$/);
  });

  it('leaves runtime dependencies external and prints the size with them bundled', async () => {
    const withDep = writePackage(root, 'with-dep', { ...GOOD_MANIFEST, name: 'fixture-with-dep', dependencies: { 'tiny-dep': '1.0.0' } }, {
      'dist/index.js': "import { helper } from 'tiny-dep';\nexport const run = () => helper();\n",
      'node_modules/tiny-dep/package.json': JSON.stringify({ name: 'tiny-dep', version: '1.0.0', type: 'module', exports: './index.js' }),
      'node_modules/tiny-dep/index.js': helper.replace('sumOfSquaresOfEverything', 'helper'),
    });
    const r = await measureSize(root, withDep, 1);
    expect(r.external).toEqual(['tiny-dep']);
    expect(r.withDepsBytes).toBeGreaterThan(r.minBytes);
    expect(formatSize(r)).toMatch(/\(tiny-dep external; \d+\.\d kB with it bundled\) — budget 1 kB min$/);
  });

  it('reports a busted budget with the largest inputs', async () => {
    const r = await measureSize(root, pkg, 0.05);
    expect(r.ok).toBe(false);
    expect(formatSize(r)).toContain('EXCEEDED; largest inputs: ');
    expect(formatSize(r)).toContain('helper.js');
  });
});
