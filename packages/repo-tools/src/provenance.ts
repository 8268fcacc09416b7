// After a publish: does every package version that was just published carry an npm provenance attestation?
// Asked of the registry with the npm client (`npm view <name>@<version> dist --json`), so a release whose
// provenance silently went missing (a token without OIDC, a pnpm that ignored the setting) fails loudly.
import { execFile } from 'node:child_process';
import { QUIET_ENV } from './run.js';

/** `npm …` without blocking the event loop (a caller may be serving the registry itself: the tests do). */
function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('npm', args, { cwd, env: { ...process.env, ...QUIET_ENV, ...env }, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

export interface PublishedPackage {
  name: string;
  version: string;
}

/** changesets/action's `publishedPackages` output: `[{"name": "@x/y", "version": "1.2.0"}, …]`. */
export function parsePublished(json: string): PublishedPackage[] {
  const data: unknown = JSON.parse(json);
  if (!Array.isArray(data) || !data.every((p) => typeof p?.name === 'string' && typeof p?.version === 'string')) {
    throw new Error(`expected [{"name", "version"}, …], got ${json.slice(0, 200)}`);
  }
  return data as PublishedPackage[];
}

export interface ProvenanceOptions {
  cwd: string;
  /** Registry URL (default: npm's configuration). */
  registry?: string;
  /** The registry may lag a little behind a publish: how many more times to ask, and how long to wait. */
  retries?: number;
  waitMs?: number;
}

async function attestation(p: PublishedPackage, o: ProvenanceOptions): Promise<string | undefined> {
  const env = o.registry ? { npm_config_registry: o.registry } : {};
  const res = await npm(['view', `${p.name}@${p.version}`, 'dist', '--json'], o.cwd, env);
  if (res.code !== 0) return `${p.name}@${p.version}: npm view failed: ${(res.stderr || res.stdout).trim().split('\n').slice(-3).join(' ')}`;
  const dist = (res.stdout.trim() ? JSON.parse(res.stdout) : undefined) as { attestations?: { provenance?: { predicateType?: string } } } | undefined;
  if (!dist) return `${p.name}@${p.version}: not on the registry`;
  const type = dist.attestations?.provenance?.predicateType;
  if (!type || !/^https:\/\/slsa\.dev\/provenance\//.test(type)) return `${p.name}@${p.version}: published without a provenance attestation`;
  return undefined;
}

/** The problems, one per package version without provenance (empty when all have it). */
export async function provenanceProblems(published: readonly PublishedPackage[], o: ProvenanceOptions): Promise<string[]> {
  const problems: string[] = [];
  for (const p of published) {
    let problem = await attestation(p, o);
    for (let i = 0; problem && i < (o.retries ?? 0); i++) {
      await new Promise((r) => setTimeout(r, o.waitMs ?? 10_000));
      problem = await attestation(p, o);
    }
    if (problem) problems.push(problem);
  }
  return problems;
}
