// The HTTP server: node:http, no framework (see README "Design choices"). Every answer carries
// X-Request-Id; every error body comes from the spec's catalogs.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Authenticator } from './auth.js';
import { MAX_BODY_BYTES, readBody, type BodyBudget } from './body.js';
import { answerPreflight, applyCors, isPreflight } from './cors.js';
import { gatewayError, imsError, sandboxFailure, type ErrorReply } from './errors.js';
import { IMG_CATALOG, OS_VERSIONS } from './generated/spec-data.js';
import { newRequestId } from './ids.js';
import { legacyView, progressView } from './job-views.js';
import { JobStore } from './jobs.js';
import { JournalUnavailableError } from './journal.js';
import type { Locale } from './judge.js';
import type { JudgePool } from './judge-pool.js';
import { warningHeaders } from './warnings-header.js';
import type { OriginPolicy } from './origin-policy.js';
import { Router, type RouteMatch } from './router.js';
import type { EcsMetadata } from './emulators/ecs-metadata.js';
import { IAM_PROJECTS_PATH, type IamProjects } from './emulators/iam-projects.js';
import { RETRY_AFTER, unavailableReply } from './unavailable.js';

export interface HandlerContext {
  jobs: JobStore;
  auth: Authenticator;
  router: Router;
  /** Which Host and Origin headers are answered (DNS rebinding and CORS defences). */
  policy: OriginPolicy;
  /** The ECS metadata emulation, when enabled. */
  metadata?: EcsMetadata;
  iam: IamProjects;
  bodyTimeoutMs: number;
  /** Bytes of request bodies held at once, across all requests. */
  budget: BodyBudget;
  /** Judges quick-import bodies: small ones inline, big ones on a worker thread. */
  judges: JudgePool;
  /** Optional static file handler (the demo serves the docs); returns true when it answered. */
  extra?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

function send(res: ServerResponse, status: number, body: unknown, extraHeaders?: Record<string, string>): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  // One writeHead with everything: cheaper than a setHeader per header on the hot path.
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': Buffer.byteLength(text), ...extraHeaders });
  res.end(text);
}

function sendError(res: ServerResponse, reply: ErrorReply<unknown>, extraHeaders?: Record<string, string>): void {
  send(res, reply.status, reply.body, extraHeaders);
}

/** A 404 for an unknown job: an IMG code the catalog marks 404 if the spec has one, else the gateway's. */
function jobNotFound(requestId: string, jobId: string): ErrorReply<unknown> {
  const code = Object.keys(IMG_CATALOG).find((c) => IMG_CATALOG[c]!.statuses.includes(404));
  if (code) return { status: 404, body: imsError(code).body };
  return gatewayError('APIGW.0101', requestId, { detail: `no job with id ${jobId}` });
}

/** IAM KeystoneListProjects rides the same gateway checks as the IMS operations (the SDKs sign it alike). */
const IAM_OPERATION = 'KeystoneListProjects';
const IAM_ROUTE: RouteMatch = {
  kind: 'operation',
  operation: { operationId: IAM_OPERATION, method: 'GET', path: IAM_PROJECTS_PATH, statuses: ['200', '401'], deprecated: false },
  params: {},
};

function localeOf(req: IncomingMessage): Locale {
  const al = req.headers['accept-language'];
  return typeof al === 'string' && /^zh\b/i.test(al.trim()) ? 'zh-CN' : 'en';
}

/**
 * Answers one request. `expectsContinue`: the client sent `Expect: 100-continue` and waits for the 100
 * before sending its body — which it gets only once the request has passed every check on its headers.
 */
