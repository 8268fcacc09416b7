import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { installedDir, vendorDependencies } from './vendor.js';

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const dest = mkdtempSync(join(tmpdir(), 'repo-tools-vendor-'));
afterAll(() => rmSync(dest, { recursive: true, force: true }));

describe('vendorDependencies', () => {
  it('packs installed dependencies transitively as npm-style tarballs', () => {
    // publint depends on a few small packages; each must come out as its own tarball.
    const vendored = vendorDependencies([{ dir: pkgDir, dependencies: { publint: '*' } }], new Set(), dest);
    const names = vendored.map((v) => v.name);
    expect(names[0]).toBe('publint');
    expect(names.length).toBeGreaterThan(1);
    const listing = execFileSync('tar', ['-tzf', vendored[0]!.tarball], { encoding: 'utf8' }).split('\n');
    expect(listing).toContain('package/package.json');
    expect(listing.some((l) => l.includes('node_modules'))).toBe(false);
  });

  it('skips the given packages and explains a dependency that is not installed', () => {
    expect(vendorDependencies([{ dir: pkgDir, dependencies: { yaml: '*' } }], new Set(['yaml']), dest)).toEqual([]);
    expect(installedDir('no-such-package-xyz', pkgDir)).toBeUndefined();
    expect(() => vendorDependencies([{ dir: pkgDir, dependencies: { 'no-such-package-xyz': '*' } }], new Set(), dest))
      .toThrow(`offline dry run: no-such-package-xyz (needed from ${pkgDir}) is not installed in the workspace`);
  });
});
