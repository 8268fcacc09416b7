// What every attempt of every request goes through, whatever fetch sends it (ours, a caller's, a
// browser's): a deadline, a size limit on the answer, and no redirect. A server that never answers, one
// that answers forever, and one that points elsewhere must each end in a clear error, never a hang, an
// out-of-memory or credentials sent to another origin.
import { need } from './check.js';
import { ImsApiError, ResponseTooLargeError, TimeoutError } from './errors.js';

export interface Guards {
  /** per attempt, from sending to the last byte of the answer; Infinity = none */
  timeoutMs: number;
  /** bytes of answer body accepted; Infinity = no limit */
  maxResponseBytes: number;
}

/**
 * Responses whose body was read whole by a transport that enforced `maxResponseBytes` itself (the Node
 * build's httpFetch), so they are not read again here.
 */
export const complete = new WeakSet<Response>();

/** The largest delay setTimeout honours; beyond it Node fires at once. */
const MAX_TIMER = 2 ** 31 - 1;

export function checkGuards(timeoutMs: number, maxResponseBytes: number): Guards {
  const ok = (n: number, max: number): boolean => n === Infinity || (typeof n === 'number' && n > 0 && n <= max);
  need(ok(timeoutMs, MAX_TIMER), `timeoutMs must be a number of ms in (0, ${MAX_TIMER}] or Infinity`);
  need(ok(maxResponseBytes, Number.MAX_SAFE_INTEGER), 'maxResponseBytes must be a number > 0 or Infinity');
  return { timeoutMs, maxResponseBytes };
}

/**
 * The signal one attempt runs under: aborted by the caller's signal (with its reason) or by the deadline
 * (with a TimeoutError). `done()` must be called when the attempt settles.
 */
export function attemptSignal(caller: AbortSignal | null | undefined, timeoutMs: number): { signal: AbortSignal | undefined; done(): void } {
  if (timeoutMs === Infinity) return { signal: caller ?? undefined, done: () => undefined };
  const controller = new AbortController();
  const stop = whenAborted(caller, () => controller.abort(caller?.reason));
  const timer = setTimeout(() => controller.abort(new TimeoutError(timeoutMs)), timeoutMs);
  return {
    signal: controller.signal,
    done() {
      clearTimeout(timer);
      stop();
    },
  };
}

/**
 * Calls `onAbort` when `signal` aborts, at once if it already has (a signal aborted while the credentials
 * were being fetched fires no event any more). Returns what stops listening. (Not AbortSignal.any: behind
 * a long-lived caller signal it keeps every attempt's signal alive in Node 20, nodejs/node#55351.)
 */
export function whenAborted(signal: AbortSignal | null | undefined, onAbort: () => void): () => void {
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  return () => signal?.removeEventListener('abort', onAbort);
}

/**
 * Turns a fetch answer into one the client may use: a redirect (3xx, or a browser's opaque redirect)
 * becomes an ImsApiError, and the body is read whole within `maxResponseBytes` (the attempt's signal, still
 * armed, bounds the time). Returns a Response whose body is in memory.
 */
export async function settle(response: Response, maxResponseBytes: number): Promise<Response> {
  const { status, headers, body } = response;
  if (response.type === 'opaqueredirect' || (status >= 300 && status < 400)) {
    await body?.cancel().catch(() => undefined);
    const location = headers.get('location') ?? undefined;
    throw new ImsApiError(`IMS API ${status}: redirect${location ? ` to ${location}` : ''} refused; this client never follows redirects`, {
      status,
      body: '',
      location,
      requestId: headers.get('x-request-id') ?? undefined,
    });
  }
  if (complete.has(response) || !body || maxResponseBytes === Infinity) return response;
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  // A declared length over the limit is refused before a byte is read.
  let total = Number(headers.get('content-length')) > maxResponseBytes ? Infinity : 0;
  while (total <= maxResponseBytes) {
    const { done, value } = await reader.read();
    if (done) return new Response(new Blob(chunks as BlobPart[]), { status, statusText: response.statusText, headers });
    total += value.byteLength;
    chunks.push(value);
  }
  // Cancelling the stream closes the connection under it.
  await reader.cancel().catch(() => undefined);
  throw new ResponseTooLargeError(maxResponseBytes);
}
