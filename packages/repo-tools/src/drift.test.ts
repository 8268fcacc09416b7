import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GOOD_MANIFEST, writePackage } from '../test/fixture-package.js';
import { exportedSpecVersion, specVersionProblems, trackedGeneratedFiles } from './drift.js';
import type { WorkspacePackage } from './workspace.js';

const root = mkdtempSync(join(tmpdir(), 'repo-tools-drift-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ws = (name: string, manifest: Record<string, any>): WorkspacePackage => ({ name, dir: name, version: '1.0.0', private: false, manifest: { name, ...manifest } });

describe('specVersionProblems', () => {
  it('wants every published package but the spec itself to name the bundle version', () => {
    const problems = specVersionProblems([
      ws('@ims-quick-import/spec', {}),
      ws('@ims-quick-import/client', { 'ims-quick-import': { specVersion: '1.2.0' } }),
      ws('@ims-quick-import/validators', { 'ims-quick-import': { specVersion: '1.1.0' } }),
      ws('@ims-quick-import/docs', {}),
    ], '1.2.0');
    expect(problems).toEqual([
      { name: '@ims-quick-import/validators', problem: 'package.json says specVersion 1.1.0, the bundle is 1.2.0' },
      { name: '@ims-quick-import/docs', problem: 'package.json has no "ims-quick-import": { "specVersion": "1.2.0" }' },
    ]);
  });
});

describe('exportedSpecVersion', () => {
  it('reads SPEC_VERSION from the built entry in a child process', () => {
    const ok = writePackage(root, 'ok', GOOD_MANIFEST, { 'dist/index.js': "export const SPEC_VERSION = '1.2.0';\n" });
    expect(exportedSpecVersion(root, ok)).toEqual({ value: '1.2.0' });
    const none = writePackage(root, 'none', GOOD_MANIFEST, { 'dist/index.js': 'export const x = 1;\n' });
    expect(exportedSpecVersion(root, none)).toEqual({ error: './dist/index.js does not export SPEC_VERSION' });
    const broken = writePackage(root, 'broken', GOOD_MANIFEST, { 'dist/index.js': "throw new Error('boom at import');\n" });
    expect(exportedSpecVersion(root, broken)).toEqual({ error: 'importing ./dist/index.js failed: boom at import' });
    const unbuilt = writePackage(root, 'unbuilt', GOOD_MANIFEST, {});
    expect(exportedSpecVersion(root, unbuilt)).toBeUndefined();
  });
});

describe('trackedGeneratedFiles', () => {
  it('finds committed files under any src/generated/', () => {
    const repo = join(root, 'repo');
    writePackage(root, 'repo/packages/a', { name: 'a' }, { 'src/generated/schema.ts': '//x\n', 'src/index.ts': '//y\n', 'src/generated-notes.md': 'z' });
    execFileSync('git', ['init', '-q'], { cwd: repo });
    expect(trackedGeneratedFiles(repo)).toEqual([]);
    execFileSync('git', ['add', '-A'], { cwd: repo });
    expect(trackedGeneratedFiles(repo)).toEqual(['packages/a/src/generated/schema.ts']);
  });
});
