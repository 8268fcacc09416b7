// Parses the `ims-sandbox` command line into startSandbox options, with errors that name the flag.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { normaliseOrigin, OriginPolicy } from './origin-policy.js';
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
  --ecs-metadata[=<s>]  serve the ECS metadata API (session token + securitykey) on the same port; the
                        temporary credentials it hands out live <s> seconds (default 3600) and sign requests
  --iam-project <id>=<name>  what IAM GET /v3/projects?name= answers (repeatable; default: one project per
                        region, all with the sandbox's default project id)
  --open                start with no authentication at all (every request accepted); prints a warning
  --cors-origin <o>     also let pages of origin <o> (e.g. https://docs.example.com) call it (repeatable;
                        loopback origins http://127.0.0.1:*, http://localhost:*, http://[::1]:* always may)
  --allowed-host <h>    also answer requests for Host <h> (repeatable; .example.com allows subdomains;
                        loopback names and IP addresses are always answered)
  --help                show this help

It refuses to start without --token, --credentials or --ecs-metadata unless --open is given.`;

export class UsageError extends Error {}

function num(flag: string, v: string | undefined, ok: (n: number) => boolean): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !ok(n)) throw new UsageError(`${flag}: ${JSON.stringify(v)} is not a valid value`);
  return n;
}

/** " at line L, column C" from a JSON.parse message's "position N", or "" when it names none. */
function whereInText(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (!m) return '';
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  return ` at line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
}

function readCredentials(file: string): { credentials: NonNullable<SandboxOptions['credentials']>; tokens: string[] } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`--credentials: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    // JSON.parse's message can quote the text around the error — in this file, a secret key. Say only where.
    throw new UsageError(`--credentials: ${file} is not valid JSON${whereInText(text, (e as Error).message)}`);
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

/** Runs a validation that throws a TypeError and turns it into a UsageError naming the flag. */
function checked<T>(flag: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new UsageError(`${flag}: ${(e as Error).message.replace(/^\w+: /, '')}`);
  }
}

function parseIamProject(v: string): { id: string; name: string } {
  const eq = v.indexOf('=');
  const id = eq < 0 ? '' : v.slice(0, eq).trim();
  const name = eq < 0 ? '' : v.slice(eq + 1).trim();
  if (!id || !name) throw new UsageError(`--iam-project: ${JSON.stringify(v)} is not <id>=<name> (e.g. 0a1b…=cn-north-4)`);
  return { id, name };
}

export function parseCli(argv: string[]): SandboxOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      // parseArgs has no optional option values: a bare --ecs-metadata becomes --ecs-metadata= (the default TTL).
      args: argv.map((a) => (a === '--ecs-metadata' ? '--ecs-metadata=' : a)),
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
        'ecs-metadata': { type: 'string' },
        'iam-project': { type: 'string', multiple: true },
        open: { type: 'boolean' },
        'cors-origin': { type: 'string', multiple: true },
        'allowed-host': { type: 'string', multiple: true },
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
  const ecs = values['ecs-metadata'];
  const ttlSeconds = ecs ? num('--ecs-metadata', ecs, (n) => n > 0 && Number.isFinite(n)) : undefined;
  const iamProjects = values['iam-project']?.map(parseIamProject);
  const authenticated = tokens.length > 0 || fromFile.credentials.length > 0 || ecs !== undefined;
  if (!authenticated && !values.open) {
    throw new UsageError('refusing to start with no authentication: give --token, --credentials or --ecs-metadata, or --open to accept every request');
  }
  if (authenticated && values.open) throw new UsageError('--open cannot be combined with --token, --credentials or --ecs-metadata');
  const corsOrigins = values['cors-origin']?.map((o) => checked('--cors-origin', () => normaliseOrigin(o)));
  const allowedHosts = values['allowed-host'];
  if (allowedHosts) checked('--allowed-host', () => new OriginPolicy({ allowedHosts }));
  return {
    bucketsDir: values.buckets,
    port,
    host: values.host ?? '127.0.0.1',
    ...(values.state ? { stateFile: values.state } : {}),
    ...(values.repair ? { repair: true } : {}),
    ...(speed !== undefined ? { speed } : {}),
    ...(fromFile.credentials.length ? { credentials: fromFile.credentials } : {}),
    ...(tokens.length ? { tokens } : {}),
    ...(ecs !== undefined ? { ecsMetadata: ttlSeconds !== undefined ? { ttlSeconds } : {} } : {}),
    ...(iamProjects ? { iamProjects } : {}),
    ...(corsOrigins ? { corsOrigins } : {}),
    ...(allowedHosts ? { allowedHosts } : {}),
  };
}
