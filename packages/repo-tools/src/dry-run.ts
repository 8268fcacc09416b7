// The release dry run: pack every published package as `pnpm publish` would, install the tarballs into a
// fresh project with npm (as a user would, registry only for third-party dependencies such as
// openapi-fetch), and run the smoke script there.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { missingDist, packPackage, type Packed } from './pack.js';
import { run, runOk } from './run.js';
import { vendorDependencies, type Vendored } from './vendor.js';
import { publishedPackages } from './workspace.js';

export interface DryRunOptions {
  repo: string;
  /** Keep the temporary project (its path is in the result) for a look around. */
  keep?: boolean;
  log?: (line: string) => void;
  /**
   * Install third-party dependencies from the workspace's installed copies (packed with npm pack) instead of
   * the registry: no network at all. The test suite uses it; `release --dry-run --offline` too.
   */
  offline?: boolean;
  /** Only these packages (default: every published package). */
  only?: readonly string[];
}

export interface DryRunResult {
  dir: string;
  packed: { name: string; version: string; tarball: string }[];
  /** Third-party packages packed from the workspace (offline mode only). */
  vendored: { name: string; version: string }[];
  smoke: Record<string, unknown>;
  timings: Record<string, number>;
}

/** The compiled smoke script: next to this module in dist, or in dist when running from src (tests). */
export function smokeScript(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const candidate of [join(here, 'smoke.js'), join(here, '../dist/smoke.js')]) if (existsSync(candidate)) return candidate;
  throw new Error('dist/smoke.js is missing: run `pnpm --filter @ims-quick-import/repo-tools build`');
}

/** Workspace-only version ranges must never reach npm: pnpm pack rewrites them; check that it did. */
export function leftoverWorkspaceRanges(manifest: Record<string, any>): string[] {
  const out: string[] = [];
  for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies']) {
    for (const [name, range] of Object.entries((manifest[field] ?? {}) as Record<string, string>)) {
      if (/^(workspace|catalog):/.test(range)) out.push(`${field}.${name}: ${range}`);
    }
  }
  return out;
}

export async function releaseDryRun(opts: DryRunOptions): Promise<DryRunResult> {
  const log = opts.log ?? (() => {});
  const pkgs = publishedPackages(opts.repo).filter((p) => !opts.only || opts.only.includes(p.name));
  const missing = pkgs.map((p) => missingDist(opts.repo, p)).filter((m): m is string => m !== undefined);
  if (missing.length) throw new Error(`cannot dry-run the release, packages are not built:\n  ${missing.join('\n  ')}`);
  const smoke = smokeScript();
  const dir = mkdtempSync(join(tmpdir(), 'release-dry-run-'));
  const timings: Record<string, number> = {};
  const time = <T>(name: string, f: () => T): T => {
    const t0 = performance.now();
    try {
      return f();
    } finally {
      timings[name] = Math.round(performance.now() - t0);
    }
  };
  try {
    const packed: Packed[] = time('pack', () => pkgs.map((p) => packPackage(opts.repo, p, join(dir, 'tarballs'))));
    for (const p of packed) {
      const manifest = JSON.parse(runOk('tar', ['-xOzf', p.tarball, 'package/package.json'], { cwd: dir }).stdout) as Record<string, any>;
      const leftovers = leftoverWorkspaceRanges(manifest);
      if (leftovers.length) throw new Error(`${p.pkg.name}'s tarball still has workspace-only ranges: ${leftovers.join(', ')}`);
      log(`packed ${manifest.name}@${manifest.version} → ${p.tarball}`);
    }
    const project = join(dir, 'project');
    mkdirSync(project);
    const tarballs = packed.map((p) => ({ name: p.pkg.name, tarball: p.tarball }));
    let vendored: Vendored[] = [];
    if (opts.offline) {
      const vendorDir = join(dir, 'vendor');
      mkdirSync(vendorDir);
      const roots = packed.map((p) => ({ dir: join(opts.repo, p.pkg.dir), dependencies: (p.pkg.manifest.dependencies ?? {}) as Record<string, string> }));
      vendored = time('vendor', () => vendorDependencies(roots, new Set(packed.map((p) => p.pkg.name)), vendorDir));
      for (const v of vendored) log(`vendored ${v.name}@${v.version} from the workspace`);
      tarballs.push(...vendored.map((v) => ({ name: v.name, tarball: v.tarball })));
    }
    const dependencies = Object.fromEntries(tarballs.map((t) => [t.name, `file:${t.tarball}`]));
    // Packages that depend on each other (sandbox → validators, and in offline mode openapi-fetch → its
    // helpers) must get the tarball too, not the registry.
    const overrides = Object.fromEntries(tarballs.map((t) => [t.name, `$${t.name}`]));
    writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'release-smoke', private: true, type: 'module', dependencies, overrides }, null, 2)}\n`);
    time('install', () =>
      runOk('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', opts.offline ? '--offline' : '--prefer-offline', '--loglevel=error'], { cwd: project, timeoutMs: 180_000 }),
    );
    log(`installed ${tarballs.length} tarballs into ${project}${opts.offline ? ' (offline)' : ''}`);
    copyFileSync(smoke, join(project, 'smoke.mjs'));
    const res = time('smoke', () => run(process.execPath, ['smoke.mjs'], { cwd: project, timeoutMs: 60_000 }));
    const last = res.stdout.trim().split('\n').at(-1) ?? '';
    let report: Record<string, unknown>;
    try {
      report = JSON.parse(last) as Record<string, unknown>;
    } catch {
      throw new Error(`smoke script printed no report (exit ${res.code}):\n${(res.stderr || res.stdout).trim().split('\n').slice(-20).join('\n')}`);
    }
    if (res.code !== 0 || report.ok !== true) throw new Error(`smoke script failed: ${String(report.error ?? `exit ${res.code}`)}`);
    log(`smoke: ${last}`);
    return {
      dir,
      packed: packed.map((p) => ({ name: p.pkg.name, version: p.pkg.version, tarball: p.tarball })),
      vendored: vendored.map((v) => ({ name: v.name, version: v.version })),
      smoke: report,
      timings,
    };
  } finally {
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
  }
}
