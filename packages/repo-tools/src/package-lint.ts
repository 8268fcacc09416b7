// publint and attw on a packed tarball: the checks run against exactly what npm would ship.
import { readFileSync } from 'node:fs';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { TOOLS, runNode } from './run.js';
import type { Packed } from './pack.js';

export interface LintOutcome {
  name: string;
  errors: string[];
  warnings: string[];
  notes: string[];
}

export async function publintPacked(packed: Packed): Promise<LintOutcome> {
  const buf = readFileSync(packed.tarball);
  const tarball = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  const { messages, pkg } = await publint({ pack: { tarball }, level: 'suggestion' });
  const out: LintOutcome = { name: packed.pkg.name, errors: [], warnings: [], notes: [] };
  for (const m of messages) {
    const text = `publint ${m.code}: ${formatMessage(m, pkg, { color: false }) ?? m.code}`;
    (m.type === 'error' ? out.errors : m.type === 'warning' ? out.warnings : out.notes).push(text);
  }
  return out;
}

/** True when the package exposes TypeScript types — attw has nothing to check otherwise (spec, docs). */
export function hasTypes(manifest: Record<string, any>): boolean {
  return typeof manifest.types === 'string' || typeof manifest.typings === 'string' || JSON.stringify(manifest.exports ?? {}).includes('"types"');
}

/**
 * Export subpaths that are files rather than modules (`./index.html`, `./openapi.json`): attw would report
 * them as unresolvable modules, so they are left out of its entry points.
 */
export function nonModuleSubpaths(manifest: Record<string, any>): string[] {
  const exp = manifest.exports;
  if (!exp || typeof exp !== 'object' || Array.isArray(exp)) return [];
  const targets = (t: unknown): string[] =>
    typeof t === 'string' ? [t] : t && typeof t === 'object' ? Object.values(t as Record<string, unknown>).flatMap(targets) : [];
  return Object.entries(exp as Record<string, unknown>)
    .filter(([key]) => key.startsWith('.'))
    .filter(([, target]) => !targets(target).some((f) => /\.(d\.)?[cm]?[jt]s$/.test(f)))
    .map(([key]) => key);
}

/** What attw's esm-only profile ignores: CommonJS `require` resolution (node16-cjs) and node10. */
const IGNORED_RESOLUTIONS = new Set(['node10', 'node16-cjs']);

interface AttwJson {
  analysis?: { problems?: { kind: string; entrypoint?: string; resolutionKind?: string }[] };
}

/**
 * attw with the esm-only profile: these packages ship ESM only on purpose (Node ≥ 20 can require() ESM),
 * so CommonJS resolution failures are expected; every other problem fails.
 */
export function attwPacked(packed: Packed, cwd: string): LintOutcome {
  const out: LintOutcome = { name: packed.pkg.name, errors: [], warnings: [], notes: [] };
  if (!hasTypes(packed.pkg.manifest)) {
    out.notes.push('attw: skipped, the package has no TypeScript entry');
    return out;
  }
  const args = [packed.tarball, '--format', 'json', '--profile', 'esm-only', '--no-color'];
  const assets = nonModuleSubpaths(packed.pkg.manifest);
  if (assets.length) args.push('--exclude-entrypoints', ...assets);
  const res = runNode(TOOLS.attw(), args, { cwd });
  let parsed: AttwJson;
  try {
    parsed = JSON.parse(res.stdout) as AttwJson;
  } catch {
    out.errors.push(`attw did not run (exit ${res.code}): ${(res.stderr || res.stdout).trim().split('\n').slice(-5).join(' ')}`);
    return out;
  }
  // The JSON lists every problem whatever the profile; apply the esm-only profile's filter ourselves.
  const problems = (parsed.analysis?.problems ?? []).filter((p) => !p.resolutionKind || !IGNORED_RESOLUTIONS.has(p.resolutionKind));
  for (const p of problems) {
    out.errors.push(`attw ${p.kind}${p.entrypoint ? ` at ${p.entrypoint}` : ''}${p.resolutionKind ? ` (${p.resolutionKind})` : ''}`);
  }
  if (problems.length === 0 && res.code === 0) out.notes.push('attw: no problems (esm-only profile)');
  return out;
}
