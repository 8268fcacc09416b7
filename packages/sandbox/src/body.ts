// Reads a request body with a size limit and a deadline, so a huge, slow or abandoned upload can neither
// exhaust memory nor leave a handler waiting for ever.
import type { IncomingMessage } from 'node:http';

export const MAX_BODY_BYTES = 1024 * 1024;

export type BodyResult =
  | { kind: 'ok'; body: Buffer }
  | { kind: 'too-large' }
  | { kind: 'timeout' }
  | { kind: 'aborted' };

const EMPTY = Buffer.alloc(0);

export function readBody(req: IncomingMessage, limit: number, timeoutMs: number): Promise<BodyResult> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) return Promise.resolve({ kind: 'too-large' });
  // A bodiless GET is the common case: skip the stream machinery.
  if (declared === undefined && req.headers['transfer-encoding'] === undefined) {
    return Promise.resolve({ kind: 'ok', body: EMPTY });
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const done = (r: BodyResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onAbort);
      req.off('close', onClose);
      if (r.kind !== 'ok') req.resume(); // drain rather than buffer whatever still arrives
      resolve(r);
    };
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) done({ kind: 'too-large' });
      else chunks.push(c);
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