export async function handle(ctx: HandlerContext, req: IncomingMessage, res: ServerResponse, expectsContinue = false): Promise<void> {
  const requestId = newRequestId();
  res.setHeader('X-Request-Id', requestId);
  const rawUrl = req.url ?? '/';
  const q = rawUrl.indexOf('?');
  const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const method = req.method ?? 'GET';
  const declared = req.headers['content-length'];
  const hasBody = (declared !== undefined && declared !== '0') || req.headers['transfer-encoding'] !== undefined;
  // An answer given before the body is read closes the connection, so the unread body is never waited for.
  const early = hasBody ? { Connection: 'close' } : undefined;

  // DNS rebinding: a name other than ours pointing at this address gets nothing, before anything else.
  const host = req.headers.host;
  if (!ctx.policy.hostAllowed(host)) {
    return sendError(res, gatewayError('APIGW.0101', requestId, { detail: `this sandbox does not answer for Host ${JSON.stringify(host)}; add it with --allowed-host / allowedHosts` }), early);
  }
  // The metadata API before CORS: no web page may read what it hands out.
  if (ctx.metadata?.handle(req, res, rawPath)) return;

  const origin = req.headers.origin;
  if (origin !== undefined) {
    if (!ctx.policy.originAllowed(origin, host)) {
      // No CORS headers, and no processing either: a page elsewhere cannot fire requests blind.
      return sendError(res, gatewayError('APIGW.0302', requestId, { detail: `requests from origin ${JSON.stringify(origin)} are not allowed; add it with --cors-origin / corsOrigins` }), early);
    }
    applyCors(res, origin);
    if (isPreflight(req)) return answerPreflight(req, res);
  }
  if (ctx.extra?.(req, res)) return;
  // The gateway refuses a declared oversized body before anything else looks at it.
  if (declared !== undefined && Number(declared) > MAX_BODY_BYTES) {
    return sendError(res, gatewayError('APIGW.0201', requestId, { status: 413, detail: `the body is larger than ${MAX_BODY_BYTES} bytes` }), { Connection: 'close' });
  }

  // Route, then authenticate, on the headers alone: an unknown path or missing credentials cost no body.
  const iam = rawPath === IAM_PROJECTS_PATH || rawPath === IAM_PROJECTS_PATH + '/';
  if (iam) ctx.iam.calls++;
  const route: RouteMatch = iam ? (method === 'GET' ? IAM_ROUTE : { kind: 'method-not-allowed', allow: ['GET'] }) : ctx.router.match(method, rawPath);
  if (route.kind === 'not-found') {
    return sendError(res, gatewayError('APIGW.0101', requestId, { detail: `no API ${method} ${rawPath}` }), early);
  }
  if (route.kind === 'method-not-allowed') {
    return sendError(res, gatewayError('APIGW.0101', requestId, { status: 405, detail: `${rawPath} does not take ${method}; it takes ${route.allow.join(', ')}` }), {
      Allow: route.allow.join(', '),
      ...early,
    });
  }
  const authHead = ctx.auth.checkHeaders({ method, rawUrl, headers: req.headers }, requestId);
  if (!authHead.ok) return sendError(res, authHead.reply, early);

  if (expectsContinue) res.writeContinue();
  const body = await readBody(req, MAX_BODY_BYTES, ctx.bodyTimeoutMs, ctx.budget);
  if (body.kind === 'aborted') return;
  if (body.kind === 'busy') {
    const detail = `too many request bodies in flight (${ctx.budget.limit} bytes); retry later`;
    return sendError(res, gatewayError('APIGW.0308', requestId, { detail }), { Connection: 'close', 'Retry-After': '1' });
  }
  if (body.kind === 'too-large') {
    sendError(res, gatewayError('APIGW.0201', requestId, { status: 413, detail: `the body is larger than ${MAX_BODY_BYTES} bytes` }), { Connection: 'close' });
    return;
  }
  if (body.kind === 'timeout') {
    sendError(res, gatewayError('APIGW.0201', requestId, { status: 400, detail: `the body did not arrive within ${ctx.bodyTimeoutMs} ms` }), { Connection: 'close' });
    res.once('finish', () => req.socket.destroy());
    return;
  }
  const auth = authHead.finish(body.body);
  if (!auth.ok) return sendError(res, auth.reply);

  // While the journal cannot be written, nothing is answered as if it could be (see unavailable.ts).
  const down = ctx.jobs.unavailable();
  if (down) return sendError(res, unavailableReply(down), RETRY_AFTER);

  const { operation, params } = route;
  switch (operation.operationId) {
    case 'importImageQuick':
    case 'importImageQuickInSafeMode': {
      const judged = ctx.judges.judge(body.body, req.headers['content-type'], localeOf(req));
      const verdict = judged instanceof Promise ? await judged : judged;
      const warned = warningHeaders(verdict.warnings);
      if (!verdict.ok) return sendError(res, verdict.reply, warned);
      let job;
      try {
        job = await ctx.jobs.submit({ ...verdict.job, ...(auth.projectId ? { projectId: auth.projectId } : {}) });
      } catch (e) {
        if (e instanceof JournalUnavailableError) return sendError(res, unavailableReply(e), RETRY_AFTER);
        throw e;
      }
      return send(res, 200, { job_id: job.id }, warned);
    }
    case 'showJobProgress':
    case 'showJob': {
      const id = params.job_id ?? '';
      const job = ctx.jobs.get(id);
      // A job belongs to the project it was created in: another project's caller (or one with no project)
      // gets the same 404 as for a job that does not exist, so ids cannot be probed across projects.
      const wrongProject =
        job !== undefined && (job.projectId !== auth.projectId || (operation.operationId === 'showJob' && job.projectId !== undefined && params.project_id !== job.projectId));
      if (!job || wrongProject) return sendError(res, jobNotFound(requestId, id));
      const percent = ctx.jobs.percent(job);
      return send(res, 200, operation.operationId === 'showJob' ? legacyView(job, percent) : progressView(job, percent));
    }
    case IAM_OPERATION:
      return send(res, 200, ctx.iam.list(q < 0 ? '' : rawUrl.slice(q + 1), `http://${req.headers.host ?? 'localhost'}`));
    case 'listOsVersions': {
      const tag = new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1)).get('tag');
      if (tag !== null && tag !== 'bms' && tag !== 'uefi') {
        return sendError(res, imsError('IMG.0001', `The request message format is invalid: tag must be bms or uefi, not ${JSON.stringify(tag)}.`));
      }
      return send(res, 200, OS_VERSIONS);
    }
    default:
      // An operation in the spec that this sandbox does not implement yet: say so instead of guessing.
      return sendError(res, gatewayError('APIGW.0101', requestId, { detail: `${operation.operationId} is not implemented by the sandbox` }));
  }
}

