// The checks `check:pr` runs, each returning a CheckResult. They share one context so the working tree's
// spec is bundled once, and everything temporary lives in one directory the CLI removes at the end.
import { diffApis } from './api-diff.js';
import { summarizeApiChanges, changeLine } from './api-summary.js';
import { bundleAtCommit, bundleWorkingTree, REDOCLY_CONFIG, type OpenApiDoc } from './bundle-spec.js';
import { changesetsSince } from './changesets.js';
import { SPEC_VERSION_FIELD, exportedSpecVersion, specVersionProblems, trackedGeneratedFiles } from './drift.js';
import { evaluateGate } from './gate.js';
import { changedFiles, type BaseResolution } from './git.js';
import { attwPacked, publintPacked } from './package-lint.js';
import { missingDist, packPackage } from './pack.js';
import type { CheckResult } from './report.js';
import { TOOLS, runNode } from './run.js';
import { SIZE_BUDGETS, formatSize, measureSize } from './size.js';
import { isShipped, listPackages, packageOf, publishedPackages } from './workspace.js';

export interface CheckContext {
  repo: string;
  base: BaseResolution;
  tmp: string;
  githubActions: boolean;
  headBundle?: OpenApiDoc | null;
}

function headBundle(ctx: CheckContext): OpenApiDoc | null {
  if (ctx.headBundle === undefined) ctx.headBundle = bundleWorkingTree(ctx.repo, ctx.tmp);
  return ctx.headBundle;
}

const BANNER = /^[\s│╭╰─┌└┐┘╔╚═║]*$|^\s*[│║]/;

export function lintSpec(ctx: CheckContext): CheckResult {
  const name = 'spec lint (redocly)';
  const args = ['lint', '--config', REDOCLY_CONFIG];
  if (ctx.githubActions) args.push('--format=github-actions');
  const res = runNode(TOOLS.redocly(), args, { cwd: ctx.repo });
  // Redocly prints to both streams, behind a boxed Node 20 deprecation banner; keep the findings.
  const all = `${res.stdout}\n${res.stderr}`.split('\n').filter((l) => l.trim() !== '' && !BANNER.test(l));
  const annotations = all.filter((l) => l.startsWith('::'));
  const text = all.filter((l) => !l.startsWith('::'));
  if (res.code === 0) return { name, status: 'pass', lines: text.slice(-3), failures: [], annotations };
  const findings = ctx.githubActions ? annotations.map((a) => a.replace(/^::\w+ [^:]*::/, '')).join('\n') || text.join('\n') : text.join('\n');
  return { name, status: 'fail', lines: [], failures: [`redocly lint found problems:\n${findings}`], annotations };
}

export function apiAndChangesets(ctx: CheckContext): CheckResult {
  const name = 'API changes and changesets';
  if (!ctx.base.ok) return { name, status: 'skip', lines: [`nothing to compare: ${ctx.base.reason}`], failures: [] };
  const base = ctx.base.base;
  const lines = [`base: ${base.label} (${base.sha.slice(0, 10)}) — ${base.reason}`];
  const failures: string[] = [];
  const warnings: string[] = [];
  const after = headBundle(ctx);
  if (!after) return { name, status: 'fail', lines, failures: ['the working tree has no spec to bundle'] };
  const before = bundleAtCommit(ctx.repo, base.sha, ctx.tmp);
  let breaking: ReturnType<typeof diffApis> = [];
  let contractChanges = 0;
  if (!before) {
    lines.push('the base has no spec: every operation is new, nothing can break');
  } else {
    const changes = diffApis(before, after);
    breaking = changes.filter((c) => c.severity === 'breaking');
    contractChanges = changes.filter((c) => c.severity !== 'annotation').length;
    lines.push(`spec ${before.info?.version ?? '?'} → ${after.info?.version ?? '?'}`, ...summarizeApiChanges(changes).split('\n'));
    for (const c of breaking) warnings.push(`breaking: ${changeLine(c)}`);
  }
  const all = listPackages(ctx.repo);
  const published = publishedPackages(ctx.repo);
  const changed = changedFiles(ctx.repo, base.sha);
  const changedPackages = new Map<string, string>();
  for (const f of changed) {
    const pkg = packageOf(all, f.path);
    if (!pkg || pkg.private || changedPackages.has(pkg.name)) continue;
    if (isShipped(f.path.slice(pkg.dir.length + 1))) changedPackages.set(pkg.name, `e.g. ${f.path}`);
  }
  // Packages generated from the spec change whenever the contract does, even if none of their files did
  // (.changeset/README.md: "minor for the packages whose output changes").
  if (contractChanges > 0) {
    for (const pkg of published) {
      if (pkg.manifest[SPEC_VERSION_FIELD]?.specVersion !== undefined && !changedPackages.has(pkg.name)) {
        changedPackages.set(pkg.name, `built from the spec, and the API contract has ${contractChanges} change${contractChanges === 1 ? '' : 's'}`);
      }
    }
  }
  let changesets;
  try {
    changesets = changesetsSince(ctx.repo, changed, base.sha);
  } catch (e) {
    return { name, status: 'fail', lines, failures: [(e as Error).message] };
  }
  lines.push(`changesets since base: ${changesets.length === 0 ? 'none' : changesets.map((c) => `${c.file}${c.consumed ? ' (consumed by changeset version)' : ''}`).join(', ')}`);
  const gate = evaluateGate({ breaking, changedPackages, changesets, workspacePackages: all.map((p) => p.name) });
  lines.push(...gate.notes);
  failures.push(...gate.problems);
  return { name, status: failures.length ? 'fail' : 'pass', lines, failures, warnings };
}

