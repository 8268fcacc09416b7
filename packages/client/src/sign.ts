import { canonicalHeaders, canonicalQuery, canonicalUri, EMPTY_SHA256, formatSdkDate, toSdkDate } from './canonical.js';
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

/** What one signature covers. `headers` holds lower-case names and already includes host and x-sdk-date. */
export interface SignInput {
  method: string;
  pathname: string;
  query: Iterable<[string, string]>;
  headers: Array<[string, string]>;
  /** exact body bytes (or the string that is sent); undefined/null = no body */
  body: string | Uint8Array | null | undefined;
  /** value of X-Sdk-Content-Sha256, if the request carries one (e.g. UNSIGNED-PAYLOAD) */
  contentSha256?: string | null;
  date: string;
}

export const ALGORITHM = 'SDK-HMAC-SHA256';

/**
 * The Authorization value. Synchronous with a synchronous provider (node:crypto), so the Node build signs
 * without a single await; a promise with WebCrypto.
 */
export function authorization(crypto: CryptoProvider, input: SignInput, ak: string, sk: string): string | Promise<string> {
  // Like the official signers, leave a multipart Content-Type unsigned: its boundary may be set after signing.
  const { lines, signed } = canonicalHeaders(input.headers.filter(([name, value]) => name !== 'content-type' || !value.includes('multipart/form-data')));
  // The canonical request up to (not including) the payload hash.
  const prefix = `${input.method.toUpperCase()}\n${canonicalUri(input.pathname)}\n${canonicalQuery(input.query)}\n${lines}\n${signed}\n`;
  const fixedHash = input.contentSha256?.trim() || (input.body?.length ? undefined : EMPTY_SHA256);
  const head = `${ALGORITHM} Access=${ak}, SignedHeaders=${signed}, Signature=`;
  const stsHead = `${ALGORITHM}\n${input.date}\n`;
  const body = input.body as string | Uint8Array;
  if (crypto.sync) {
    const sts = stsHead + (crypto.sha256Hex(prefix + (fixedHash ?? crypto.sha256Hex(body))) as string);
    return head + (crypto.hmacSha256Hex(sk, sts) as string);
  }
  return (async () => {
    const sts = stsHead + (await crypto.sha256Hex(prefix + (fixedHash ?? (await crypto.sha256Hex(body)))));
    return head + (await crypto.hmacSha256Hex(sk, sts));
  })();
}

export function checkCredentials(credentials: AkskCredentials | undefined): void {
  for (const key of ['ak', 'sk'] as const) {
    const value = credentials?.[key];
    if (typeof value !== 'string' || !value) throw new TypeError(`AK/SK credentials: \`${key}\` must be a non-empty string`);
  }
}

/**
 * signRequest for a given crypto provider: signs every header on the request plus `host` (from the URL,
 * unless the request carries one) and `X-Sdk-Date`, hashes the exact body bytes, and returns a new Request
 * carrying X-Sdk-Date, Authorization (and X-Security-Token).
 */
export function makeSignRequest(crypto: CryptoProvider) {
  return async function signRequest(request: Request, credentials: AkskCredentials, options: SignOptions = {}): Promise<Request> {
    checkCredentials(credentials);
    const headers = new Headers(request.headers);
    headers.delete('authorization');
    if (credentials.securityToken) headers.set('X-Security-Token', credentials.securityToken);
    const existing = headers.get('x-sdk-date');
    const date = options.date !== undefined ? toSdkDate(options.date, 'options.date') : existing ? toSdkDate(existing.trim(), 'X-Sdk-Date header') : formatSdkDate(new Date());
    headers.set('X-Sdk-Date', date);
    const url = new URL(request.url);
    const list = [...headers];
    if (!headers.has('host')) list.push(['host', url.host]);
    // Read from a clone so the caller's Request stays usable; the returned Request carries the same body.
    const body = request.body ? new Uint8Array(await request.clone().arrayBuffer()) : undefined;
    const value = await authorization(
      crypto,
      { method: request.method, pathname: url.pathname, query: url.searchParams, headers: list, body, contentSha256: headers.get('x-sdk-content-sha256'), date },
      credentials.ak,
      credentials.sk,
    );
    headers.set('Authorization', value);
    return new Request(request, { headers });
  };
}
