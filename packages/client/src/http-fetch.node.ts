// The Node build's default transport: a small fetch-compatible function on node:http / node:https with
// keep-alive agents. Node 20's fetch (undici) spends most of a small API round trip in its own machinery
// (Request/Headers objects, web streams, transferable bookkeeping, the garbage they leave), far more than
// signing costs; a plain http.request carries the same bytes for much less.
//
// What it does, and why:
// - sends exactly the headers it is given (they are signed), plus only Host (from the URL, as signed),
//   Content-Length and Node's Connection: keep-alive, none of which alters a signed header; no
//   Accept-Encoding, so nothing needs decoding; no redirects (a 3xx is returned as is);
// - reads the whole answer before resolving (API answers are small JSON documents), then hands back a real
//   `Response`; with `init.maxResponseBytes` (the transport's GuardedInit) it destroys the socket as soon as
//   the answer grows past it, and marks what it read whole (guards.ts `complete`) so it is not read twice;
// - fails like undici: `TypeError('fetch failed', { cause })` with the socket error (and its `code`) as
//   the cause, which is what provablyUnsent (retry.ts) reads; an abort rejects with the signal's reason and
//   destroys the socket;
// - anything it does not handle itself (a Request object, a stream/Blob/FormData body) goes to the global
//   fetch unchanged.
import { Agent as HttpAgent, type IncomingMessage, request as httpRequest, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { ResponseTooLargeError } from './errors.js';
import { complete } from './guards.js';
import type { GuardedInit } from './transport.js';

// Idle sockets are dropped after 4 s (as undici does), before servers' usual 5 s keep-alive timeout could
// close one under a request we are about to write. Free sockets are unref'd by the agent, so they never
// keep the process alive.
const IDLE_MS = 4_000;
let agents: { http: HttpAgent; https: HttpsAgent } | undefined;
const agentFor = (https: boolean): HttpAgent => {
  agents ??= { http: new HttpAgent({ keepAlive: true, timeout: IDLE_MS }), https: new HttpsAgent({ keepAlive: true, timeout: IDLE_MS }) };
  return https ? agents.https : agents.http;
};

/** Statuses whose Response must have a null body. */
const NULL_BODY = new Set([101, 204, 205, 304]);

const failed = (cause: unknown): TypeError => new TypeError('fetch failed', { cause });

function ownHeaders(given: HeadersInit | undefined): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  if (!given) return out;
  const pairs: Iterable<[string, string]> | undefined =
    given instanceof Headers ? given : Array.isArray(given) ? (given as [string, string][]) : undefined;
  if (pairs) for (const [name, value] of pairs) out[name.toLowerCase()] = value;
  else for (const name in given) out[name.toLowerCase()] = (given as Record<string, string>)[name];
  return out;
}

function bodyBytes(body: BodyInit | null | undefined): string | Uint8Array | undefined | false {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string' || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  return false; // not ours to encode (stream, Blob, FormData, URLSearchParams...)
}

function toResponse(res: IncomingMessage, body: Uint8Array<ArrayBuffer> | null): Response {
  const headers = new Headers();
  const raw = res.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  return new Response(body, { status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers });
}

/** fetch over node:http(s) with keep-alive; see the file comment for what it does and leaves to fetch. */
export function httpFetch(input: string | URL | Request, init: GuardedInit = {}): Promise<Response> {
  const body = bodyBytes(init.body);
  if (input instanceof Request || body === false) return fetch(input, init);
  const signal = init.signal ?? undefined;
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (!/^https?:/i.test(String(input))) return fetch(input, init); // relative URLs (an error) and other schemes
  const method = (init.method ?? 'GET').toUpperCase();
  const limit = init.maxResponseBytes ?? Infinity;

  return new Promise<Response>((resolve, reject) => {
    const url = new URL(input); // a malformed URL throws a TypeError here, which rejects the promise
    const https = url.protocol === 'https:';
    let settled = false;
    const finish = (error: unknown, response?: Response): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (response) resolve(response);
      else reject(error);
    };
    const onAbort = (): void => {
      req.destroy();
      finish(signal?.reason);
    };

    const headers = ownHeaders(init.headers);
    headers.host ??= url.host;
    if (body !== undefined) headers['content-length'] = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
    else if (method !== 'GET' && method !== 'HEAD') headers['content-length'] = 0;

    let req: ReturnType<typeof httpRequest>;
    try {
      req = (https ? httpsRequest : httpRequest)({
        protocol: url.protocol,
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        port: url.port,
        path: url.pathname + url.search,
        method,
        headers,
        agent: agentFor(https),
      });
    } catch (error) {
      // e.g. a header value Node refuses (fetch throws a TypeError for those too)
      return finish(error instanceof TypeError ? error : failed(error));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (error) => finish(failed(error)));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let length = 0;
      res.on('data', (chunk: Buffer) => {
        length += chunk.length;
        if (length <= limit) return void chunks.push(chunk);
        // Stop reading and close the connection: an endless answer must not grow memory without bound.
        req.destroy();
        finish(new ResponseTooLargeError(limit));
      });
      res.on('error', (error) => finish(failed(error)));
      // A connection that closes before the whole answer arrived errors the response (ECONNRESET "aborted").
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        try {
          const response = toResponse(res, method === 'HEAD' || NULL_BODY.has(status) ? null : (Buffer.concat(chunks) as Uint8Array<ArrayBuffer>));
          if (limit !== Infinity) complete.add(response);
          finish(undefined, response);
        } catch (error) {
          finish(failed(error)); // a status Response refuses (< 200 or > 599) or a malformed header
        }
      });
    });
    req.end(body);
  });
}
