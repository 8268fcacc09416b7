// Bundles the spec as it is at a git commit, or as it is in the working tree, into a temporary directory
// with `redocly bundle` — the same tool and config the spec package's own bundle step uses — without
// writing anything into the checkout.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { exportTree } from './git.js';
import { TOOLS, run, runNode } from './run.js';

export const REDOCLY_CONFIG = 'redocly.yaml';
const DEFAULT_SPEC_ROOT = 'spec/openapi.yaml';

export type OpenApiDoc = Record<string, unknown> & { info?: { version?: string; title?: string }; paths?: Record<string, unknown> };

/** The spec's root file, as redocly.yaml names it (the first API), else spec/openapi.yaml. */
export function specRoot(root: string): string {
  const configPath = join(root, REDOCLY_CONFIG);
  if (!existsSync(configPath)) return DEFAULT_SPEC_ROOT;
  const config = parse(readFileSync(configPath, 'utf8')) as { apis?: Record<string, { root?: string }> } | null;
  const first = Object.values(config?.apis ?? {})[0];
  return first?.root ?? DEFAULT_SPEC_ROOT;
}

/** The top folder of the spec (`spec` for `spec/openapi.yaml`): what must be exported to bundle it. */
function specFolder(rootFile: string): string {
  const first = rootFile.split('/')[0]!;
  return first === rootFile ? rootFile : first;
}

/** Runs redocly bundle in `root` (a checkout or an exported tree) and returns the parsed document. */
export function bundleIn(root: string, outDir: string, name: string): OpenApiDoc | null {
  const rootFile = specRoot(root);
  if (!existsSync(join(root, rootFile))) return null;
  const out = join(outDir, `${name}.json`);
  const args = ['bundle', join(root, rootFile), '--output', out];
  if (existsSync(join(root, REDOCLY_CONFIG))) args.push('--config', join(root, REDOCLY_CONFIG));
  const res = runNode(TOOLS.redocly(), args, { cwd: root });
  if (res.code !== 0 || !existsSync(out)) {
    const tail = res.stderr.trim().split('\n').slice(-15).join('\n');
    throw new Error(`redocly bundle of ${rootFile} failed (${name}):\n${tail}`);
  }
  return JSON.parse(readFileSync(out, 'utf8')) as OpenApiDoc;
}

/** The bundled spec at commit `sha` (exported with git archive), or null when the commit has no spec. */
const atCommit = new Map<string, OpenApiDoc | null>();

export function bundleAtCommit(repo: string, sha: string, tmp: string): OpenApiDoc | null {
  // Keyed by the git object ids of the spec folder and redocly.yaml: the same spec at any commit of any
  // clone is bundled once per process (the gate tests ask repeatedly).
  const ids = [specFolder(specRoot(repo)), REDOCLY_CONFIG].map((p) => run('git', ['rev-parse', '--verify', '--quiet', `${sha}:${p}`], { cwd: repo }).stdout.trim());
  const key = ids.every((id) => id === '') ? `${repo}@${sha}` : ids.join(':');
  if (!atCommit.has(key)) atCommit.set(key, bundleCommit(repo, sha, tmp));
  return structuredClone(atCommit.get(key) ?? null);
}

function bundleCommit(repo: string, sha: string, tmp: string): OpenApiDoc | null {
  const tree = join(tmp, `tree-${sha.slice(0, 12)}`);
  const rootFile = specRoot(repo);
  exportTree(repo, sha, [specFolder(rootFile), REDOCLY_CONFIG], tree);
  // A package.json-less export is fine: redocly resolves only relative $refs inside the spec folder.
  return bundleIn(tree, tmp, `base-${sha.slice(0, 12)}`);
}

/** A hash of every source file of the spec (dist and node_modules skipped) and of redocly.yaml. */
export function specSourceHash(repo: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) hash.update(`${relative(repo, full)}\0`).update(readFileSync(full)).update('\0');
    }
  };
  walk(join(repo, specFolder(specRoot(repo))));
  const config = join(repo, REDOCLY_CONFIG);
  if (existsSync(config)) hash.update(readFileSync(config));
  return hash.digest('hex');
}

// Keyed by content (relative paths and bytes), not by location: identical specs are bundled once.
const workingTree = new Map<string, OpenApiDoc | null>();

/** The bundled spec of the working tree (what the PR would merge); re-bundled only when a source changed. */
export function bundleWorkingTree(repo: string, tmp: string): OpenApiDoc | null {
  const key = specSourceHash(repo);
  if (!workingTree.has(key)) workingTree.set(key, bundleIn(repo, tmp, 'head'));
  return structuredClone(workingTree.get(key) ?? null);
}
