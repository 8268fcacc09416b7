// Offline mode of the release dry run: third-party runtime dependencies (openapi-fetch and what it needs)
// are packed (tar) from the copies pnpm installed in the workspace, so `npm install --offline` needs no registry
// and the test suite talks to nothing but 127.0.0.1.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runOk } from './run.js';

export interface Vendored {
  name: string;
  version: string;
  tarball: string;
}

/** The installed copy of `name` as seen from `fromDir` (node resolution: walk up node_modules). */
export function installedDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) return undefined;
  }
}

/**
 * Packs every runtime dependency (transitively) of the given packages that is not itself one of them.
 * `roots` maps a package's installed directory to its runtime dependencies.
 */
export function vendorDependencies(roots: { dir: string; dependencies: Record<string, string> }[], skip: ReadonlySet<string>, dest: string): Vendored[] {
  const out = new Map<string, Vendored>();
  const queue = roots.map((r) => ({ from: r.dir, deps: Object.keys(r.dependencies) }));
  while (queue.length) {
    const { from, deps } = queue.shift()!;
    for (const name of deps) {
      if (skip.has(name) || out.has(name)) continue;
      const dir = installedDir(name, from);
      if (!dir) throw new Error(`offline dry run: ${name} (needed from ${from}) is not installed in the workspace`);
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string; dependencies?: Record<string, string> };
      // An installed package folder holds exactly its published files (pnpm keeps its dependencies beside
      // it, not inside), so a tar of it under `package/` is the tarball npm would have downloaded.
      const tarball = join(dest, `${name.replace(/^@/, '').replace(/\//g, '-')}-${manifest.version}.tgz`);
      runOk('tar', ['-czf', tarball, '--exclude=./node_modules', '--transform', 's,^\\.,package,', '-C', dir, '.'], { cwd: dest });
      out.set(name, { name, version: manifest.version, tarball });
      queue.push({ from: dir, deps: Object.keys(manifest.dependencies ?? {}) });
    }
  }
  return [...out.values()];
}
