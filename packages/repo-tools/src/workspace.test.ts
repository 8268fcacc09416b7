import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isShipped, listPackages, packageOf, publishedPackages } from './workspace.js';

const dir = mkdtempSync(join(tmpdir(), 'repo-tools-ws-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const pkg = (path: string, manifest: object) => {
  mkdirSync(join(dir, path), { recursive: true });
  writeFileSync(join(dir, path, 'package.json'), JSON.stringify(manifest));
};
writeFileSync(join(dir, 'pnpm-workspace.yaml'), 'packages:\n  - spec\n  - docs\n  - packages/*\n');
pkg('spec', { name: '@x/spec', version: '1.0.0' });
pkg('packages/client', { name: '@x/client', version: '0.1.0' });
pkg('packages/tools', { name: '@x/tools', private: true });
mkdirSync(join(dir, 'packages/not-a-package'));

describe('workspace', () => {
  it('lists the packages of the workspace globs, skipping folders without a manifest and missing folders', () => {
    expect(listPackages(dir).map((p) => [p.name, p.dir, p.private])).toEqual([
      ['@x/client', 'packages/client', false],
      ['@x/tools', 'packages/tools', true],
      ['@x/spec', 'spec', false],
    ]);
    expect(publishedPackages(dir).map((p) => p.name)).toEqual(['@x/client', '@x/spec']);
  });

  it('maps a file to the package that owns it', () => {
    const pkgs = listPackages(dir);
    expect(packageOf(pkgs, 'packages/client/src/index.ts')?.name).toBe('@x/client');
    expect(packageOf(pkgs, 'spec/paths/a.yaml')?.name).toBe('@x/spec');
    expect(packageOf(pkgs, 'specs/other.yaml')).toBeUndefined();
    expect(packageOf(pkgs, 'pnpm-lock.yaml')).toBeUndefined();
  });

  it('tells shipped files from tests, benches and configs', () => {
    expect(['src/index.ts', 'README.md', 'package.json', 'paths/a.yaml'].every(isShipped)).toBe(true);
    expect(['src/index.test.ts', 'src/types.test-d.ts', 'test/a.ts', 'bench/run.mjs', 'vitest.config.ts', 'tsconfig.json', 'turbo.json'].some(isShipped)).toBe(false);
  });
});
