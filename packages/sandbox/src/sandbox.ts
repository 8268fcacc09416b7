// startSandbox(): wires the job store, the journal, auth and the HTTP server together.
import { mkdir, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, resolve } from 'node:path';
import type { AkSkCredential } from './aksk-verify.js';
import { Authenticator } from './auth.js';
import { BodyBudget } from './body.js';
import { EcsMetadata, type EcsMetadataOptions } from './emulators/ecs-metadata.js';
import { IamProjects, type IamProject } from './emulators/iam-projects.js';
import { TemporaryCredentialStore } from './emulators/temporary-credentials.js';
import type { JobRecord } from './job-record.js';
import { JobStore } from './jobs.js';
import { Journal } from './journal.js';
import { OriginPolicy } from './origin-policy.js';
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
  /** Open connections at most (default 1000); further ones are closed as they arrive. */
  maxConnections?: number;
  /**
   * Bytes of request bodies held in memory at once, across all requests (default 64 MiB). Beyond it an
   * upload is answered 429 APIGW.0308 at once instead of piling up.
   */
  maxBodyBytesInFlight?: number;
  /** Extra request handler run before routing (the demo serves the docs with it). */
  extraHandler?: (req: IncomingMessage, res: ServerResponse) => boolean;
  /**
   * Origins whose pages may call the sandbox (CORS), besides loopback ones (`http://127.0.0.1:*`,
   * `http://localhost:*`, `http://[::1]:*`), e.g. `https://docs.example.com`. Any other Origin is refused.
   */
  corsOrigins?: string[];
  /**
   * Host names answered besides loopback names, IP literals and `host` (DNS-rebinding defence); a leading
   * dot allows subdomains (`.example.com`). Any other Host header gets 404 APIGW.0101 before anything else.
   */
  allowedHosts?: string[];
  /**
   * Serve the ECS metadata API (`PUT /meta-data/latest/api/token`, `GET /openstack/latest/securitykey`) on
   * the sandbox's port, handing out temporary AK/SK/security tokens the gateway accepts until they expire.
   */
  ecsMetadata?: EcsMetadataOptions;
  /**
   * What IAM `GET /v3/projects?name=` answers. Default: one project per region of the spec, each with
   * DEFAULT_PROJECT_ID. `[]` gives no project, two with one name give two (the discovery error cases).
   */
  iamProjects?: IamProject[];
}

export interface SandboxCounters {
  /** Calls of PUT /meta-data/latest/api/token (any answer). */
  metadataToken: number;
  /** Calls of GET /openstack/latest/securitykey (any answer). */
  securityKey: number;
  /** Calls of GET /v3/projects (any answer). */
  iamProjects: number;
}

export interface Sandbox {
  /** Base URL, e.g. `http://127.0.0.1:8787`. */
  url: string;
  port: number;
  /** Job counts by status. */
  stats(): { jobs: number; INIT: number; RUNNING: number; SUCCESS: number; FAIL: number };
  /** How often the emulated metadata and IAM endpoints were called, so tests can check caching. */
  counters(): SandboxCounters;
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

  for (const key of ['maxConnections', 'maxBodyBytesInFlight'] as const) {
    const v = options[key];
    if (v !== undefined && !(Number.isInteger(v) && v > 0)) throw new RangeError(`startSandbox: ${key} must be a positive integer, got ${String(v)}`);
  }
  const meta = options.ecsMetadata;
  if (meta !== undefined) {
    const ttl = meta?.ttlSeconds;
    if (meta === null || typeof meta !== 'object' || (ttl !== undefined && !(typeof ttl === 'number' && ttl > 0 && Number.isFinite(ttl)))) {
      throw new RangeError(`startSandbox: ecsMetadata.ttlSeconds must be a positive number of seconds, got ${String(ttl)}`);
    }
  }
  for (const p of options.iamProjects ?? []) {
    if (!p || typeof p.id !== 'string' || !p.id || typeof p.name !== 'string' || !p.name) {
      throw new TypeError('startSandbox: each of iamProjects needs a non-empty id and name');
    }
  }

  const host = options.host ?? '127.0.0.1';
  // Throws a TypeError naming the option for a malformed origin or host name.
  const policy = new OriginPolicy({ corsOrigins: options.corsOrigins ?? [], allowedHosts: options.allowedHosts ?? [], boundHost: host });

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
  const temporary = meta ? new TemporaryCredentialStore((meta.ttlSeconds ?? 3600) * 1000) : undefined;
  const metadata = meta && temporary ? new EcsMetadata(meta, temporary) : undefined;
  const iam = new IamProjects(options.iamProjects);

  // If the port is taken, give the journal (and its lock) back before failing.
  const { server, url, port } = await listen(
    {
      jobs,
      auth: new Authenticator({ tokens: options.tokens ?? [], credentials, ...(temporary ? { temporary: (ak: string) => temporary.get(ak) } : {}) }),
      router: new Router(),
      policy,
      ...(metadata ? { metadata } : {}),
      iam,
      bodyTimeoutMs: options.bodyTimeoutMs ?? 30_000,
      budget: new BodyBudget(options.maxBodyBytesInFlight ?? 64 * 1024 * 1024),
      ...(options.extraHandler ? { extra: options.extraHandler } : {}),
    },
    { port: options.port ?? 0, host, headersTimeoutMs: options.headersTimeoutMs ?? 10_000, maxConnections: options.maxConnections ?? 1000 },
  ).catch(async (e: unknown) => {
    await jobs.close();
    throw e;
  });

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    stats: () => ({ jobs: jobs.size, ...jobs.counts() }),
    counters: () => ({ metadataToken: metadata?.counters.metadataToken ?? 0, securityKey: metadata?.counters.securityKey ?? 0, iamProjects: iam.calls }),
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
