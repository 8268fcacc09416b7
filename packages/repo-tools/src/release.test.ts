import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { changeset, createTempRepo, type TempRepo } from '../test/temp-repo.js';
import { releaseSteps } from './release.js';

const script = join(dirname(fileURLToPath(import.meta.url)), '../dist/release.js');
function cli(args: string[], cwd?: string) {
  if (!existsSync(script)) throw new Error('dist/release.js is missing: run `pnpm --filter @ims-quick-import/repo-tools build`');
  return spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', cwd });
}

let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

describe('release CLI', () => {
  it('prints its usage and refuses unknown options', () => {
    const help = cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: release [--dry-run [--offline]] [--version] [--skip-build] [--keep] [--check-provenance]');
    const bad = cli(['--publish-everything']);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("release: Unknown option '--publish-everything'");
  });

  it('--version consumes the changesets and bumps the versions (what the "Version packages" PR carries)', () => {
    repo = createTempRepo({ openapi: '3.1.0', info: { title: 't', version: '1.0.0' }, paths: {} });
    repo.write('package.json', JSON.stringify({ name: 'root', private: true }));
    repo.write('.changeset/config.json', JSON.stringify({ changelog: false, commit: false, access: 'public', baseBranch: 'main', updateInternalDependencies: 'patch', ignore: [] }));
    repo.write('.changeset/faster-client.md', changeset({ '@ims-quick-import/client': 'minor' }, 'Faster.'));
    repo.commitAll('a changeset');
    const res = cli(['--version'], repo.dir);
    expect(res.stderr).not.toContain('release:');
    expect(res.status).toBe(0);
    expect(JSON.parse(readFileSync(join(repo.dir, 'packages/client/package.json'), 'utf8')).version).toBe('1.1.0');
    expect(JSON.parse(readFileSync(join(repo.dir, 'packages/validators/package.json'), 'utf8')).version).toBe('1.0.0');
    expect(existsSync(join(repo.dir, '.changeset/faster-client.md'))).toBe(false);
  });
});

describe('releaseSteps', () => {
  const titles = (o: Parameters<typeof releaseSteps>[1]) => releaseSteps('/nowhere', o).map((s) => s.title);

  it('publishes only after the very dry run `release --dry-run` runs', () => {
    const dry = titles({ dryRun: true });
    expect(dry).toEqual(['pnpm build', 'pack, install into a fresh project, smoke test']);
    expect(titles({})).toEqual([...dry, 'changeset publish']);
    expect(titles({ skipBuild: true })).toEqual(['pack, install into a fresh project, smoke test', 'changeset publish']);
    expect(titles({ version: true })).toEqual(['changeset version']);
  });

  it('refuses combinations that mean nothing', () => {
    expect(() => titles({ offline: true })).toThrow('--offline only goes with --dry-run');
    expect(() => titles({ version: true, dryRun: true })).toThrow('--version takes no other option');
  });
});