/** Answers HTTP-level garbage (bad chunking, header overflow, header timeout) and closes the socket. */
export function onClientError(err: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || (err.code === 'ECONNRESET')) {
    socket.destroy();
    return;
  }
  const requestId = newRequestId();
  const reply = gatewayError('APIGW.0201', requestId, { status: 400, detail: err.code ?? 'malformed HTTP request' });
  const text = JSON.stringify(reply.body);
  socket.end(
    `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json;charset=UTF-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n` +
      `X-Request-Id: ${requestId}\r\nConnection: close\r\n\r\n${text}`,
  );
}

/** The message of a bug's 500: what happened and what to do, never the exception's text. */
const INTERNAL_ERROR_MESSAGE =
  'ims-sandbox internal error (a bug in the sandbox, not an answer of the image service; its log has the details). Retry; for a quick import, look for the job before resubmitting.';

export interface ListenOptions {
  port: number;
  host: string;
  headersTimeoutMs: number;
  /** Open connections at most; further ones are closed as they arrive (Node's server.maxConnections). */
  maxConnections: number;
}

export async function listen(ctx: HandlerContext, opts: ListenOptions): Promise<{ server: Server; url: string; port: number }> {
  const server = createServer(
    {
      headersTimeout: opts.headersTimeoutMs,
      requestTimeout: 0, // bodies have their own deadline (readBody), so a slow upload gets a JSON answer
      keepAliveTimeout: 5_000,
      connectionsCheckingInterval: Math.min(1_000, opts.headersTimeoutMs),
    },
    (req, res) => run(req, res, false),
  );
  function run(req: IncomingMessage, res: ServerResponse, expectsContinue: boolean): void {
    handle(ctx, req, res, expectsContinue).catch((e: unknown) => {
      // Never crash on one request: a 500 of the sandbox's own, whose message says nothing of the exception
      // (it may hold a path or a header value); the log has it.
      console.error('ims-sandbox: internal error', e);
      sendError(res, sandboxFailure('internal', INTERNAL_ERROR_MESSAGE));
    });
  }
  // Without this listener Node answers `100 Continue` by itself, before any check: an oversized or
  // unauthenticated upload would be invited to send its body.
  server.on('checkContinue', (req, res) => run(req, res, true));
  server.maxConnections = opts.maxConnections;
  server.on('clientError', onClientError);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const hostForUrl = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return { server, url: `http://${hostForUrl}:${addr.port}`, port: addr.port };
}
