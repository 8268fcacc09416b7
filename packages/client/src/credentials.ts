// AK/SK credentials, static or from a provider (a function), kept fresh for akskAuth. Shared by both
// builds; the providers that read the environment, a file or the ECS metadata service are in the Node
// build (src/providers/).
import { checkCredentials, credentialsProblem } from './check.js';
import { describe, redact } from './secrets.js';

/** AK/SK credentials; temporary ones (STS, ECS agency) carry a security token and an expiry. */
export interface Credentials {
  ak: string;
  sk: string;
  securityToken?: string;
  projectId?: string;
  expiresAt?: Date;
  /**
   * Node build: where project id discovery asks IAM for these credentials (the profile file's
   * `iam_endpoint`; a value without a scheme gets https://). The client's `iamEndpoint` option wins over
   * it; it wins over HUAWEICLOUD_SDK_IAM_ENDPOINT. A client with `baseUrl` does not use it.
   */
  iamEndpoint?: string;
}

/**
 * Where credentials come from, asked again when the last ones are about to expire. `source` (optional)
 * names it in errors; the Node build's providers set it, a plain function is named by its `name`.
 */
export type CredentialsProvider = (() => Credentials | Promise<Credentials>) & { readonly source?: string };

/** The sources of the default chain (Node build), in the order it tries them. */
export type CredentialsSource = 'env' | 'profile' | 'ecs-metadata';

/**
 * Why a source gave nothing, a stable code (the Node build's providers), and what `detail` then holds:
 * - env: `not-set` (neither variable); `incomplete` (detail: the variable that is missing);
 * - profile: `file-missing`; `file-unreadable` (detail: the errno code); `no-section`; `keys-missing`
 *   (detail: `ak`, `sk` or `ak,sk`);
 * - ecs-metadata: `timeout` (detail: the path asked, within `timeoutMs`, usually not an ECS instance);
 *   `unreachable` (detail: the socket error's code, else the error's name); `token-refused` and `refused` (detail: the HTTP
 *   status of the token API or of the security key); `too-large` (detail: the path); `no-agency` (the
 *   instance has no IAM agency); `no-credential` (the answer held no access/secret); `bad-expiry`;
 * - any source: `error` (the provider failed in another way; detail: the error's name).
 */
export type CredentialsReason =
  | 'not-set'
  | 'incomplete'
  | 'file-missing'
  | 'file-unreadable'
  | 'no-section'
  | 'keys-missing'
  | 'timeout'
  | 'unreachable'
  | 'token-refused'
  | 'refused'
  | 'too-large'
  | 'no-agency'
  | 'no-credential'
  | 'bad-expiry'
  | 'error';

/** One source tried and why it gave nothing, for callers that word it themselves (another language). */
export interface CredentialsAttempt {
  source: CredentialsSource;
  /** where it looked, in no language: the variable names, `file [section]`, or the metadata endpoint */
  where: string;
  reason: CredentialsReason;
  /** what the reason names (see CredentialsReason), never a secret */
  detail?: string;
  /** profile file: the 1-based lines that are neither a section, a key = value nor a comment */
  unreadableLines?: readonly number[];
  /** the same in English: the line the error's message gives this source */
  message: string;
}

/** A credentials source gave nothing usable: the message names the source and why, never a secret. */
export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
  /**
   * Node build: the sources tried and why each gave nothing — one for fromEnv, fromProfileFile and
   * fromEcsMetadata, each of the chain's for defaultCredentials. (A type only: no bytes in the browser build.)
   */
  declare readonly attempts?: readonly CredentialsAttempt[];
  constructor(
    message: string,
    readonly source: string,
  ) {
    super(message);
  }
}

/** Refresh when less than this is left, or half the lifetime the credentials came with, whichever is less. */
export const REFRESH_BEFORE_MS = 5 * 60_000;
/** How many secrets (SKs, tokens) past refreshes are remembered for redaction. */
const REMEMBERED = 16;

export interface CredentialCache {
  /** The credentials to sign with now: synchronous while they are fresh, else one refresh for everyone. */
  get(): Credentials | Promise<Credentials>;
  /** Every SK and security token seen so far (for redaction). */
  secrets(): readonly string[];
  readonly source: string;
}

/** A Credentials copy that prints, inspects and serializes without its SK and token. */
export function sealed(c: Credentials, source: string): Credentials {
  const { ak, projectId, expiresAt, iamEndpoint } = c;
  const shown = { ak, ...(projectId && { projectId }), ...(expiresAt && { expiresAt }), ...(iamEndpoint && { iamEndpoint }) };
  // The secrets stay readable as properties for the signer, but not enumerable: JSON, inspect and spread skip them.
  const copy = Object.defineProperties({ ...shown }, { sk: { value: c.sk }, ...(c.securityToken && { securityToken: { value: c.securityToken } }) });
  return describe(copy as Credentials, 'Credentials', { ...shown, source });
}

/** Static credentials (checked now) or a provider (asked on first use and before expiry, one call at a time). */
export function credentialCache(input: Credentials | CredentialsProvider): CredentialCache {
  const seen: string[] = [];
  /** Remembers the secrets of credentials about to be used (for redaction), and seals them. */
  const keep = (c: Credentials, source: string): Credentials => {
    for (const secret of [c.sk, c.securityToken]) if (secret && !seen.includes(secret)) seen.push(secret);
    seen.splice(0, Math.max(0, seen.length - REMEMBERED));
    return sealed(c, source);
  };
  if (typeof input !== 'function') {
    checkCredentials(input);
    const fixed = keep(input, 'static credentials');
    return { get: () => fixed, secrets: () => seen, source: 'static credentials' };
  }
  const provider = input;
  const source = provider.source ?? (provider.name ? `credentials provider ${provider.name}` : 'credentials provider');
  const fail = (why: string): CredentialsError => new CredentialsError(`Credentials from ${source}: ${why}`, source);
  let current: Credentials | undefined;
  let refreshAt = 0; // epoch ms after which `current` is refreshed (Infinity for credentials that never expire)
  let pending: Promise<Credentials> | undefined;

  async function refresh(): Promise<Credentials> {
    let c: Credentials;
    try {
      c = await provider();
    } catch (error) {
      // A provider's own message may quote what it read; every secret seen so far is masked.
      throw error instanceof CredentialsError ? error : fail(redact(error instanceof Error ? error.message : String(error), seen));
    }
    const problem = credentialsProblem(c);
    if (problem) throw fail(problem);
    const now = Date.now();
    const expires = c.expiresAt?.getTime();
    if (expires !== undefined && expires <= now) throw fail(`expired at ${c.expiresAt?.toISOString()}`);
    refreshAt = expires === undefined ? Infinity : expires - Math.min(REFRESH_BEFORE_MS, (expires - now) / 2);
    return (current = keep(c, source));
  }

  return {
    get() {
      if (current && Date.now() < refreshAt) return current;
      // Single flight: every request that finds the credentials stale waits for the same refresh.
      pending ??= refresh().finally(() => (pending = undefined));
      return pending;
    },
    secrets: () => seen,
    source,
  };
}
