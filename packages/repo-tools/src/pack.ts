// `pnpm pack` of workspace packages: the tarball is what npm users get, with workspace: and catalog:
// ranges rewritten to real versions — so both the package lint and the release dry run look at it.
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { runOk } from './run.js';
import type { WorkspacePackage } from './workspace.js';

export interface Packed {
  pkg: WorkspacePackage;
  tarball: string;
}

/** Fails with a clear message when a package that ships `dist` has not been built. */
export function missingDist(repo: string, pkg: WorkspacePackage): string | undefined {
  const files: unknown = pkg.manifest.files;
  const shipsDist = Array.isArray(files) && files.some((f) => typeof f === 'string' && /^\.?\/?dist(\/|$)/.test(f));
  if (shipsDist && !existsSync(join(repo, pkg.dir, 'dist'))) {
    return `${pkg.name}: ${pkg.dir}/dist is missing — run \`pnpm build\` first`;
  }
  return undefined;
}

export function packPackage(repo: string, pkg: WorkspacePackage, dest: string): Packed {
  const out = join(dest, pkg.name.replace(/^@/, '').replace(/\//g, '-'));
  mkdirSync(out, { recursive: true });
  runOk('pnpm', ['pack', '--pack-destination', out], { cwd: join(repo, pkg.dir) });
  const tgz = readdirSync(out).filter((f) => f.endsWith('.tgz'));
  if (tgz.length !== 1) throw new Error(`pnpm pack of ${pkg.name} left ${tgz.length} tarballs in ${out}`);
  return { pkg, tarball: join(out, tgz[0]!) };
}
