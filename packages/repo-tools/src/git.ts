// The few git questions the PR gate asks. Read-only: nothing here touches the index, HEAD or the working tree.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { run, runOk } from './run.js';

export interface Base {
  /** What to compare against: a commit sha. */
  sha: string;
  /** The ref as the user or the default rule named it, for messages. */
  label: string;
  /** Why this base was chosen, one sentence. */
  reason: string;
}

export type BaseResolution = { ok: true; base: Base } | { ok: false; reason: string };

function git(repo: string, args: string[]): string {
  return runOk('git', args, { cwd: repo }).stdout.trim();
}

function tryGit(repo: string, args: string[]): string | undefined {
  const res = run('git', args, { cwd: repo });
  return res.code === 0 ? res.stdout.trim() : undefined;
}

export function isGitRepo(dir: string): boolean {
  return tryGit(dir, ['rev-parse', '--is-inside-work-tree']) === 'true';
}

export function repoRoot(dir: string): string {
  return git(dir, ['rev-parse', '--show-toplevel']);
}

/** True when tracked files differ from HEAD or untracked, non-ignored files exist. */
export function hasUncommittedChanges(repo: string): boolean {
  return git(repo, ['status', '--porcelain', '--untracked-files=normal']) !== '';
}

/**
 * The base the head is compared against. An explicit `--base` wins. Otherwise the merge base with the main
 * branch (`main`, else `origin/main`). When HEAD is main itself that merge base is HEAD: then uncommitted work
 * is compared with HEAD, and a clean tree with HEAD~1; a single clean commit has nothing to compare.
 */
export function resolveBase(repo: string, explicit?: string, mainBranch = 'main'): BaseResolution {
  if (explicit) {
    const sha = tryGit(repo, ['rev-parse', '--verify', '--quiet', `${explicit}^{commit}`]);
    if (!sha) return { ok: false, reason: `--base ${explicit} is not a commit in this repository (fetch it first?)` };
    return { ok: true, base: { sha, label: explicit, reason: `--base ${explicit}` } };
  }
  const head = tryGit(repo, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
  if (!head) return { ok: false, reason: 'the repository has no commits yet, so there is no base to compare with' };
  const main = [mainBranch, `origin/${mainBranch}`].find((r) => tryGit(repo, ['rev-parse', '--verify', '--quiet', `${r}^{commit}`]));
  if (!main) return { ok: false, reason: `no branch ${mainBranch} or origin/${mainBranch}; pass --base <ref>` };
  const mergeBase = tryGit(repo, ['merge-base', 'HEAD', main]);
  if (!mergeBase) return { ok: false, reason: `HEAD and ${main} share no history; pass --base <ref>` };
  if (mergeBase !== head) {
    return { ok: true, base: { sha: mergeBase, label: `merge-base(HEAD, ${main})`, reason: `merge base of HEAD with ${main}` } };
  }
  if (hasUncommittedChanges(repo)) {
    return { ok: true, base: { sha: head, label: 'HEAD', reason: `HEAD is ${main} itself; comparing the uncommitted work with HEAD` } };
  }
  const parent = tryGit(repo, ['rev-parse', '--verify', '--quiet', 'HEAD~1^{commit}']);
  if (!parent) return { ok: false, reason: `HEAD is ${main} itself, the tree is clean and HEAD has no parent: nothing to compare` };
  return { ok: true, base: { sha: parent, label: 'HEAD~1', reason: `HEAD is ${main} itself and the tree is clean; comparing with HEAD~1` } };
}

export interface ChangedFile {
  status: 'added' | 'modified' | 'deleted';
  path: string;
}

/**
 * Files that differ between the base and the working tree (committed or not), plus untracked files.
 * Renames count as a delete and an add so both packages involved are seen.
 */
export function changedFiles(repo: string, baseSha: string): ChangedFile[] {
  const out: ChangedFile[] = [];
  const diff = git(repo, ['diff', '--name-status', '--no-renames', '-z', baseSha, '--']);
  const parts = diff.split('\0').filter((p) => p !== '');
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const code = parts[i]!;
    const path = parts[i + 1]!;
    out.push({ status: code.startsWith('A') ? 'added' : code.startsWith('D') ? 'deleted' : 'modified', path });
  }
  const untracked = git(repo, ['ls-files', '--others', '--exclude-standard', '-z']);
  for (const path of untracked.split('\0').filter((p) => p !== '')) out.push({ status: 'added', path });
  return out;
}

/** True when `path` exists in the tree of `sha`. */
export function existsAt(repo: string, sha: string, path: string): boolean {
  return tryGit(repo, ['cat-file', '-e', `${sha}:${path}`]) !== undefined;
}

/** Writes the given paths as they are at `sha` into `dest` (git archive | tar), leaving the checkout alone. */
export function exportTree(repo: string, sha: string, paths: string[], dest: string): void {
  mkdirSync(dest, { recursive: true });
  const present = paths.filter((p) => existsAt(repo, sha, p));
  if (present.length === 0) return;
  const tar = join(dest, '.export.tar');
  runOk('git', ['archive', '--format=tar', '-o', tar, sha, '--', ...present], { cwd: repo });
  runOk('tar', ['-xf', tar], { cwd: dest });
  rmSync(tar);
}

/** Every path git tracks, relative to the repo root. */
export function trackedFiles(repo: string): string[] {
  return git(repo, ['ls-files', '-z']).split('\0').filter((p) => p !== '');
}
