// Tiny packages on disk for the package-lint and size tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WorkspacePackage } from '../src/workspace.js';

export function writePackage(root: string, dir: string, manifest: Record<string, any>, files: Record<string, string>): WorkspacePackage {
  mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, dir, 'package.json'), JSON.stringify(manifest, null, 2));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, dir, path, '..'), { recursive: true });
    writeFileSync(join(root, dir, path), content);
  }
  return { name: manifest.name, dir, version: manifest.version, private: false, manifest };
}

export const GOOD_MANIFEST = {
  name: 'fixture-good',
  version: '1.0.0',
  type: 'module',
  license: 'MIT',
  repository: { type: 'git', url: 'git+https://example.invalid/fixture.git' },
  sideEffects: false,
  files: ['dist'],
  exports: { '.': { types: './dist/index.d.ts', import: './dist/index.js', default: './dist/index.js' }, './package.json': './package.json' },
};

export const GOOD_FILES = {
  'dist/index.js': 'export const answer = 42;\nexport function twice(n) { return n * 2; }\n',
  'dist/index.d.ts': 'export declare const answer: number;\nexport declare function twice(n: number): number;\n',
};
