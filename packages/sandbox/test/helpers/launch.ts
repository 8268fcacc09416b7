// Runs the built bin (dist/cli.js) as a real child process: resolves with its URL once it prints the
// `listening` line, or with its exit code and stderr when it refuses to start.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const cli = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli.js');

export interface Running {
  child: ChildProcess;
  url: string;
  pid: number;
  stderr: () => string;
}

export interface Refused {
  code: number | null;
  stderr: string;
}

export interface LaunchOptions {
  /** Node flags, e.g. --max-old-space-size. */
  nodeArgs?: string[];
  /** Run under `ulimit -f` (KiB) in a shell, so journal writes come up short when the file reaches it. */
  fileSizeLimitKiB?: number;
  /** Run as another user (setpriv), e.g. to meet EACCES while the tests run as root. */
  asUser?: number;
}

const children = new Set<ChildProcess>();

export function launchOrRefuse(args: string[], opts: LaunchOptions = {}): Promise<Running | Refused> {
  let cmd = process.execPath;
  let argv = [...(opts.nodeArgs ?? []), cli, ...args];
  if (opts.fileSizeLimitKiB !== undefined) {
    // Node ignores SIGXFSZ itself; the trap keeps the shell's exec from dying before node starts. Only the
    // soft limit is set, so a test can lift it again (`prlimit --fsize=unlimited:`) as a freed disk would.
    argv = ['-c', 'trap "" XFSZ; ulimit -S -f "$0"; exec "$@"', String(opts.fileSizeLimitKiB), cmd, ...argv];
    cmd = 'bash';
  }
  if (opts.asUser !== undefined) {
    argv = [`--reuid=${opts.asUser}`, `--regid=${opts.asUser}`, '--clear-groups', cmd, ...argv];
    cmd = 'setpriv';
  }
  const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let err = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => (err += d));
  return new Promise((resolve) => {
    let out = '';
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (d: string) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl < 0) return;
      const { url, pid } = JSON.parse(out.slice(0, nl)) as { url: string; pid: number };
      resolve({ child, url, pid, stderr: () => err });
    });
    child.once('exit', (code) => resolve({ code, stderr: err }));
  });
}

export async function launch(args: string[], opts: LaunchOptions = {}): Promise<Running> {
  const r = await launchOrRefuse(args, opts);
  if (!('url' in r)) throw new Error(`the sandbox exited with ${r.code}: ${r.stderr}`);
  return r;
}

export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** For afterAll: no child outlives its test file. */
export async function killAll(): Promise<void> {
  await Promise.all([...children].map(killHard));
  children.clear();
}
