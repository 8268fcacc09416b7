import { afterEach, describe, expect, it } from 'vitest';
import { changeset, createTempRepo, type TempRepo } from '../test/temp-repo.js';
import { changesetsSince, highestBumps, isChangesetFile } from './changesets.js';
import { changedFiles } from './git.js';

let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

describe('changesetsSince', () => {
  it('reads new changesets from the working tree and consumed ones from the base', () => {
    repo = createTempRepo({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {} });
    repo.write('.changeset/old.md', changeset({ '@ims-quick-import/client': 'major' }, 'Old news.'));
    repo.commitAll('a changeset');
    const base = repo.git('rev-parse', 'HEAD');
    // What `changeset version` does: delete the changeset, bump the version.
    repo.git('rm', '-q', '.changeset/old.md');
    repo.write('packages/client/package.json', '{"name":"@ims-quick-import/client","version":"2.0.0"}');
    repo.write('.changeset/new.md', changeset({ '@ims-quick-import/spec': 'patch' }, 'New.'));
    repo.write('.changeset/README.md', 'edited, but not a changeset');
    const found = changesetsSince(repo.dir, changedFiles(repo.dir, base), base).sort((a, b) => a.file.localeCompare(b.file));
    expect(found).toEqual([
      { file: '.changeset/new.md', releases: { '@ims-quick-import/spec': 'patch' }, summary: 'New.' },
      { file: '.changeset/old.md', releases: { '@ims-quick-import/client': 'major' }, summary: 'Old news.', consumed: true },
    ]);
    expect(Object.fromEntries(highestBumps(found))).toEqual({ '@ims-quick-import/spec': 'patch', '@ims-quick-import/client': 'major' });
  });

  it('knows changeset files from other files in .changeset', () => {
    expect(['.changeset/a.md', '.changeset/brave-dogs-run.md'].every(isChangesetFile)).toBe(true);
    expect(['.changeset/README.md', '.changeset/config.json', 'docs/a.md', '.changeset/x/y.md'].some(isChangesetFile)).toBe(false);
  });
});
