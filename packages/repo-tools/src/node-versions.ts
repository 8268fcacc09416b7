// The Node.js lines the published packages are tested on, in one place: the workflow matrices, the
// `engines` field of every published package and `pnpm test:node-matrix` are all checked against it.
// Node 20 reached its end of life in April 2026 but is still tested (this machine and many CI images run
// it); 22 and 24 are the maintained LTS lines users run.
import type { WorkspacePackage } from './workspace.js';

export const TESTED_NODE_MAJORS = [20, 22, 24] as const;

/**
 * What `engines.node` of each published package says. 20.19 and 22.12 are the first releases of their
 * lines that load ESM from `require()` without a flag — these packages are ESM-only and rely on it.
 * Later majors are not blocked (npm only warns on engines, and blocking an untested newer Node would be
 * stricter than we know to be needed).
 */
export const ENGINES_NODE = '^20.19.0 || ^22.12.0 || >=24.0.0';

/** Published packages whose `engines.node` is not {@link ENGINES_NODE}. */
export function engineProblems(published: readonly WorkspacePackage[]): string[] {
  const problems: string[] = [];
  for (const p of published) {
    const engines = p.manifest.engines as { node?: unknown } | undefined;
    if (engines?.node !== ENGINES_NODE) {
      problems.push(`${p.dir}/package.json: engines.node is ${JSON.stringify(engines?.node ?? null)}, the tested lines are ${JSON.stringify(ENGINES_NODE)} (see packages/repo-tools/src/node-versions.ts)`);
    }
  }
  return problems;
}

/** The Node lines a workflow's `strategy.matrix.node` lists, job by job (jobs without one are left out). */
export function matrixNodeVersions(workflow: unknown): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const jobs = (workflow as { jobs?: Record<string, unknown> } | null)?.jobs;
  if (!jobs || typeof jobs !== 'object') return out;
  for (const [id, job] of Object.entries(jobs)) {
    const node = (job as { strategy?: { matrix?: { node?: unknown } } } | null)?.strategy?.matrix?.node;
    if (Array.isArray(node)) out.set(id, node.map(String));
  }
  return out;
}

/** A workflow's node matrices that test other lines than {@link TESTED_NODE_MAJORS}. */
export function matrixProblems(workflow: unknown): string[] {
  const want = TESTED_NODE_MAJORS.map(String).join(', ');
  const problems: string[] = [];
  for (const [job, versions] of matrixNodeVersions(workflow)) {
    if ([...versions].sort().join(', ') !== want) problems.push(`job "${job}" tests Node ${versions.join(', ')}; the published packages promise ${want}`);
  }
  return problems;
}
