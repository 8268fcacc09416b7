import type { Auth, AuthContext } from './auth.js';
import { backoffDelay, isIdempotent, parseRetryAfter, provablyUnsent, type RetryPolicy, sleep } from './retry.js';

export interface TransportOptions {
  baseUrl: string;
  auth: Auth;
  fetch?: typeof fetch | undefined;
  retry: RetryPolicy;
  /** sent (and signed) as User-Agent; Node build only, browsers refuse to set it */
  userAgent?: string | undefined;
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
// hash the exact bytes without cloning and reading the Request back (a stream round trip per request).
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

export function createTransport({ baseUrl, auth, retry, userAgent, fetch: custom }: TransportOptions): Transport {
  const base = new URL(baseUrl);
  const root = baseUrl.replace(/\/+$/, '');
  const basePath = base.pathname.replace(/\/+$/, '');
  const doFetch = (input: RequestInfo, init?: RequestInit): Promise<Response> => (custom ?? fetch)(input, init);

  /** One attempt's headers: the request's own, User-Agent, then whatever auth adds (fresh X-Sdk-Date each time). */
  async function authenticate(ctx: Omit<AuthContext, 'headers'>, headers: Record<string, string>): Promise<Record<string, string>> {
    if (userAgent) headers['user-agent'] = userAgent;
    await auth.apply({ ...ctx, headers });
    return headers;
  }

  async function withRetry(method: string, signal: AbortSignal | null | undefined, attempt: (n: number) => Promise<Response>): Promise<Response> {
    const idempotent = isIdempotent(method);
    for (let n = 0; ; n++) {
      signal?.throwIfAborted();
      let response: Response;
      try {
        response = await attempt(n);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        // A POST is retried only when it provably never left this machine (quick import is not idempotent).
        if (n >= retry.retries || !(idempotent || (retry.retryUnsentPost && provablyUnsent(error)))) throw error;
        await sleep(backoffDelay(retry, n), signal ?? undefined);
        continue;
      }
      if (!idempotent || n >= retry.retries || !retry.statuses.has(response.status)) return response;
      const after = parseRetryAfter(response.headers.get('retry-after'));
      // The server asks for a longer pause than we are willing to wait: hand its answer back instead.
      if (after !== undefined && after > retry.maxDelayMs) return response;
      await response.body?.cancel().catch(() => undefined);
      await sleep(after ?? backoffDelay(retry, n), signal ?? undefined);
    }
  }

  return {
    baseUrl: root,
    send: ({ method, path, headers, body, signal }) =>
      withRetry(method, signal, async () =>
        doFetch(root + path, {
          method,
          headers: await authenticate({ method, host: base.host, pathname: basePath + path, query: [], body }, { ...headers }),
          body,
          signal,
        }),
      ),
    async fetchRequest(request) {
      const { method, headers: current } = request;
      const url = new URL(request.url);
      const body = rawBodies.get(request) ?? (request.body ? new Uint8Array(await request.clone().arrayBuffer()) : undefined);
      return withRetry(method, request.signal, async (n) => {
        const own: Record<string, string> = {};
        current.forEach((value, name) => {
          if (name !== 'authorization' && name !== 'x-sdk-date') own[name] = value;
        });
        const headers = await authenticate({ method, host: url.host, pathname: url.pathname, query: url.searchParams, body }, own);
        // A retried request whose body the failed attempt consumed is rebuilt from the same bytes.
        const target = n && body && request.bodyUsed ? new Request(request, { body }) : request;
        for (const name in headers) target.headers.set(name, headers[name] as string);
        return doFetch(target);
      });
    },
  };
}
