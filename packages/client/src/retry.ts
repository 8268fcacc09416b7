import { need } from './check.js';
import { whenAborted } from './guards.js';

/** Retry policy for idempotent requests (GET/HEAD). POSTs are never retried once they may have been sent. */
export interface RetryOptions {
  /** retries after the first attempt (default 2) */
  retries?: number;
  /** first backoff cap in ms (default 300); retry n waits a random time in [0, min(maxDelayMs, base·2ⁿ)) */
  baseDelayMs?: number;
  /** upper bound of one backoff, and of a Retry-After we are willing to honour (default 10 000) */
  maxDelayMs?: number;
  /** statuses retried for GET (default 429, 500, 502, 503, 504) */
  statuses?: readonly number[];
  /**
   * Retry a POST whose connection was refused or whose host did not resolve, i.e. that provably never
   * reached a server (Node only: browsers do not say why a fetch failed). Default true.
   */
  retryUnsentPost?: boolean;
}

export interface RetryPolicy {
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  statuses: ReadonlySet<number>;
  retryUnsentPost: boolean;
}

export function retryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  const o = options === false ? { retries: 0, retryUnsentPost: false } : (options ?? {});
  const p = {
    retries: o.retries ?? 2,
    baseDelayMs: o.baseDelayMs ?? 300,
    maxDelayMs: o.maxDelayMs ?? 10_000,
    statuses: new Set(o.statuses ?? [429, 500, 502, 503, 504]),
    retryUnsentPost: o.retryUnsentPost !== false,
  };
  // Math.min is NaN when any of them is undefined or NaN, and NaN >= 0 is false.
  need(Number.isInteger(p.retries) && Math.min(p.retries, p.baseDelayMs, p.maxDelayMs) >= 0, 'retry: retries must be an integer >= 0, delays numbers >= 0');
  return p;
}

/** Full jitter: uniform in [0, min(max, base·2^attempt)) (attempt 0 = the first retry). */
export function backoffDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt));
}

/** Retry-After as ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value); // NaN when unreadable
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export const isIdempotent = (method: string): boolean => /^(GET|HEAD|OPTIONS)$/.test(method);

/** True when a fetch failure proves the request never left this machine (Node's undici `cause.code`). */
export function provablyUnsent(error: unknown): boolean {
  const code = (error as { cause?: { code?: unknown } } | undefined)?.cause?.code;
  return code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
}

/** A wait that ends early, with the signal's reason, when the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      resolve();
    }, ms);
    const stop = whenAborted(signal, () => {
      clearTimeout(timer);
      reject(signal?.reason);
    });
  });
}
