import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GOOD_FILES, GOOD_MANIFEST, writePackage } from '../test/fixture-package.js';
import { missingDist, packPackage } from './pack.js';
import { attwPacked, hasTypes, nonModuleSubpaths, publintPacked } from './package-lint.js';

const root = mkdtempSync(join(tmpdir(), 'repo-tools-lint-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('publint and attw on packed tarballs', () => {
  it('a well-formed ESM package is clean, its html export left out of attw', async () => {
    // Without the exclusion attw reports NoResolution for ./index.html (as it did for the docs package).
    const manifest = { ...GOOD_MANIFEST, exports: { ...GOOD_MANIFEST.exports, './index.html': './dist/index.html' } };
    const packed = packPackage(root, writePackage(root, 'good', manifest, { ...GOOD_FILES, 'dist/index.html': '<!doctype html>' }), join(root, 'packs'));
    expect((await publintPacked(packed)).errors).toEqual([]);
    const attw = attwPacked(packed, root);
    expect(attw.errors).toEqual([]);
    expect(attw.notes).toEqual(['attw: no problems (esm-only profile)']);
  });

  it('an export pointing at a file that is not in the tarball is a publint error', async () => {
    const manifest = { ...GOOD_MANIFEST, name: 'fixture-missing', exports: { '.': { types: './dist/index.d.ts', import: './dist/gone.js' } } };
    const packed = packPackage(root, writePackage(root, 'missing', manifest, GOOD_FILES), join(root, 'packs'));
    const r = await publintPacked(packed);
    expect(r.errors.join('\n')).toContain('FILE_DOES_NOT_EXIST');
    expect(r.errors.join('\n')).toContain('./dist/gone.js');
  });

  it('ESM code typed as CommonJS is an attw error', () => {
    const manifest = { ...GOOD_MANIFEST, name: 'fixture-false-cjs', exports: { '.': { types: './dist/index.d.cts', import: './dist/index.js' } } };
    const files = { 'dist/index.js': GOOD_FILES['dist/index.js'], 'dist/index.d.cts': GOOD_FILES['dist/index.d.ts'] };
    const packed = packPackage(root, writePackage(root, 'false-cjs', manifest, files), join(root, 'packs'));
    const r = attwPacked(packed, root);
    expect(r.errors.some((e) => e.startsWith('attw FalseCJS'))).toBe(true);
  });

  it('file exports (html, json) are not module entry points for attw', () => {
    expect(nonModuleSubpaths({ exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js' }, './index.html': './dist/index.html', './package.json': './package.json', './aksk': { node: { import: './dist/a.node.js' } } } }))
      .toEqual(['./index.html', './package.json']);
    expect(nonModuleSubpaths({ exports: './index.js' })).toEqual([]);
  });

  it('packages without TypeScript entries are not given to attw', () => {
    expect(hasTypes({ exports: { './openapi.json': './dist/openapi.json' } })).toBe(false);
    expect(hasTypes(GOOD_MANIFEST)).toBe(true);
  });

  it('a package that ships dist but was not built is reported as such', () => {
    const pkg = writePackage(root, 'unbuilt', { ...GOOD_MANIFEST, name: 'fixture-unbuilt' }, {});
    expect(missingDist(root, pkg)).toBe('fixture-unbuilt: unbuilt/dist is missing — run `pnpm build` first');
  });
});
