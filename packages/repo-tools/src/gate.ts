// The changeset gate: the versions must follow the API. Pure: every input is passed in, so the rules are
// tested on their own and the git plumbing separately.
import type { ApiChange } from './api-diff.js';
import { highestBumps, type Changeset } from './changesets.js';

/** Packages whose users a breaking API change breaks: they need a major release for it. */
export const MAJOR_ON_BREAKING = ['@ims-quick-import/client', '@ims-quick-import/validators'];

export interface GateInput {
  /** The breaking API changes (empty when there are none or nothing was compared). */
  breaking: readonly ApiChange[];
  /** Published packages changed since the base, each with why (`e.g. <a changed file>`). */
  changedPackages: ReadonlyMap<string, string>;
  changesets: readonly Changeset[];
  /** Every package name in the workspace (to catch changesets naming a package that does not exist). */
  workspacePackages: readonly string[];
  majorFor?: readonly string[];
}

export interface GateResult {
  ok: boolean;
  problems: string[];
  notes: string[];
}

export function evaluateGate(input: GateInput): GateResult {
  const problems: string[] = [];
  const notes: string[] = [];
  const bumps = highestBumps(input.changesets);
  for (const cs of input.changesets) {
    for (const name of Object.keys(cs.releases)) {
      if (!input.workspacePackages.includes(name)) problems.push(`${cs.file} names ${name}, which is not a package of this workspace`);
    }
  }
  for (const [name, example] of input.changedPackages) {
    const bump = bumps.get(name);
    if (!bump) problems.push(`${name} changed (${example}) but no changeset names it: run \`pnpm changeset\``);
    else notes.push(`${name}: ${bump} changeset`);
  }
  if (input.breaking.length > 0) {
    const n = input.breaking.length;
    for (const name of (input.majorFor ?? MAJOR_ON_BREAKING).filter((p) => input.workspacePackages.includes(p))) {
      const bump = bumps.get(name);
      if (bump !== 'major') {
        problems.push(`${n} breaking API change${n === 1 ? '' : 's'} need${n === 1 ? 's' : ''} a major changeset for ${name} (found ${bump ?? 'none'})`);
      }
    }
  }
  return { ok: problems.length === 0, problems, notes };
}
