import { afterEach, describe, expect, it } from 'vitest';
import { loadBundle, quickImportOnly } from '../test/spec-pairs.js';
import { createTempRepo, type TempRepo } from '../test/temp-repo.js';
import { changedFiles, resolveBase } from './git.js';

const base = quickImportOnly(loadBundle());
let repo: TempRepo | undefined;
afterEach(() => repo?.remove());

describe('resolveBase', () => {
  it('on main: uncommitted work against HEAD, a clean tree against HEAD~1, a single clean commit: nothing', () => {
    repo = createTempRepo(base);
    expect(resolveBase(repo.dir)).toEqual({ ok: false, reason: 'HEAD is main itself, the tree is clean and HEAD has no parent: nothing to compare' });
    repo.write('note.txt', 'x');
    const dirty = resolveBase(repo.dir);
    expect(dirty.ok && dirty.base.label).toBe('HEAD');
    repo.commitAll('second');
    const clean = resolveBase(repo.dir);
    expect(clean.ok && clean.base.label).toBe('HEAD~1');
    expect(clean.ok && clean.base.sha).toBe(repo.git('rev-parse', 'HEAD~1'));
  });

  it('on a branch: the merge base with main; --base wins; an unknown ref is explained', () => {
    repo = createTempRepo(base);
    const mainSha = repo.git('rev-parse', 'HEAD');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('a.txt', 'a');
    repo.commitAll('feature work');
    expect(resolveBase(repo.dir)).toEqual({ ok: true, base: { sha: mainSha, label: 'merge-base(HEAD, main)', reason: 'merge base of HEAD with main' } });
    expect(resolveBase(repo.dir, 'HEAD')).toMatchObject({ ok: true, base: { sha: repo.git('rev-parse', 'HEAD'), label: 'HEAD' } });
    expect(resolveBase(repo.dir, 'no-such-ref')).toEqual({ ok: false, reason: '--base no-such-ref is not a commit in this repository (fetch it first?)' });
  });
});

describe('changedFiles', () => {
  it('sees committed, uncommitted, untracked and deleted files, but not ignored ones', () => {
    repo = createTempRepo(base);
    const sha = repo.git('rev-parse', 'HEAD');
    repo.git('checkout', '-q', '-b', 'feature');
    repo.write('packages/client/src/new.ts', 'x');
    repo.commitAll('committed');
    repo.write('packages/validators/package.json', '{"name":"@ims-quick-import/validators","version":"2.0.0"}');
    repo.write('packages/client/untracked.ts', 'y');
    repo.write('packages/client/dist/index.js', 'ignored');
    repo.git('rm', '-q', 'packages/client/src/index.ts');
    expect(changedFiles(repo.dir, sha).sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { status: 'added', path: 'packages/client/src/new.ts' },
      { status: 'deleted', path: 'packages/client/src/index.ts' },
      { status: 'added', path: 'packages/client/untracked.ts' },
      { status: 'modified', path: 'packages/validators/package.json' },
    ].sort((a, b) => a.path.localeCompare(b.path)));
  });
});
