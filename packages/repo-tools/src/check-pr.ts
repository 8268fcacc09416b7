#!/usr/bin/env node
// `pnpm check:pr [--base <ref>] [--skip a,b] [--only a,b]` — the one gate a pull request must pass.
// Run from anywhere inside the repo; it reads the working tree and git, and writes only to a temp dir.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { apiAndChangesets, drift, lintSpec, packageLint, sizeBudgets, type CheckContext } from './checks.js';
import { isGitRepo, repoRoot, resolveBase } from './git.js';
import { inGitHubActions, printResults, type CheckResult } from './report.js';
import { isMainModule } from './run.js';
import { workflowsCheck } from './workflow-lint.js';
import { translations } from './translations.js';

export const CHECKS = {
  lint: lintSpec,
  api: apiAndChangesets,
  drift,
  packages: packageLint,
  size: sizeBudgets,
  workflows: workflowsCheck,
  translations,
} as const;
export type CheckName = keyof typeof CHECKS;

const HELP = `Usage: check-pr [--base <git ref>] [--skip <checks>] [--only <checks>]

Checks (comma-separated names for --skip/--only): ${Object.keys(CHECKS).join(', ')}
  lint      redocly lint of the spec (GitHub annotations when GITHUB_ACTIONS=true)
  api       bundle the spec at the base and in the working tree, classify every change (request/response
            aware), and gate changesets: breaking => major for client and validators; any changed
            published package needs a changeset
  drift     no src/generated/ file is tracked; every package's specVersion and SPEC_VERSION match the bundle
  packages  publint and attw on the packed tarball of every published package (needs \`pnpm build\`)
  size      client <= 12 kB, validators <= 100 kB minified, with dependencies bundled (needs \`pnpm build\`)
  workflows actionlint on .github/workflows/*, actions pinned to commit SHAs, Node matrices and every
            published package's engines.node on the tested lines (20, 22, 24)
  translations  the docs' zh-CN edition translates every spec text, guide and decision record, none
            stale; prints the coverage (needs the docs tools, built by \`pnpm build\`)

The base defaults to the merge base of HEAD with main (or origin/main). When HEAD is main itself, uncommitted
work is compared with HEAD, and a clean tree with HEAD~1.
`;

export async function checkPr(argv: string[], cwd = process.cwd()): Promise<{ ok: boolean; results: CheckResult[] }> {
  const { values } = parseArgs({
    args: argv,
    options: { base: { type: 'string' }, skip: { type: 'string' }, only: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return { ok: true, results: [] };
  }
  const names = Object.keys(CHECKS) as CheckName[];
  const list = (s?: string) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : []);
  for (const n of [...list(values.skip), ...list(values.only)]) {
    if (!names.includes(n as CheckName)) throw new Error(`unknown check "${n}" (known: ${names.join(', ')})`);
  }
  const selected = names.filter((n) => (values.only ? list(values.only).includes(n) : true) && !list(values.skip).includes(n));
  if (!isGitRepo(cwd)) throw new Error(`${cwd} is not inside a git repository`);
  const repo = repoRoot(cwd);
  const tmp = mkdtempSync(join(tmpdir(), 'check-pr-'));
  const ctx: CheckContext = { repo, base: resolveBase(repo, values.base), tmp, githubActions: inGitHubActions() };
  const results: CheckResult[] = [];
  try {
    for (const n of selected) {
      try {
        results.push(await CHECKS[n](ctx));
      } catch (e) {
        results.push({ name: n, status: 'fail', lines: [], failures: [`the check itself crashed: ${(e as Error).message}`] });
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { ok: results.every((r) => r.status !== 'fail'), results };
}

if (isMainModule(import.meta.url)) {
  checkPr(process.argv.slice(2)).then(
    ({ ok, results }) => {
      if (results.length) printResults(results);
      process.exitCode = ok ? 0 : 1;
    },
    (e: unknown) => {
      process.stderr.write(`check:pr: ${(e as Error).message}\n`);
      process.exitCode = 2;
    },
  );
}
