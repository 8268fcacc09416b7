import type { Auth, AuthContext } from './auth.js';
import { backoffDelay, isIdempotent, parseRetryAfter, type RetryPolicy, sleep } from './retry.js';

export interface TransportOptions {
  baseUrl: string;
  auth: Auth;
  fetch?: typeof fetch | undefined;
  retry: RetryPolicy;
  /** sent (and signed) as User-Agent; Node build only, browsers refuse to set it */
  userAgent?: string | undefined;
  /** Node build only: tells a failure that provably never left the machine (browsers do not say why) */
  provablyUnsent?: ((error: unknown) => boolean) | undefined;
}

export interface Outgoing {
  method: string;
  /** path below baseUrl, percent-encoded, starting with "/" */
  path: string;
  /** lower-case names */
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal | undefined;
}

export interface Transport {
  readonly baseUrl: string;
  /** The fast path the helpers use: a plain init object, the body string hashed as is, no Request built. */
  send(outgoing: Outgoing): Promise<Response>;
  /** For openapi-fetch's generated methods: authenticates a Request in place and sends it. */
  fetchRequest(request: Request): Promise<Response>;
}

// openapi-fetch builds its Request from a serialized body string; remembering that string lets the signer
// hash the exact bytes without cloning and reading the Request back (a stream round trip per request, which
// is costly in Node's fetch). The Node build hands bodyKeepingRequest() to openapi-fetch; elsewhere the
// lookup misses and the body is read from a clone.
const rawBodies = new WeakMap<Request, string>();

/** A `Request` constructor for openapi-fetch that remembers string bodies; instanceof Request still holds. */
export function bodyKeepingRequest(): typeof Request {
  function Keeping(input: RequestInfo | URL, init?: RequestInit): Request {
    const request = new Request(input, init);
    if (typeof init?.body === 'string') rawBodies.set(request, init.body);
    return request;
  }
  Keeping.prototype = Request.prototype;
  return Keeping as unknown as typeof Request;
}

export function createTransport({ baseUrl, auth, retry, userAgent, provablyUnsent, fetch: custom }: TransportOptions): Transport {
  const root = baseUrl.replace(/\/+$/, '');
  const doFetch = (input: RequestInfo, init?: RequestInit): Promise<Response> => (custom ?? fetch)(input, init);

  /**
   * Sends with retries. Every attempt gets its own headers: the request's (`own`), User-Agent, then whatever
   * auth adds (a fresh X-Sdk-Date each time); `send` makes the attempt with them.
   */
  async function exchange(
    method: string,
    url: string,
    body: AuthContext['body'],
    own: Record<string, string> | undefined,
    signal: AbortSignal | null | undefined,
    send: (headers: Record<string, string>, n: number) => Promise<Response>,
  ): Promise<Response> {
    // Signed as fetch will send it: the parsed URL's host, (normalized) path and query.
    const { host, pathname, searchParams } = new URL(url);
    const idempotent = isIdempotent(method);
    for (let n = 0; ; n++) {
      signal?.throwIfAborted();
      let after: number | undefined; // Retry-After, which replaces the backoff
      try {
        const headers = { ...own };
        if (userAgent) headers['user-agent'] = userAgent;
        await auth.apply({ method, host, pathname, query: searchParams, body, headers });
        const response = await send(headers, n);
        if (!idempotent || n >= retry.retries || !retry.statuses.has(response.status)) return response;
        after = parseRetryAfter(response.headers.get('retry-after'));
        // The server asks for a longer pause than we are willing to wait: hand its answer back instead.
        if (after !== undefined && after > retry.maxDelayMs) return response;
        await response.body?.cancel().catch(() => undefined);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        // A POST is retried only when it provably never left this machine (quick import is not idempotent).
        if (n >= retry.retries || !(idempotent || (retry.retryUnsentPost && provablyUnsent?.(error)))) throw error;
      }
      await sleep(after ?? backoffDelay(retry, n), signal);
    }
  }

  return {
    baseUrl: root,
    send: ({ method, path, headers, body, signal }) =>
      exchange(method, root + path, body, headers, signal, (h) => doFetch(root + path, { method, headers: h, body, signal })),
    async fetchRequest(request) {
      const body = rawBodies.get(request) ?? (request.body ? new Uint8Array(await request.clone().arrayBuffer()) : undefined);
      // Headers iterates lower-case names; a previous signature is never signed again.
      const own = Object.fromEntries(request.headers);
      delete own.authorization;
      delete own['x-sdk-date'];
      return exchange(request.method, request.url, body, own, request.signal, (headers, n) => {
        // A retried request whose body the failed attempt consumed is rebuilt from the same bytes.
        const target = n && body && request.bodyUsed ? new Request(request, { body }) : request;
        for (const name in headers) target.headers.set(name, headers[name] as string);
        return doFetch(target);
      });
    },
  };
}
