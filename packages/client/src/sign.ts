import type { AuthContext } from './auth.js';
import { canonicalHeaders, canonicalQuery, canonicalUri, formatSdkDate, toSdkDate } from './canonical.js';
import { checkCredentials } from './check.js';
import type { CryptoProvider } from './crypto-provider.js';

export interface AkskCredentials {
  ak: string;
  sk: string;
  securityToken?: string;
}

export interface SignOptions {
  /** The signing time; a Date or YYYYMMDDTHHMMSSZ. Default: an `X-Sdk-Date` already on the request, else now. */
  date?: Date | string;
}

const ALGORITHM = 'SDK-HMAC-SHA256';

/**
 * Runs `next` on a value now, or once its promise settles. One code path serves both providers: with
 * node:crypto every step is synchronous (the Node build signs without a single await), with WebCrypto
 * each step is a promise. (Not named `then`: a module exporting `then` is itself a thenable.)
 */
export function chain<T, U>(value: T | PromiseLike<T>, next: (value: T) => U | Promise<U>): U | Promise<U> {
  return typeof (value as PromiseLike<T> | null)?.then === 'function' ? Promise.resolve(value).then(next) : next(value as T);
}

/**
 * Signs one request in place: sets X-Security-Token (when given), X-Sdk-Date = `date` and Authorization
 * on `ctx.headers` (unique lower-case names). Every header present is signed, plus `host` from `ctx.host`
 * unless a Host header is there. Synchronous with a synchronous provider, else a promise.
 */
export function sign(crypto: CryptoProvider, { ak, sk, securityToken }: AkskCredentials, ctx: AuthContext, date: string): void | Promise<void> {
  const h = ctx.headers;
  if (securityToken) h['x-security-token'] = securityToken;
  h['x-sdk-date'] = date;
  // Like the official signers, leave a multipart Content-Type unsigned: its boundary may be set after signing.
  const list = Object.entries(h).filter(([name, value]) => name !== 'content-type' || !value.includes('multipart/form-data'));
  if (!h.host) list.push(['host', ctx.host]);
  const { lines, signed } = canonicalHeaders(list);
  const canonical = `${ctx.method.toUpperCase()}\n${canonicalUri(ctx.pathname)}\n${canonicalQuery(ctx.query)}\n${lines}\n${signed}\n`;
  // X-Sdk-Content-Sha256 stands in for the hash of the exact body bytes: UNSIGNED-PAYLOAD, or that hash.
  // Any other value would sign a body other than the one sent, so it is refused.
  const declared = h['x-sdk-content-sha256']?.trim();
  const payloadHash =
    declared === 'UNSIGNED-PAYLOAD'
      ? declared
      : chain(crypto.sha256Hex(ctx.body ?? ''), (hash) => {
          if (declared && declared.toLowerCase() !== hash) throw new TypeError('X-Sdk-Content-Sha256 is neither UNSIGNED-PAYLOAD nor the SHA-256 of the body; refusing to sign');
          return declared || hash;
        });
  const requestHash = chain(payloadHash, (hash) => crypto.sha256Hex(canonical + hash));
  const signature = chain(requestHash, (hash) => crypto.hmacSha256Hex(sk, `${ALGORITHM}\n${date}\n${hash}`));
  return chain(signature, (value) => void (h.authorization = `${ALGORITHM} Access=${ak}, SignedHeaders=${signed}, Signature=${value}`));
}

/**
 * What signing needs of a Request: its headers (lower-case names, one entry per name, without a previous
 * Authorization) and its body bytes (`known`, else read from a clone so the Request stays usable).
 */
export async function readRequest(request: Request, known?: string): Promise<{ headers: Record<string, string>; body: string | Uint8Array | undefined }> {
  const headers = Object.fromEntries(request.headers);
  delete headers.authorization;
  return { headers, body: known ?? (request.body ? new Uint8Array(await request.clone().arrayBuffer()) : undefined) };
}

/**
 * signRequest for a given crypto provider: signs every header on the request plus `host` (from the URL,
 * unless the request carries one) and `X-Sdk-Date`, hashes the exact body bytes, and returns a new Request
 * carrying X-Sdk-Date, Authorization (and X-Security-Token).
 */
export function makeSignRequest(crypto: CryptoProvider) {
  return async function signRequest(request: Request, credentials: AkskCredentials, options: SignOptions = {}): Promise<Request> {
    checkCredentials(credentials);
    const { headers, body } = await readRequest(request);
    const existing = headers['x-sdk-date'];
    const date = options.date !== undefined ? toSdkDate(options.date, 'options.date') : existing ? toSdkDate(existing.trim(), 'X-Sdk-Date header') : formatSdkDate(new Date());
    const { host, pathname, searchParams } = new URL(request.url);
    await sign(crypto, credentials, { method: request.method, host, pathname, query: searchParams, headers, body }, date);
    return new Request(request, { headers });
  };
}
