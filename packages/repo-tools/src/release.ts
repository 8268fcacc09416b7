#!/usr/bin/env node
// `pnpm release [--dry-run] [--skip-build] [--keep]`
//   release:   build → changeset version → changeset publish
//   --dry-run: build → pack every published package → install the tarballs into a fresh project → smoke test
import { parseArgs } from 'node:util';
import { releaseDryRun } from './dry-run.js';
import { repoRoot } from './git.js';
import { TOOLS, isMainModule, runOk } from './run.js';

const HELP = `Usage: release [--dry-run [--offline]] [--skip-build] [--keep]
  (no flag)     pnpm build, changeset version, changeset publish (needs npm credentials)
  --dry-run     pnpm build, then pack every published package, install the tarballs into a fresh
                temporary project and run the smoke script there (client ↔ sandbox, validators, docs)
  --offline     (with --dry-run) install third-party dependencies from the workspace's installed
                copies instead of the registry: no network at all
  --skip-build  use the dist folders as they are
  --keep        keep the dry run's temporary project and print its path
`;

export async function release(argv: string[], cwd = process.cwd()): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { 'dry-run': { type: 'boolean' }, offline: { type: 'boolean' }, 'skip-build': { type: 'boolean' }, keep: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const repo = repoRoot(cwd);
  const step = (s: string) => process.stdout.write(`\n▶ ${s}\n`);
  if (!values['skip-build']) {
    step('pnpm build');
    runOk('pnpm', ['run', 'build'], { cwd: repo, inherit: true });
  }
  if (values['dry-run']) {
    step('pack, install into a fresh project, smoke test');
    const r = await releaseDryRun({ repo, keep: values.keep ?? false, offline: values.offline ?? false, log: (l) => process.stdout.write(`  ${l}\n`) });
    process.stdout.write(`\nrelease dry run passed: ${r.packed.map((p) => `${p.name}@${p.version}`).join(', ')}\n`);
    process.stdout.write(`  smoke: ${JSON.stringify(r.smoke)}\n`);
    process.stdout.write(`  timings (ms): ${JSON.stringify(r.timings)}${values.keep ? `\n  kept: ${r.dir}` : ''}\n`);
    return;
  }
  step('changeset version');
  runOk(process.execPath, [TOOLS.changeset(), 'version'], { cwd: repo, inherit: true });
  step('changeset publish');
  runOk(process.execPath, [TOOLS.changeset(), 'publish'], { cwd: repo, inherit: true });
}

if (isMainModule(import.meta.url)) {
  release(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`release: ${(e as Error).message}\n`);
    process.exitCode = 1;
  });
}
