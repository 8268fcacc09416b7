import { formatSdkDate } from './canonical.js';
import { needString } from './check.js';
import type { CryptoProvider } from './crypto-provider.js';
import { describe } from './secrets.js';
import { chain, checkCredentials, sign } from './sign.js';

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
}

/** How requests are authenticated: `tokenAuth(...)` or `akskAuth(...)`. */
export interface Auth {
  readonly kind: 'token' | 'aksk';
  /** Project id known to the auth (akskAuth's projectId); used for ShowJob's path. */
  readonly projectId?: string;
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

export interface AkskAuthCredentials {
  ak: string;
  sk: string;
  projectId?: string;
  securityToken?: string;
}

/**
 * AK/SK auth (SDK-HMAC-SHA256) for a given crypto provider. Adds X-Project-Id when a project id is given,
 * X-Security-Token for temporary credentials, X-Sdk-Date and Authorization; signs every header sent.
 */
export function makeAkskAuth(crypto: CryptoProvider) {
  return function akskAuth(credentials: AkskAuthCredentials): Auth {
    checkCredentials(credentials);
    const keys = { ...credentials }; // a copy: later changes to `credentials` do not reach the signer
    const { ak, sk, projectId, securityToken } = keys;
    const secrets = securityToken ? [sk, securityToken] : [sk];
    const auth: Omit<Auth, 'toJSON'> = {
      kind: 'aksk',
      projectId,
      apply(ctx) {
        if (projectId) ctx.headers['x-project-id'] = projectId;
        return sign(crypto, keys, ctx, formatSdkDate(new Date()));
      },
      secrets: () => secrets,
    };
    return describe(auth, 'AkskAuth', { kind: 'aksk', ak, projectId }) as Auth;
  };
}
