// Drift between the spec and what was built from it. Generated code is git-ignored and rebuilt by turbo,
// so "drift" here means: nothing generated is committed (it would go stale silently), and every published
// package says it was built from the spec version the bundle now carries.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { trackedFiles } from './git.js';
import { run } from './run.js';
import { entryFile } from './size.js';
import type { WorkspacePackage } from './workspace.js';

export const SPEC_VERSION_FIELD = 'ims-quick-import';
/** The spec package is the bundle itself: it carries no "built from" version. */
export const SPEC_PACKAGE = '@ims-quick-import/spec';

export function trackedGeneratedFiles(repo: string): string[] {
  return trackedFiles(repo).filter((f) => /(^|\/)src\/generated\//.test(f));
}

export interface SpecVersionProblem {
  name: string;
  problem: string;
}

/** Checks `"ims-quick-import": { "specVersion" }` in each manifest against the bundle's info.version. */
export function specVersionProblems(pkgs: readonly WorkspacePackage[], bundleVersion: string): SpecVersionProblem[] {
  const out: SpecVersionProblem[] = [];
  for (const pkg of pkgs) {
    if (pkg.name === SPEC_PACKAGE) continue;
    const declared: unknown = pkg.manifest[SPEC_VERSION_FIELD]?.specVersion;
    if (declared === undefined) out.push({ name: pkg.name, problem: `package.json has no "${SPEC_VERSION_FIELD}": { "specVersion": "${bundleVersion}" }` });
    else if (declared !== bundleVersion) out.push({ name: pkg.name, problem: `package.json says specVersion ${String(declared)}, the bundle is ${bundleVersion}` });
  }
  return out;
}

/**
 * The SPEC_VERSION the built entry exports, read in a child process (a package's entry must not be able to
 * hang or pollute the gate). undefined when the package has no JS entry or it is not built.
 */
export function exportedSpecVersion(repo: string, pkg: WorkspacePackage): { value?: string; error?: string } | undefined {
  const entry = entryFile(pkg.manifest);
  if (!entry || !/\.[cm]?js$/.test(entry)) return undefined;
  const file = join(repo, pkg.dir, entry);
  if (!existsSync(file)) return undefined;
  const script = `import(${JSON.stringify(pathToFileURL(file).href)}).then((m) => { process.stdout.write(JSON.stringify(m.SPEC_VERSION ?? null)); process.exit(0); }, (e) => { process.stderr.write(String(e && e.message)); process.exit(1); });`;
  const res = run(process.execPath, ['--input-type=module', '-e', script], { cwd: join(repo, pkg.dir), timeoutMs: 20_000 });
  if (res.code !== 0) return { error: `importing ${entry} failed: ${res.stderr.trim().split('\n')[0] ?? ''}` };
  const value = JSON.parse(res.stdout || 'null') as unknown;
  return typeof value === 'string' ? { value } : { error: `${entry} does not export SPEC_VERSION` };
}
