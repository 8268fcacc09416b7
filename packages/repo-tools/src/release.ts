#!/usr/bin/env node
// `pnpm release [--dry-run [--offline]] [--version] [--skip-build] [--keep]`
//   --dry-run: build → pack every published package → install the tarballs into a fresh project → smoke test
//   (none):    the same dry run, then `changeset publish` — nothing is published that the dry run rejects
//   --version: `changeset version` (what the release workflow's "Version packages" pull request carries)
// The release workflow runs exactly these: `pnpm release --version` to open the pull request, and
// `pnpm release` once it is merged, with npm provenance.
import { parseArgs } from 'node:util';
import { releaseDryRun } from './dry-run.js';
import { parsePublished, provenanceProblems } from './provenance.js';
import { repoRoot } from './git.js';
import { TOOLS, isMainModule, runOk } from './run.js';

const HELP = `Usage: release [--dry-run [--offline]] [--version] [--skip-build] [--keep] [--check-provenance]
  --dry-run     pnpm build, then pack every published package, install the tarballs into a fresh
                temporary project and run the smoke script there (client ↔ sandbox, validators, docs)
  (no flag)     the dry run above, then changeset publish (needs npm credentials; publishes the
                versions not on the registry yet and prints "New tag:" lines for each)
  --version     changeset version: consume .changeset/*.md, bump versions, write CHANGELOGs
  --offline     (with --dry-run) install third-party dependencies from the workspace's installed
                copies instead of the registry: no network at all
  --skip-build  use the dist folders as they are
  --keep        keep the dry run's temporary project and print its path
  --check-provenance  after a publish: every package version in $PUBLISHED_PACKAGES (changesets/action's
                publishedPackages JSON) must carry an npm provenance attestation
`;

export interface ReleaseStep {
  title: string;
  run: () => void | Promise<void>;
}

export interface ReleaseOptions {
  dryRun?: boolean;
  offline?: boolean;
  version?: boolean;
  skipBuild?: boolean;
  keep?: boolean;
}

/** The steps a release runs, in order; the publish path is the dry run plus one last step. */
export function releaseSteps(repo: string, o: ReleaseOptions, out: (s: string) => void = (s) => process.stdout.write(s)): ReleaseStep[] {
  if (o.version) {
    if (o.dryRun || o.offline || o.keep) throw new Error('--version takes no other option but --skip-build (it builds nothing)');
    return [{ title: 'changeset version', run: () => void runOk(process.execPath, [TOOLS.changeset(), 'version'], { cwd: repo, inherit: true }) }];
  }
  if (o.offline && !o.dryRun) throw new Error('--offline only goes with --dry-run: publishing needs the registry');
  const steps: ReleaseStep[] = [];
  if (!o.skipBuild) steps.push({ title: 'pnpm build', run: () => void runOk('pnpm', ['run', 'build'], { cwd: repo, inherit: true }) });
  steps.push({
    title: 'pack, install into a fresh project, smoke test',
    run: async () => {
      const r = await releaseDryRun({ repo, keep: o.keep ?? false, offline: o.offline ?? false, log: (l) => out(`  ${l}\n`) });
      out(`\nrelease dry run passed: ${r.packed.map((p) => `${p.name}@${p.version}`).join(', ')}\n`);
      out(`  smoke: ${JSON.stringify(r.smoke)}\n`);
      out(`  timings (ms): ${JSON.stringify(r.timings)}${o.keep ? `\n  kept: ${r.dir}` : ''}\n`);
    },
  });
  // Inherited output: changesets/action reads the "New tag:" lines to learn what was published.
  if (!o.dryRun) steps.push({ title: 'changeset publish', run: () => void runOk(process.execPath, [TOOLS.changeset(), 'publish'], { cwd: repo, inherit: true }) });
  return steps;
}

export async function release(argv: string[], cwd = process.cwd()): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'dry-run': { type: 'boolean' },
      offline: { type: 'boolean' },
      version: { type: 'boolean' },
      'skip-build': { type: 'boolean' },
      keep: { type: 'boolean' },
      'check-provenance': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (values['check-provenance']) {
    const published = parsePublished(process.env.PUBLISHED_PACKAGES ?? '[]');
    const problems = await provenanceProblems(published, { cwd, retries: 6, waitMs: 10_000 });
    if (problems.length) throw new Error(`provenance missing:\n${problems.join('\n')}`);
    process.stdout.write(`provenance attested: ${published.map((p) => `${p.name}@${p.version}`).join(', ') || '(nothing published)'}\n`);
    return;
  }
  const steps = releaseSteps(repoRoot(cwd), {
    dryRun: values['dry-run'], offline: values.offline, version: values.version, skipBuild: values['skip-build'], keep: values.keep,
  });
  for (const step of steps) {
    process.stdout.write(`\n▶ ${step.title}\n`);
    await step.run();
  }
}

if (isMainModule(import.meta.url)) {
  release(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`release: ${(e as Error).message}\n`);
    process.exitCode = 1;
  });
}
