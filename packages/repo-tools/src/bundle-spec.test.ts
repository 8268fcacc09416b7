import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadBundle, quickImportOnly } from '../test/spec-pairs.js';
import { createTempRepo, type TempRepo } from '../test/temp-repo.js';
import { bundleAtCommit, bundleWorkingTree, specRoot, specSourceHash } from './bundle-spec.js';

const base = quickImportOnly(loadBundle());
let repo: TempRepo | undefined;
let tmp: string | undefined;
afterEach(() => {
  repo?.remove();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('bundling the spec', () => {
  it('bundles a commit from an exported tree and the working tree, leaving the checkout untouched', () => {
    repo = createTempRepo(base);
    tmp = mkdtempSync(join(tmpdir(), 'repo-tools-bundle-'));
    const first = repo.git('rev-parse', 'HEAD');
    repo.writeSpec({ ...base, info: { ...base.info, version: '2.0.0' } });
    repo.commitAll('v2');
    expect(specRoot(repo.dir)).toBe('spec/openapi.yaml');
    expect(bundleAtCommit(repo.dir, first, tmp)?.info?.version).toBe(base.info.version);
    expect(bundleWorkingTree(repo.dir, tmp)?.info?.version).toBe('2.0.0');
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  it('a commit without the spec has no bundle; the source hash follows the spec files', () => {
    repo = createTempRepo(base);
    tmp = mkdtempSync(join(tmpdir(), 'repo-tools-bundle-'));
    repo.git('rm', '-q', 'spec/openapi.yaml');
    repo.commitAll('no spec');
    expect(bundleAtCommit(repo.dir, repo.git('rev-parse', 'HEAD'), tmp)).toBeNull();
    const before = specSourceHash(repo.dir);
    repo.write('spec/paths/new.yaml', 'x: 1\n');
    expect(specSourceHash(repo.dir)).not.toBe(before);
  });
});
