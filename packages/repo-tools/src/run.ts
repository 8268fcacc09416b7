// Child processes and the tools this package ships with. Every tool is resolved from this package's own
// node_modules, so the checks behave the same from the repo root, from a test's temporary repo, or in CI.
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** Stream the child's output to ours instead of capturing it. */
  inherit?: boolean;
  timeoutMs?: number;
}

/** Tools must never phone home or print update banners into our output. */
export const QUIET_ENV: NodeJS.ProcessEnv = {
  REDOCLY_TELEMETRY: 'off',
  REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
  TURBO_TELEMETRY_DISABLED: '1',
  NO_UPDATE_NOTIFIER: '1',
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
};

export function run(cmd: string, args: readonly string[], opts: RunOptions): RunResult {
  const res = spawnSync(cmd, args, {
    cwd: opts.cwd,
    env: { ...process.env, ...QUIET_ENV, ...opts.env },
    input: opts.input,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: opts.inherit ? ['ignore', 'inherit', 'inherit'] : ['pipe', 'pipe', 'pipe'],
    timeout: opts.timeoutMs ?? 10 * 60_000,
  });
  if (res.error) throw new Error(`could not run ${cmd} ${args.join(' ')}: ${res.error.message}`);
  return { code: res.status ?? 1, stdout: res.stdout ?? '', stderr: res.stderr ?? '' };
}

/** Like run, but a non-zero exit becomes an error carrying the tail of stderr. */
export function runOk(cmd: string, args: readonly string[], opts: RunOptions): RunResult {
  const res = run(cmd, args, opts);
  if (res.code !== 0) {
    const tail = (res.stderr || res.stdout).trim().split('\n').slice(-25).join('\n');
    throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${res.code} (in ${opts.cwd}):\n${tail}`);
  }
  return res;
}

const here = dirname(fileURLToPath(import.meta.url));

/** The directory of an installed package, found by walking up node_modules (pnpm symlinks included). */
export function packageDir(name: string): string {
  for (let dir = here; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) throw new Error(`package ${name} is not installed next to repo-tools`);
  }
}

/** Node entry scripts of the CLIs we drive (run with process.execPath, no shell, no PATH lookup). */
export const TOOLS = {
  redocly: () => join(packageDir('@redocly/cli'), 'bin/cli.js'),
  changeset: () => join(packageDir('@changesets/cli'), 'bin.js'),
  attw: () => join(packageDir('@arethetypeswrong/cli'), 'dist/index.js'),
};

export function runNode(script: string, args: readonly string[], opts: RunOptions): RunResult {
  return run(process.execPath, [script, ...args], opts);
}

/** True when the module at `url` is the script node was started with (bin symlinks resolved). */
export function isMainModule(url: string): boolean {
  const script = process.argv[1];
  if (!script || !existsSync(script)) return false;
  return pathToFileURL(realpathSync(script)).href === url;
}
