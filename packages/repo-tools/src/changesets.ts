// Changeset files: `.changeset/<name>.md` with a YAML frontmatter of `"package": bump` lines.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { ChangedFile } from './git.js';
import { runOk } from './run.js';

export type Bump = 'major' | 'minor' | 'patch' | 'none';
const BUMPS: readonly Bump[] = ['none', 'patch', 'minor', 'major'];

export interface Changeset {
  file: string;
  releases: Record<string, Bump>;
  summary: string;
  /** Deleted since the base: already applied by `changeset version`. */
  consumed?: boolean;
}

export function parseChangeset(text: string, file: string): Changeset {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!m) throw new Error(`${file}: no frontmatter (expected --- "package": major|minor|patch ---)`);
  const front = (parse(m[1]!) ?? {}) as Record<string, unknown>;
  if (typeof front !== 'object' || Array.isArray(front)) throw new Error(`${file}: frontmatter is not a mapping`);
  const releases: Record<string, Bump> = {};
  for (const [name, bump] of Object.entries(front)) {
    if (!BUMPS.includes(bump as Bump)) throw new Error(`${file}: "${name}": ${String(bump)} is not one of major, minor, patch, none`);
    releases[name] = bump as Bump;
  }
  return { file, releases, summary: m[2]!.trim() };
}

export function isChangesetFile(path: string): boolean {
  return /^\.changeset\/[^/]+\.md$/.test(path) && !/^\.changeset\/README\.md$/i.test(path);
}

/**
 * The changesets added or edited since the base (read from the working tree), and those deleted since the
 * base (read from the base commit): `changeset version` consumes changesets, so a version commit carries
 * its bumps only as deletions, and those still account for the packages it changes.
 */
export function changesetsSince(repo: string, changed: readonly ChangedFile[], baseSha?: string): Changeset[] {
  const out: Changeset[] = [];
  for (const f of changed) {
    if (!isChangesetFile(f.path)) continue;
    if (f.status !== 'deleted') out.push(parseChangeset(readFileSync(join(repo, f.path), 'utf8'), f.path));
    else if (baseSha) out.push({ ...parseChangeset(runOk('git', ['show', `${baseSha}:${f.path}`], { cwd: repo }).stdout, f.path), consumed: true });
  }
  return out;
}

/** The highest bump each package gets across all changesets. */
export function highestBumps(changesets: readonly Changeset[]): Map<string, Bump> {
  const out = new Map<string, Bump>();
  for (const cs of changesets) {
    for (const [name, bump] of Object.entries(cs.releases)) {
      const prev = out.get(name);
      if (!prev || BUMPS.indexOf(bump) > BUMPS.indexOf(prev)) out.set(name, bump);
    }
  }
  return out;
}
