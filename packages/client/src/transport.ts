import type { Auth, AuthContext } from './auth.js';
import { ImsApiError, ResponseTooLargeError } from './errors.js';
import { attemptSignal, type Guards, settle } from './guards.js';
import { readRequest } from './sign.js';
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
  /** deadline per attempt and size limit of an answer */
  guards: Guards;
  /**
   * The project id this transport's requests are made for (AuthContext.projectId): a value, a promise of
   * one (found once, then cached by the caller), undefined for the auth's own, or false for none.
   */
  projectId?: (() => string | false | undefined | Promise<string | false | undefined>) | undefined;
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
  /** For openapi-fetch's generated methods: sends a Request's method, URL, headers and body, authenticated. */
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

/** Init fields a transport understands beyond fetch's own: httpFetch enforces the size limit while reading. */
export interface GuardedInit extends RequestInit {
  maxResponseBytes?: number;
}

export function createTransport({ baseUrl, auth, retry, userAgent, provablyUnsent, fetch: custom, guards, projectId }: TransportOptions): Transport {
  const root = baseUrl.replace(/\/+$/, '');
  const { timeoutMs, maxResponseBytes } = guards;

  /**
   * Sends with retries. Every attempt gets its own headers: the request's (`own`), User-Agent, then whatever
   * auth adds (a fresh X-Sdk-Date each time); each runs under its own deadline, is never redirected, and
   * resolves only once its answer is read whole (within maxResponseBytes).
   */
  async function exchange(method: string, url: string, body: AuthContext['body'], own: Record<string, string> | undefined, signal: AbortSignal | null | undefined): Promise<Response> {
    // Signed as fetch will send it: the parsed URL's host, (normalized) path and query.
    const { host, pathname, searchParams } = new URL(url);
    const idempotent = isIdempotent(method);
    for (let n = 0; ; n++) {
      signal?.throwIfAborted();
      let after: number | undefined; // Retry-After, which replaces the backoff
      // Auth comes first and outside the retries: a credentials source that fails, or a signer that
      // refuses a header, fails the same way on every attempt.
      const headers = { ...own };
      if (userAgent) headers['user-agent'] = userAgent;
      const ctx: AuthContext = { method, host, pathname, query: searchParams, body, headers };
      const project = projectId?.();
      ctx.projectId = project instanceof Promise ? await project : project;
      await auth.apply(ctx);
      const attempt = attemptSignal(signal, timeoutMs);
      try {
        const init: GuardedInit = { method, headers, body: body as BodyInit | undefined, signal: attempt.signal, redirect: 'manual', maxResponseBytes };
        const response = await settle(await (custom ?? fetch)(url, init), maxResponseBytes);
        if (!idempotent || n >= retry.retries || !retry.statuses.has(response.status)) return response;
        after = parseRetryAfter(response.headers.get('retry-after'));
        // The server asks for a longer pause than we are willing to wait: hand its answer back instead.
        if (after !== undefined && after > retry.maxDelayMs) return response;
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        // A redirect or an answer too large: asking again changes nothing.
        if (error instanceof ImsApiError || error instanceof ResponseTooLargeError) throw error;
        // A POST is retried only when it provably never left this machine (quick import is not idempotent).
        // A TimeoutError counts as a network failure: GETs are retried, POSTs are not.
        if (n >= retry.retries || !(idempotent || (retry.retryUnsentPost && provablyUnsent?.(error)))) throw error;
      } finally {
        attempt.done();
      }
      await sleep(after ?? backoffDelay(retry, n), signal);
    }
  }

  return {
    baseUrl: root,
    send: ({ method, path, headers, body, signal }) => exchange(method, root + path, body, headers, signal),
    async fetchRequest(request) {
      // A previous signature is never signed again.
      const { headers: own, body } = await readRequest(request, rawBodies.get(request));
      delete own['x-sdk-date'];
      // Sent as URL + init, not as the Request: its redirect mode, and a body the first attempt would use
      // up, stay out of the way of the guards and the retries.
      return exchange(request.method, request.url, body, own, request.signal);
    },
  };
}
