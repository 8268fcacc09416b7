// The workspace's packages, read from pnpm-workspace.yaml, and which of them are published.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface WorkspacePackage {
  name: string;
  /** Directory relative to the repo root, `/`-separated, no trailing slash. */
  dir: string;
  version: string;
  private: boolean;
  manifest: Record<string, any>;
}

/** Expands the `packages` globs this repo uses: a folder (`spec`) or a folder's children (`packages/*`). */
export function listPackages(repo: string): WorkspacePackage[] {
  const wsFile = join(repo, 'pnpm-workspace.yaml');
  const globs: string[] = existsSync(wsFile) ? ((parse(readFileSync(wsFile, 'utf8')) as { packages?: string[] } | null)?.packages ?? []) : [];
  const dirs: string[] = [];
  for (const glob of globs) {
    if (glob.startsWith('!')) continue;
    if (glob.endsWith('/*')) {
      const parent = glob.slice(0, -2);
      if (!existsSync(join(repo, parent))) continue;
      for (const entry of readdirSync(join(repo, parent), { withFileTypes: true })) {
        if (entry.isDirectory()) dirs.push(`${parent}/${entry.name}`);
      }
    } else if (!glob.includes('*')) {
      dirs.push(glob.replace(/\/$/, ''));
    } else {
      throw new Error(`pnpm-workspace.yaml glob ${glob} is not supported by repo-tools (use "dir" or "dir/*")`);
    }
  }
  const out: WorkspacePackage[] = [];
  for (const dir of dirs.sort()) {
    const file = join(repo, dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;
    if (typeof manifest.name !== 'string') continue;
    out.push({ name: manifest.name, dir, version: String(manifest.version ?? '0.0.0'), private: manifest.private === true, manifest });
  }
  return out;
}

export function publishedPackages(repo: string): WorkspacePackage[] {
  return listPackages(repo).filter((p) => !p.private);
}

/** The package that owns a repo-relative path (the deepest package folder containing it). */
export function packageOf(pkgs: readonly WorkspacePackage[], path: string): WorkspacePackage | undefined {
  let best: WorkspacePackage | undefined;
  for (const p of pkgs) {
    if (path.startsWith(`${p.dir}/`) && (!best || p.dir.length > best.dir.length)) best = p;
  }
  return best;
}

// Files that never reach a package's users: a change to them alone needs no changeset.
const NOT_SHIPPED = [/(^|\/)(test|tests|__tests__|bench|fixtures)\//, /\.test(-d)?\.[cm]?[jt]sx?$/, /(^|\/)vitest\.config\.[cm]?[jt]s$/, /(^|\/)turbo\.json$/, /(^|\/)tsconfig(\.[\w-]+)?\.json$/];

export function isShipped(pathInPackage: string): boolean {
  return !NOT_SHIPPED.some((re) => re.test(pathInPackage));
}
