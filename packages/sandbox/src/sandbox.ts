// startSandbox(): wires the job store, the journal, auth and the HTTP server together.
import { mkdir, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, resolve } from 'node:path';
import type { AkSkCredential } from './aksk-verify.js';
import { Authenticator } from './auth.js';
import type { JobRecord } from './job-record.js';
import { JobStore } from './jobs.js';
import { Journal } from './journal.js';
import { Router } from './router.js';
import { listen } from './server.js';

export interface SandboxOptions {
  /** Port to listen on; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on; default 127.0.0.1. */
  host?: string;
  /** OBS emulation root: `<bucketsDir>/<bucket>/<object key>`. */
  bucketsDir: string;
  /** Journal file; with it, jobs survive a restart or a crash. */
  stateFile?: string;
  /** Job speed factor: a job takes 10 s / speed (1 s INIT, 9 s RUNNING). Default 1. */
  speed?: number;
  /** Accepted X-Auth-Token values. */
  tokens?: string[];
  /** Accepted AK/SK pairs; `projectId` is the project a signed request acts in by default. */
  credentials?: { ak: string; sk: string; projectId?: string }[];
  /** Finished jobs kept in memory and in the compacted journal (oldest finished forgotten first). Default 100 000. */
  maxJobs?: number;
  /** Start even if the journal has damaged lines: drop them, after copying the file to `<stateFile>.bak-<time>`. */
  repair?: boolean;
  /** Deadline for a request's headers (default 10 s) and body (default 30 s). */
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
  /** Extra request handler run before routing (the demo serves the docs with it). */
  extraHandler?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

export interface Sandbox {
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  port: number;
  /** Job counts by status. */
  stats(): { jobs: number; INIT: number; RUNNING: number; SUCCESS: number; FAIL: number };
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  if (!options || typeof options.bucketsDir !== 'string' || options.bucketsDir === '') {
    throw new TypeError('startSandbox: bucketsDir (the OBS emulation directory) is required');
  }
  const speed = options.speed ?? 1;
  if (!(typeof speed === 'number' && speed > 0 && Number.isFinite(speed))) {
    throw new RangeError(`startSandbox: speed must be a positive finite number, got ${String(speed)}`);
  }
  const bucketsDir = resolve(options.bucketsDir);
  const st = await stat(bucketsDir).catch(() => undefined);
  if (!st?.isDirectory()) throw new Error(`startSandbox: bucketsDir ${bucketsDir} is not a directory`);
  for (const c of options.credentials ?? []) {
    if (!c || typeof c.ak !== 'string' || !c.ak || typeof c.sk !== 'string' || !c.sk) {
      throw new TypeError('startSandbox: each credential needs a non-empty ak and sk');
    }
  }

  const maxJobs = options.maxJobs ?? 100_000;
  let journal: Journal | undefined;
  let restored: JobRecord[] = [];
  if (options.stateFile) {
    const file = resolve(options.stateFile);
    await mkdir(dirname(file), { recursive: true });
    const opened = await Journal.open(file, { maxJobs, repair: options.repair === true });
    ({ journal, jobs: restored } = opened);
    if (opened.repaired) {
      const lines = opened.repaired.dropped.map((d) => `line ${d.line} (${d.reason})`).join(', ');
      console.error(`ims-sandbox: repaired ${file}: dropped ${lines}; the original is kept as ${opened.repaired.backup}`);
    }
  }
  const jobs = new JobStore({
    bucketsDir,
    speed,
    maxJobs,
    ...(journal ? { journal } : {}),
    onError: (e) => console.error('ims-sandbox: job step failed', e),
  });
  jobs.restore(restored);

  const credentials: AkSkCredential[] = (options.credentials ?? []).map((c) => ({ ak: c.ak, sk: c.sk, ...(c.projectId ? { projectId: c.projectId } : {}) }));
  // If the port is taken, give the journal (and its lock) back before failing.
  const { server, url, port } = await listen(
    {
      jobs,
      auth: new Authenticator({ tokens: options.tokens ?? [], credentials }),
      router: new Router(),
      bodyTimeoutMs: options.bodyTimeoutMs ?? 30_000,
      ...(options.extraHandler ? { extra: options.extraHandler } : {}),
    },
    { port: options.port ?? 0, host: options.host ?? '127.0.0.1', headersTimeoutMs: options.headersTimeoutMs ?? 10_000 },
  ).catch(async (e: unknown) => {
    await jobs.close();
    throw e;
  });

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    stats: () => ({ jobs: jobs.size, ...jobs.counts() }),
    close: () =>
      (closing ??= (async () => {
        await new Promise<void>((r) => {
          server.close(() => r());
          server.closeAllConnections();
        });
        await jobs.close();
      })()),
  };
}