export function drift(ctx: CheckContext): CheckResult {
  const name = 'generated-code drift and spec versions';
  const failures: string[] = [];
  const lines: string[] = [];
  const tracked = trackedGeneratedFiles(ctx.repo);
  if (tracked.length) failures.push(`generated files are committed (they are rebuilt by turbo and must be git-ignored): ${tracked.slice(0, 10).join(', ')}`);
  else lines.push('no generated file is tracked by git');
  const bundle = headBundle(ctx);
  const version = bundle?.info?.version;
  if (!version) return { name, status: 'fail', lines, failures: [...failures, 'the bundled spec has no info.version'] };
  const pkgs = publishedPackages(ctx.repo);
  for (const p of specVersionProblems(pkgs, version)) failures.push(`${p.name}: ${p.problem}`);
  for (const pkg of pkgs) {
    const exported = exportedSpecVersion(ctx.repo, pkg);
    if (!exported) continue;
    if (exported.error) failures.push(`${pkg.name}: ${exported.error}`);
    else if (exported.value !== version) failures.push(`${pkg.name}: dist exports SPEC_VERSION ${exported.value}, the bundle is ${version} (rebuild)`);
    else lines.push(`${pkg.name}: SPEC_VERSION ${exported.value}`);
  }
  lines.unshift(`spec version ${version}`);
  return { name, status: failures.length ? 'fail' : 'pass', lines, failures };
}

export async function packageLint(ctx: CheckContext): Promise<CheckResult> {
  const name = 'package lint (publint, attw)';
  const lines: string[] = [];
  const failures: string[] = [];
  const warnings: string[] = [];
  for (const pkg of publishedPackages(ctx.repo)) {
    const missing = missingDist(ctx.repo, pkg);
    if (missing) {
      failures.push(missing);
      continue;
    }
    const packed = packPackage(ctx.repo, pkg, `${ctx.tmp}/packs`);
    const outcomes = [await publintPacked(packed), attwPacked(packed, ctx.repo)];
    const errors = outcomes.flatMap((o) => o.errors);
    const warns = outcomes.flatMap((o) => o.warnings);
    failures.push(...errors.map((e) => `${pkg.name}: ${e}`), ...warns.map((w) => `${pkg.name}: ${w}`));
    warnings.push(...outcomes.flatMap((o) => o.notes).filter((n) => n.startsWith('publint')).map((n) => `${pkg.name}: ${n}`));
    lines.push(`${pkg.name}: ${errors.length + warns.length === 0 ? 'clean' : `${errors.length} errors, ${warns.length} warnings`}${outcomes.flatMap((o) => o.notes).map((n) => `; ${n}`).join('')}`);
  }
  return { name, status: failures.length ? 'fail' : 'pass', lines, failures, warnings };
}

export async function sizeBudgets(ctx: CheckContext): Promise<CheckResult> {
  const name = 'size budgets';
  const lines: string[] = [];
  const failures: string[] = [];
  const pkgs = listPackages(ctx.repo);
  for (const [pkgName, budget] of Object.entries(SIZE_BUDGETS)) {
    const pkg = pkgs.find((p) => p.name === pkgName);
    if (!pkg) continue;
    const missing = missingDist(ctx.repo, pkg);
    if (missing) {
      failures.push(missing);
      continue;
    }
    try {
      const r = await measureSize(ctx.repo, pkg, budget);
      (r.ok ? lines : failures).push(formatSize(r));
    } catch (e) {
      failures.push(`${pkgName}: could not bundle its entry: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return { name, status: failures.length ? 'fail' : 'pass', lines, failures };
}
