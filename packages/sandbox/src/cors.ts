// CORS so a page served from another origin (the docs, a browser test) can call the sandbox with auth
// headers. Authorization cannot be covered by a `*` allow-list, so the requested headers are echoed.
import type { IncomingMessage, ServerResponse } from 'node:http';

export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  if (!origin) return;
  res.setHeader('Access-Control-Allow-Origin', origin);
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Expose-Headers', 'X-Request-Id');
}

/** Answers a preflight; returns false when the request is not one. */
export function handlePreflight(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'OPTIONS' || !req.headers['access-control-request-method']) return false;
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
  return true;
}
