import { formatSdkDate } from './canonical.js';
import { needString } from './check.js';
import { type Credentials, credentialCache, type CredentialsProvider } from './credentials.js';
import type { CryptoProvider } from './crypto-provider.js';
import { describe } from './secrets.js';
import { chain, sign } from './sign.js';

/** One outgoing request as auth sees it; auth adds its headers to `headers` (lower-case names). */
export interface AuthContext {
  method: string;
  /** host[:port] as the server will see it */
  host: string;
  /** path as sent (percent-encoded as in a URL) */
  pathname: string;
  query: Iterable<[string, string]>;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
  /**
   * The project the request is for, as the client resolved it: akskAuth sends it as X-Project-Id.
   * undefined = the credentials' own project id, false = none (the IAM call of project id discovery).
   */
  projectId?: string | false | undefined;
}

/** How requests are authenticated: `tokenAuth(...)` or `akskAuth(...)`. */
export interface Auth {
  readonly kind: 'token' | 'aksk';
  /** Project id of static AK/SK credentials (akskAuth({ projectId })). */
  readonly projectId?: string;
  /** akskAuth: the credentials to sign with now (a provider's are fetched or refreshed first). */
  credentials?(): Credentials | Promise<Credentials>;
  /** Adds the auth headers to one attempt of a request. */
  apply(ctx: AuthContext): void | Promise<void>;
  /** Secrets this auth has used so far, so error text can be redacted. */
  secrets(): readonly string[];
  toJSON(): Record<string, unknown>;
}

export type TokenSource = string | (() => string | Promise<string>);

/** IAM token auth: sends `X-Auth-Token`. A function is called for every attempt (refresh as you like). */
export function tokenAuth(token: TokenSource): Auth {
  if (typeof token !== 'function') needString(token, 'tokenAuth: token must be a non-empty string or a function');
  const seen: string[] = [];
  const auth: Omit<Auth, 'toJSON'> = {
    kind: 'token',
    apply: (ctx) =>
      chain(typeof token === 'string' ? token : token(), (value: unknown) => {
        needString(value, 'tokenAuth: the token function returned no token');
        if (!seen.includes(value)) seen.push(value);
        ctx.headers['x-auth-token'] = value;
      }),
    secrets: () => seen,
  };
  return describe(auth, 'TokenAuth', { kind: 'token' }) as Auth;
}

/** Static AK/SK credentials for akskAuth (the same shape providers return). */
export type AkskAuthCredentials = Credentials;

/**
 * AK/SK auth (SDK-HMAC-SHA256) for a given crypto provider. Takes static credentials or a provider, whose
 * temporary credentials are refreshed before they expire (credentials.ts). Adds X-Project-Id when a project
 * id is known, X-Security-Token for temporary credentials, X-Sdk-Date and Authorization; signs every
 * header sent.
 */
export function makeAkskAuth(crypto: CryptoProvider) {
  return function akskAuth(credentials: Credentials | CredentialsProvider): Auth {
    // Static credentials are copied now: later changes to the caller's object do not reach the signer.
    const cache = credentialCache(credentials);
    const fixed = typeof credentials === 'function' ? undefined : (cache.get() as Credentials);
    const auth: Omit<Auth, 'toJSON'> = {
      kind: 'aksk',
      ...(fixed?.projectId && { projectId: fixed.projectId }),
      credentials: cache.get,
      apply: (ctx) =>
        chain(cache.get(), (keys) => {
          const projectId = ctx.projectId === undefined ? keys.projectId : ctx.projectId;
          if (projectId) ctx.headers['x-project-id'] = projectId;
          return sign(crypto, keys, ctx, formatSdkDate(new Date()));
        }),
      secrets: cache.secrets,
    };
    const summary = fixed ? { kind: 'aksk', ak: fixed.ak, projectId: fixed.projectId } : { kind: 'aksk', source: cache.source };
    return describe(auth, 'AkskAuth', summary) as Auth;
  };
}
