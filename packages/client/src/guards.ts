// What every attempt of every request goes through, whatever fetch sends it (ours, a caller's, a
// browser's): a deadline, a size limit on the answer, and no redirect. A server that never answers, one
// that answers forever, and one that points elsewhere must each end in a clear error, never a hang, an
// out-of-memory or credentials sent to another origin.
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
  if (!ok(timeoutMs, MAX_TIMER)) throw new TypeError(`timeoutMs must be a number of ms in (0, ${MAX_TIMER}] or Infinity`);
  if (!ok(maxResponseBytes, Number.MAX_SAFE_INTEGER)) throw new TypeError('maxResponseBytes must be a number > 0 or Infinity');
  return { timeoutMs, maxResponseBytes };
}

/**
 * The signal one attempt runs under: aborted by the caller's signal (with its reason) or by the deadline
 * (with a TimeoutError). `done()` must be called when the attempt settles.
 */
export function attemptSignal(caller: AbortSignal | null | undefined, timeoutMs: number): { signal: AbortSignal | undefined; done(): void } {
  if (timeoutMs === Infinity) return { signal: caller ?? undefined, done: () => undefined };
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(caller?.reason);
  // A signal aborted while the credentials were being fetched fires no event any more: forward it now.
  if (caller?.aborted) onAbort();
  else caller?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new TimeoutError(timeoutMs)), timeoutMs);
  return {
    signal: controller.signal,
    done() {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onAbort);
    },
  };
}

/**
 * Turns a fetch answer into one the client may use: a redirect (3xx, or a browser's opaque redirect)
 * becomes an ImsApiError, and the body is read whole within `maxResponseBytes` (the attempt's signal, still
 * armed, bounds the time). Returns a Response whose body is in memory.
 */
export async function settle(response: Response, maxResponseBytes: number): Promise<Response> {
  const { status, headers } = response;
  if (response.type === 'opaqueredirect' || (status >= 300 && status < 400)) {
    await response.body?.cancel().catch(() => undefined);
    const location = headers.get('location') ?? undefined;
    const requestId = headers.get('x-request-id') ?? undefined;
    throw new ImsApiError(`IMS API ${status}: a redirect${location ? ` to ${location}` : ''} was refused; this client never follows redirects`, {
      status,
      body: '',
      location,
      requestId,
    });
  }
  if (complete.has(response) || !response.body || maxResponseBytes === Infinity) return response;
  if (Number(headers.get('content-length')) > maxResponseBytes) {
    await response.body.cancel().catch(() => undefined);
    throw new ResponseTooLargeError(maxResponseBytes);
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxResponseBytes) {
      // Cancelling the stream closes the connection under it.
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLargeError(maxResponseBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return new Response(bytes, { status, statusText: response.statusText, headers });
}
