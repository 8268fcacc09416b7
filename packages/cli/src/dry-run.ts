// --dry-run: the exact request the client would send — signed by the client's own auth, built by its own
// transport — captured at the fetch boundary and printed as a curl command that works as printed.
//
// What is a secret and what is not: the SK and the tokens are; the AK/SK signature is not (it proves
// knowledge of the SK for this one request within 15 minutes, and reveals nothing about it). So the
// Authorization header is printed as is, and each token header is printed as a shell variable reference
// ("$IMS_AUTH_TOKEN") that the shell fills in when the command runs — the bytes sent are then the bytes that
// were signed, and the signature holds.
import { SECURITY_TOKEN_VAR, TOKEN_VAR } from './credentials.js';

export interface CapturedRequest {
  method: string;
  url: string;
  /** lower-case names, as the transport would send them */
  headers: Record<string, string>;
  body?: string;
}

/** Thrown by the capturing fetch to stop the client right where it would send. */
class Captured extends Error {}

/**
 * A fetch that records the request to `base` (the IMS endpoint) and sends nothing; `request()` gives what
 * it saw. Anything else — the read-only IAM GET that discovers a project id, which the real request would
 * have made first too — is passed to `onward`, and `passed()` says whether that happened.
 */
export function capturingFetch(base: string, onward: typeof fetch = fetch): { fetch: typeof fetch; request(): CapturedRequest | undefined; passed(): boolean } {
  let seen: CapturedRequest | undefined;
  let passed = false;
  const root = base.replace(/\/+$/, '');
  const capture = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : undefined;
    const url = request?.url ?? String(input);
    if (url !== root && !url.startsWith(`${root}/`)) {
      passed = true;
      return onward(input, init);
    }
    // A plain record keeps the order the transport wrote (Headers would sort the names).
    const given = init?.headers ?? request?.headers;
    const pairs = given && !(given instanceof Headers) && !Array.isArray(given) ? Object.entries(given) : [...new Headers(given)];
    const headers: Record<string, string> = {};
    for (const [name, value] of pairs) headers[name.toLowerCase()] = value;
    const raw = init?.body ?? (request?.body ? await request.clone().text() : undefined);
    const body = raw === undefined || raw === null ? undefined : typeof raw === 'string' ? raw : new TextDecoder().decode(raw as Uint8Array);
    seen = { method: (init?.method ?? request?.method ?? 'GET').toUpperCase(), url, headers, ...(body !== undefined && { body }) };
    throw new Captured();
  };
  return { fetch: capture as typeof fetch, request: () => seen, passed: () => passed };
}

/** Runs `send` against the capturing fetch; returns the request it would have sent. */
export async function captureRequest(capture: ReturnType<typeof capturingFetch>, send: () => Promise<unknown>): Promise<CapturedRequest> {
  try {
    await send();
  } catch (e) {
    if (!(e instanceof Captured) && !(e instanceof Error && e.cause instanceof Captured) && !capture.request()) throw e;
  }
  const request = capture.request();
  if (!request) throw new Error('dry run: the client sent no request');
  return request;
}

/** POSIX shell single quotes: everything literal; a ' becomes '\''. */
export const shellQuote = (text: string): string => (/^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`);

/** Headers whose values are secrets, and the environment variable the printed command reads each from. */
const SECRET_HEADERS: Record<string, string> = { 'x-auth-token': TOKEN_VAR, 'x-security-token': SECURITY_TOKEN_VAR };

export interface Curl {
  /** the command, one option per line with `\` continuations */
  command: string;
  /** variables the command reads secrets from (to be exported before it runs) */
  variables: string[];
  /** the request with secret header values replaced by "$VARIABLE" (for --json) */
  masked: CapturedRequest;
}

/** The curl command for a captured request, secrets replaced by "$VARIABLE" references. */
export function toCurl(request: CapturedRequest, secrets: readonly string[]): Curl {
  const lines = [`curl -sS ${request.method === 'POST' && request.body !== undefined ? '' : `-X ${request.method} `}${shellQuote(request.url)}`];
  const variables: string[] = [];
  const masked: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    const variable = SECRET_HEADERS[name];
    if (variable) {
      variables.push(variable);
      masked[name] = `$${variable}`;
      // Double quotes: the shell expands the variable; the header name has nothing it would interpret.
      lines.push(`-H "${name}: $${variable}"`);
      continue;
    }
    // Any other header must not carry a secret either (it never should); mask it rather than print it.
    const clean = secrets.reduce((v, s) => (s.length >= 4 ? v.split(s).join('***') : v), value);
    masked[name] = clean;
    lines.push(`-H ${shellQuote(`${name}: ${clean}`)}`);
  }
  if (request.body !== undefined) lines.push(`--data-binary ${shellQuote(request.body)}`);
  return { command: lines.join(' \\\n  '), variables, masked: { ...request, headers: masked } };
}
