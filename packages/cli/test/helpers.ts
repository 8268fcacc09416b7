// Runs the built bin as a real subprocess, against a real sandbox started by the test, and keeps every
// byte any run printed so a test can prove no secret was ever among them.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Sandbox, startSandbox, writeBucketImage } from '@ims-quick-import/sandbox';
import { afterAll, beforeAll, expect } from 'vitest';

export const BIN = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'bin.js');

export const AK = 'HPUACLITESTAK0000001';
export const SK = 'cliSecretKey-0123456789-abcdefghijklmnop';
export const PROJECT = '0a1b2c3d4e5f40a1b2c3d4e5f6a7b8c9';
export const TOKEN = 'cli-iam-token-value-0001-secret';

/** Everything every run printed (stdout and stderr), for the "no secret ever printed" check. */
export const transcript: string[] = [];

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A loopback port nothing listens on (the discard port): refused at once. */
export const CLOSED = 'http://127.0.0.1:9';

/**
 * An environment with nothing of the developer's: no credentials, no locale, no colour settings. The
 * default credentials chain finds no profile file, and its ECS metadata step is pointed at a closed
 * loopback port: no test may ever send anything to 169.254.169.254.
 */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    LANG: 'C',
    HUAWEICLOUD_SDK_CREDENTIALS_FILE: '/nonexistent/ims-cli-test/credentials',
    IMS_METADATA_ENDPOINT: CLOSED,
  };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

export interface Started {
  child: ChildProcess;
  /** resolves when the output so far matches */
  waitFor(re: RegExp, timeoutMs?: number): Promise<void>;
  done: Promise<Run>;
}

export function start(args: readonly string[], opts: { env?: NodeJS.ProcessEnv; input?: string; command?: string[] } = {}): Started {
  const command = opts.command ?? [process.execPath, BIN];
  const child = spawn(command[0]!, [...command.slice(1), ...args], { env: opts.env ?? cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const watchers: Array<() => void> = [];
  child.stdout!.on('data', (c: Buffer) => {
    stdout += c.toString('utf8');
    for (const w of watchers) w();
  });
  child.stderr!.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
    for (const w of watchers) w();
  });
  child.stdin!.end(opts.input ?? '');
  const done = new Promise<Run>((resolve) =>
    child.on('close', (code, signal) => {
      transcript.push(stdout, stderr);
      resolve({ code, signal, stdout, stderr });
    }),
  );
  const waitFor = (re: RegExp, timeoutMs = 20_000) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${re}; stdout=${stdout} stderr=${stderr}`)), timeoutMs);
      const check = () => {
        if (re.test(stdout + stderr)) {
          clearTimeout(timer);
          resolve();
        }
      };
      watchers.push(check);
      check();
    });
  return { child, waitFor, done };
}

export const run = (args: readonly string[], opts: { env?: NodeJS.ProcessEnv; input?: string; command?: string[] } = {}): Promise<Run> => start(args, opts).done;

/** A buckets directory: my-bucket/images/disk.raw (1 MiB, with its .mf), the layout the sandbox reads. */
export async function makeBuckets(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ims-cli-test-'));
  await writeBucketImage(dir, { bucket: 'my-bucket', object: 'images/disk.raw' });
  return dir;
}

export const SYSTEM_FLAGS = ['--name', 'cli-test', '--os-version', 'Ubuntu 22.04 server 64bit', '--image-url', 'my-bucket:images/disk.raw', '--min-disk', '40'];

/** The last JSON line of an NDJSON output. */
export const lastJson = (text: string): any => JSON.parse(text.trim().split('\n').at(-1)!);

/** No run of this file printed the SK or the token (called in afterAll of every e2e file). */
export function printedSecrets(): string[] {
  const all = transcript.join('\n');
  return [SK, TOKEN].filter((s) => all.includes(s));
}

/**
 * A sandbox for one test file: buckets, a token and an AK/SK credential, and the two environments a user would
 * have (token, or the official AK/SK variables). After the file, no output may have shown a secret.
 */
export function useSandbox(): { readonly dir: string; readonly sandbox: Sandbox; readonly tokenEnv: NodeJS.ProcessEnv; readonly akskEnv: NodeJS.ProcessEnv } {
  const ctx = {} as { dir: string; sandbox: Sandbox; tokenEnv: NodeJS.ProcessEnv; akskEnv: NodeJS.ProcessEnv };
  beforeAll(async () => {
    ctx.dir = await makeBuckets();
    ctx.sandbox = await startSandbox({ bucketsDir: ctx.dir, port: 0, speed: 100, tokens: [TOKEN], credentials: [{ ak: AK, sk: SK, projectId: PROJECT }] });
    ctx.tokenEnv = cleanEnv({ IMS_ENDPOINT: ctx.sandbox.url, IMS_AUTH_TOKEN: TOKEN });
    ctx.akskEnv = cleanEnv({ IMS_ENDPOINT: ctx.sandbox.url, HUAWEICLOUD_SDK_AK: AK, HUAWEICLOUD_SDK_SK: SK, HUAWEICLOUD_SDK_PROJECT_ID: PROJECT });
  });
  afterAll(async () => {
    await ctx.sandbox?.close();
    await rm(ctx.dir, { recursive: true, force: true });
    expect(printedSecrets()).toEqual([]);
  });
  return ctx;
}
