// CORS for the origins the OriginPolicy allows (loopback and configured ones), so a page there (the docs,
// a browser test) can call the sandbox with auth headers. Authorization cannot be covered by a `*`
// allow-list, so the requested headers are echoed — only ever to an allowed origin.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Marks an answer readable by `origin`, which the caller has checked against the policy. */
export function applyCors(res: ServerResponse, origin: string): void {
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Expose-Headers', EXPOSED);
}

/** Headers a page may read besides the CORS-safelisted ones. */
export const EXPOSED = 'X-Request-Id, X-Ims-Sandbox-Warnings, X-Ims-Sandbox-Warning-Count';

export function isPreflight(req: IncomingMessage): boolean {
  return req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
}

/** Answers a preflight from an allowed origin. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
  const asked = req.headers['access-control-request-headers'];
  res.setHeader(
    'Access-Control-Allow-Headers',
    asked ?? 'Authorization, Content-Type, X-Auth-Token, X-Sdk-Date, X-Project-Id, X-Security-Token, X-Sdk-Content-Sha256',
  );
  res.setHeader('Access-Control-Max-Age', '600');
  res.statusCode = 204;
  res.setHeader('Content-Length', '0');
  res.end();
}
