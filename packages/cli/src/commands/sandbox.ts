// `sandbox`: runs the sandbox package's own bin (ims-sandbox) with the arguments as given, in this terminal,
// and exits with its exit code. Nothing is reimplemented here: the sandbox is the reference server.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { EXIT, UsageError } from '../errors.js';
import type { Messages } from '../i18n/index.js';

/** The absolute path of the installed sandbox package's bin. */
export function sandboxBin(m: Messages): string {
  try {
    const manifestPath = createRequire(import.meta.url).resolve('@ims-quick-import/sandbox/package.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: string | Record<string, string> };
    const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.['ims-sandbox'];
    if (!bin) throw new Error('package.json has no "ims-sandbox" bin');
    return join(dirname(manifestPath), bin);
  } catch (e) {
    throw new UsageError(m.errSandboxMissing((e as Error).message));
  }
}

export function sandboxCommand(args: string[], m: Messages, signals: Pick<NodeJS.Process, 'on' | 'off'> = process): Promise<number> {
  const bin = sandboxBin(m);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], { stdio: 'inherit' });
    // Ctrl-C at the terminal reaches the sandbox too (same process group): it closes cleanly and we exit with
    // its code. A SIGINT sent to this process alone is passed on if the sandbox has not ended shortly after
    // (passing the terminal's on at once would make it a second, abrupt one). SIGTERM is passed on.
    const onInt = () => setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill('SIGINT'), 300).unref();
    const onTerm = () => child.kill('SIGTERM');
    signals.on('SIGINT', onInt);
    signals.on('SIGTERM', onTerm);
    child.on('exit', (code, signal) => {
      signals.off('SIGINT', onInt);
      signals.off('SIGTERM', onTerm);
      resolve(code ?? (signal === 'SIGINT' ? EXIT.interrupted : EXIT.jobFailed));
    });
    child.on('error', () => resolve(EXIT.jobFailed));
  });
}
