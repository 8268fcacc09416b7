// The release dry run for real: every published package packed, installed from its tarball into a fresh
// project by npm, and exercised there. Needs `pnpm build` (turbo runs it before this package's tests).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { leftoverWorkspaceRanges, releaseDryRun } from './dry-run.js';
import { publishedPackages } from './workspace.js';

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../..');

describe('release dry run', () => {
  it('packs every published package, installs the tarballs and passes the smoke script', async () => {
    const published = publishedPackages(repo).map((p) => p.name).sort();
    expect(published).toEqual(expect.arrayContaining(['@ims-quick-import/client', '@ims-quick-import/validators', '@ims-quick-import/sandbox', '@ims-quick-import/docs', '@ims-quick-import/spec']));
    // Offline: third-party dependencies come from the workspace's installed copies, so the test needs no
    // registry; `release --dry-run` without --offline installs them from npm as a user would.
    const r = await releaseDryRun({ repo, offline: true });
    expect(r.packed.map((p) => p.name).sort()).toEqual(published);
    expect(r.vendored.map((v) => v.name)).toContain('openapi-fetch');
    expect(r.smoke).toMatchObject({ ok: true, job: { status: 'SUCCESS', imageId: expect.any(String) } });
    const specVersion = r.smoke.specVersion as string;
    expect(r.smoke.spec).toEqual({ client: specVersion, validators: specVersion, sandbox: specVersion });
    expect(r.smoke.validatorIssue).toMatch(/^\/name IMG\.\d{4}$/);
    expect(r.smoke.docsBytes as number).toBeGreaterThan(10_000);
    expect(r.smoke.tokenJob).toMatchObject({ status: 'SUCCESS' });
    // Every bin of every published package ran from its npm link (found from the manifests, not a list).
    const bins = publishedPackages(repo).flatMap((p) => Object.keys(p.manifest.bin ?? {}).map((b) => [b, p.name]));
    expect(bins.length).toBeGreaterThan(0);
    expect(r.smoke.bins).toEqual(Object.fromEntries(bins));
  });
});

describe('turbo ordering', () => {
  it('builds every published package before these tests (a new package must be added to turbo.json)', () => {
    const here = join(dirname(fileURLToPath(import.meta.url)), '..');
    const dependsOn: string[] = JSON.parse(readFileSync(join(here, 'turbo.json'), 'utf8')).tasks.test.dependsOn;
    const manifest = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
    const ownDeps = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies }); // built through ^build
    const unordered = publishedPackages(repo).map((p) => p.name).filter((n) => !ownDeps.includes(n) && !dependsOn.includes(`${n}#build`));
    expect(unordered, 'add "<name>#build" to packages/repo-tools/turbo.json tasks.test.dependsOn').toEqual([]);
  });
});

describe('leftoverWorkspaceRanges', () => {
  it('finds workspace: and catalog: ranges that would break an npm install', () => {
    expect(leftoverWorkspaceRanges({ dependencies: { a: 'workspace:*', b: '^1.0.0' }, peerDependencies: { c: 'catalog:' }, devDependencies: { d: 'workspace:*' } }))
      .toEqual(['dependencies.a: workspace:*', 'peerDependencies.c: catalog:']);
    expect(leftoverWorkspaceRanges({ dependencies: { 'openapi-fetch': '~0.17.0' } })).toEqual([]);
  });
});
