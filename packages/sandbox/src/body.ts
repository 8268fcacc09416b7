// Reads a request body with a size limit, a deadline and a share of a process-wide byte budget, so huge,
// slow, abandoned or merely numerous uploads can neither exhaust memory nor leave a handler waiting.
import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 1024 * 1024;

export type BodyResult =
  | { kind: 'ok'; body: Buffer }
  | { kind: 'too-large' }
  | { kind: 'busy' }
  | { kind: 'timeout' }
  | { kind: 'aborted' };

const EMPTY = Buffer.alloc(0);

/**
 * Bytes of request bodies held in memory at once, across all requests. A request reserves its declared
 * Content-Length up front (chunked ones reserve as bytes arrive); when the budget is spent, further
 * uploads are turned away at once instead of piling up.
 */
export class BodyBudget {
  private used = 0;

  constructor(readonly limit: number) {}

  get inUse(): number {
    return this.used;
  }

  reserve(n: number): boolean {
    if (this.used + n > this.limit) return false;
    this.used += n;
    return true;
  }

  release(n: number): void {
    this.used -= n;
  }
}

export function readBody(req: IncomingMessage, limit: number, timeoutMs: number, budget: BodyBudget): Promise<BodyResult> {
  const declaredHeader = req.headers['content-length'];
  // A bodiless GET is the common case: skip the stream machinery.
  if (declaredHeader === undefined && req.headers['transfer-encoding'] === undefined) return Promise.resolve({ kind: 'ok', body: EMPTY });
  const declared = declaredHeader === undefined ? undefined : Number(declaredHeader);
  if (declared !== undefined && declared > limit) return Promise.resolve({ kind: 'too-large' });
  if (declared === 0) return Promise.resolve({ kind: 'ok', body: EMPTY });
  let reserved = declared ?? 0;
  if (!budget.reserve(reserved)) return Promise.resolve({ kind: 'busy' });

  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const done = (r: BodyResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      budget.release(reserved);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onClose);
      if (r.kind !== 'ok') req.resume(); // drain rather than buffer whatever still arrives
      resolve(r);
    };
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) return done({ kind: 'too-large' });
      if (size > reserved) {
        // Chunked (or lying about its length): reserve as it grows.
        if (!budget.reserve(size - reserved)) return done({ kind: 'busy' });
        reserved = size;
      }
      chunks.push(c);
    };
    const onEnd = () => done({ kind: 'ok', body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size) });
    const onAbort = () => done({ kind: 'aborted' });
    const onClose = () => {
      if (!req.complete) done({ kind: 'aborted' });
    };
    const timer = setTimeout(() => done({ kind: 'timeout' }), timeoutMs);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onAbort);
    req.on('close', onClose);
  });
}
