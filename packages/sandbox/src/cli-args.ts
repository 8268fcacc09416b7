// Parses the `ims-sandbox` command line into startSandbox options, with errors that name the flag.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { SandboxOptions } from './sandbox.js';

export const USAGE = `Usage: ims-sandbox --buckets <dir> [options]

  --buckets <dir>       OBS emulation root: <dir>/<bucket>/<object key>   (required)
  --port <n>            port to listen on (default 8787; 0 picks a free one)
  --host <addr>         interface to listen on (default 127.0.0.1)
  --state <file>        journal file; jobs survive restarts and crashes
  --repair              start even if the journal has damaged lines: drop them, keep a backup
  --speed <n>           job speed factor; a job takes 10 s / n (default 1)
  --credentials <file>  JSON: [{"ak","sk","projectId"?}] or {"credentials":[…],"tokens":[…]}
  --token <token>       accept this X-Auth-Token (repeatable)
  --help                show this help

With neither --credentials nor --token, every request is accepted (open mode).`;

export class UsageError extends Error {}

function num(flag: string, v: string | undefined, ok: (n: number) => boolean): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !ok(n)) throw new UsageError(`${flag}: ${JSON.stringify(v)} is not a valid value`);
  return n;
}

function readCredentials(file: string): { credentials: NonNullable<SandboxOptions['credentials']>; tokens: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`--credentials: cannot read ${file} as JSON (${(e as Error).message})`);
  }
  const obj = Array.isArray(parsed) ? { credentials: parsed, tokens: [] } : (parsed as { credentials?: unknown; tokens?: unknown });
  const creds = obj.credentials ?? [];
  const tokens = obj.tokens ?? [];
  if (!Array.isArray(creds) || !creds.every((c) => c && typeof c.ak === 'string' && typeof c.sk === 'string')) {
    throw new UsageError(`--credentials: ${file} must hold [{"ak": "...", "sk": "...", "projectId"?: "..."}]`);
  }
  if (!Array.isArray(tokens) || !tokens.every((t) => typeof t === 'string')) throw new UsageError(`--credentials: "tokens" in ${file} must be strings`);
  return { credentials: creds as NonNullable<SandboxOptions['credentials']>, tokens: tokens as string[] };
}

export function parseCli(argv: string[]): SandboxOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        buckets: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        state: { type: 'string' },
        repair: { type: 'boolean' },
        speed: { type: 'string' },
        credentials: { type: 'string' },
        token: { type: 'string', multiple: true },
        help: { type: 'boolean' },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) return 'help';
  if (!values.buckets) throw new UsageError('--buckets <dir> is required');
  const port = num('--port', values.port, (n) => Number.isInteger(n) && n >= 0 && n <= 65535) ?? 8787;
  const speed = num('--speed', values.speed, (n) => n > 0 && Number.isFinite(n));
  const fromFile = values.credentials ? readCredentials(values.credentials) : { credentials: [], tokens: [] };
  const tokens = [...fromFile.tokens, ...(values.token ?? [])];
  return {
    bucketsDir: values.buckets,
    port,
    host: values.host ?? '127.0.0.1',
    ...(values.state ? { stateFile: values.state } : {}),
    ...(values.repair ? { repair: true } : {}),
    ...(speed !== undefined ? { speed } : {}),
    ...(fromFile.credentials.length ? { credentials: fromFile.credentials } : {}),
    ...(tokens.length ? { tokens } : {}),
  };
}
