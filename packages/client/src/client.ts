import createClient, { type Client, defaultPathSerializer } from 'openapi-fetch';
import type { Auth } from './auth.js';
import { need, needString } from './check.js';
import type { Credentials } from './credentials.js';
import { DEFAULT_REGION, imsEndpoint } from './endpoints.js';
import { ImsApiError, readAnswer, RequestValidationError } from './errors.js';
import type { paths } from './generated/schema.js';
import { checkGuards, type Guards } from './guards.js';
import { retryPolicy, type RetryOptions, type RetryPolicy } from './retry.js';
import { describe } from './secrets.js';
import { chain } from './sign.js';
import { createTransport } from './transport.js';
import type { Job, QuickImportRequest } from './types.js';
import { waitForJob, type WaitOptions } from './wait-for-job.js';

export interface ImsClientOptions {
  /** region id → its IMS endpoint, imsEndpoint(region) (the spec's server URL); default DEFAULT_REGION, the spec's */
  region?: string;
  /** overrides region: the endpoint (or a proxy / sandbox) URL */
  baseUrl?: string;
  auth: Auth;
  /**
   * fetch to use for every request. Default: in Node, the client's own keep-alive node:http transport
   * (plain `fetch` for what it does not handle); elsewhere the global fetch at call time.
   */
  fetch?: typeof fetch;
  /** GET retry policy; false turns retries off */
  retry?: RetryOptions | false;
  /** User-Agent to send and sign (Node build; browsers do not let scripts set it) */
  userAgent?: string;
  /**
   * The project every request is for: X-Project-Id with AK/SK, and ShowJob's path. Default: the
   * credentials' project id, else (Node build, AK/SK) the one IAM names after the region.
   */
  projectId?: string;
  /**
   * Node build: IAM endpoint for project id discovery. Default the credentials' `iamEndpoint` (the profile
   * file's `iam_endpoint`), else HUAWEICLOUD_SDK_IAM_ENDPOINT, else the spec's IAM server; a value without a
   * scheme gets https://. With `baseUrl` (a proxy, the sandbox) discovery runs only when this option is
   * given: the ambient sources never send credentials meant for a test server to the real IAM.
   */
  iamEndpoint?: string;
  /** per attempt, from sending to the last byte of the answer (default 30 000; Infinity = none); TimeoutError */
  timeoutMs?: number;
  /** largest answer body accepted (default 10 MiB; Infinity = no limit); ResponseTooLargeError */
  maxResponseBytes?: number;
  /**
   * Called before every quick import with the body. `ok: false` → nothing is sent and
   * RequestValidationError is thrown with `issues`; `warnings` (ok or not) go to `onWarnings` and onto the
   * result. `validateQuickImportRequest` of @ims-quick-import/validators fits as is.
   */
  validateRequest?: (body: unknown) => { ok: boolean; issues?: unknown[]; warnings?: unknown[] };
  /** receives validateRequest's warnings (rules no official source states) before the body is sent */
  onWarnings?: (warnings: unknown[], body: unknown) => void;
}

export interface QuickImportOptions {
  /** POST /v2.1/... (importImageQuickInSafeMode) instead of /v2/... */
  safeMode?: boolean;
  signal?: AbortSignal;
}

export interface GetJobOptions {
  /** 'progress' = ShowJobProgress (default), 'legacy' = ShowJob (needs a project id) */
  api?: 'progress' | 'legacy';
  signal?: AbortSignal;
}

/** What quickImport answers; `warnings` are validateRequest's, present only when there are some. */
export interface QuickImportResult {
  jobId: string;
  requestId?: string;
  warnings?: unknown[];
}

export interface ImsHelpers {
  quickImport(body: QuickImportRequest, options?: QuickImportOptions): Promise<QuickImportResult>;
  getJob(jobId: string, options?: GetJobOptions): Promise<Job>;
  waitForJob(jobId: string, options?: WaitOptions): Promise<Job>;
  importAndWait(body: QuickImportRequest, options?: WaitOptions & { safeMode?: boolean }): Promise<{ jobId: string; imageId: string; job: Job }>;
}

export type ImsClient = Client<paths> & ImsHelpers;

/**
 * What only the Node build does. Browsers neither let scripts set User-Agent (a signed header the browser
 * drops would break the signature) nor say why a fetch failed; and reading a Request's body back, which
 * the body-keeping Request saves, is costly in Node's fetch. The browser build leaves these out.
 */
export interface NodeOnly {
  /** true when a fetch failure proves the request never left this machine (retry.ts) */
  provablyUnsent(error: unknown): boolean;
  /** the Request constructor openapi-fetch builds with (transport.ts bodyKeepingRequest) */
  Request: typeof Request;
  /**
   * Project id discovery (iam-project.node.ts): for the client's options, a function that asks IAM once for
   * the project named after the region, or undefined when this client does not discover.
   */
  projectDiscovery?: (options: ImsClientOptions, setup: DiscoverySetup) => ((credentials: Credentials) => Promise<string>) | undefined;
}

/** What project id discovery needs from the client it serves. */
export interface DiscoverySetup {
  region: string;
  auth: Auth;
  retry: RetryPolicy;
  guards: Guards;
  fetch: typeof fetch | undefined;
  userAgent: string | undefined;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

/**
 * openapi-fetch's path serializer, refusing a path parameter `.` or `..`: encodeURIComponent keeps dots,
 * and URL parsing would then send the request to another path.
 */
function safePathSerializer(pathname: string, params: Record<string, unknown>): string {
  for (const [name, value] of Object.entries(params ?? {})) need(value !== '.' && value !== '..', `path parameter ${name}: "${String(value)}" would change the path`);
  return defaultPathSerializer(pathname, params);
}

/** Builds createImsClient for one runtime: the Node build passes its NodeOnly features. */
export function makeCreateImsClient(node?: NodeOnly) {
  return function createImsClient(options: ImsClientOptions): ImsClient {
    const auth = options?.auth;
    need(auth?.apply, 'createImsClient: `auth` is required (tokenAuth(...) or akskAuth(...))');
    const region = options.region ?? DEFAULT_REGION;
    const baseUrl = options.baseUrl || imsEndpoint(region);
    const retry = retryPolicy(options.retry);
    const guards = checkGuards(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
    const userAgent = (node && options.userAgent) || undefined;
    const explicitProject = options.projectId;
    need(explicitProject === undefined || (typeof explicitProject === 'string' && explicitProject), 'createImsClient: projectId must be a non-empty string');
    const discover = node?.projectDiscovery?.(options, { region, auth, retry, guards, fetch: options.fetch, userAgent });
    /** The project of every IMS request: the option, else the credentials', else the discovered one. */
    const projectId = (): string | undefined | Promise<string | undefined> =>
      explicitProject ?? (auth.credentials ? chain(auth.credentials(), (c) => c.projectId ?? discover?.(c)) : undefined);

    const transport = createTransport({
      baseUrl,
      auth,
      retry,
      fetch: options.fetch,
      userAgent,
      provablyUnsent: node?.provablyUnsent,
      guards,
      projectId,
    });
    const api = createClient<paths>({ baseUrl: transport.baseUrl, fetch: transport.fetchRequest, Request: node?.Request, pathSerializer: safePathSerializer });

    const helpers: ImsHelpers = {
      async quickImport(body, opts = {}) {
        need(body && typeof body === 'object' && !Array.isArray(body), 'quickImport: body (an object) is required');
        const verdict = options.validateRequest?.(body);
        const warnings = verdict?.warnings?.length ? verdict.warnings : undefined;
        if (warnings) options.onWarnings?.(warnings, body);
        if (verdict && !verdict.ok) throw new RequestValidationError(verdict.issues ?? [], warnings);
        const response = await transport.send({
          method: 'POST',
          path: `/v2${opts.safeMode ? '.1' : ''}/cloudimages/quickimport/action`,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: opts.signal,
        });
        const data: { job_id: string } = await readAnswer(response, auth.secrets(), (d) => d?.job_id, 'the answer has no job_id');
        const requestId = response.headers.get('x-request-id');
        return { jobId: data.job_id, ...(requestId && { requestId }), ...(warnings && { warnings }) };
      },

      async getJob(jobId, opts = {}) {
        needString(jobId, 'getJob: jobId is required (a non-empty string)');
        // encodeURIComponent keeps dots, and URL parsing would turn "." or ".." into another path.
        need(jobId !== '.' && jobId !== '..', `getJob: "${jobId}" is not a job id`);
        const id = encodeURIComponent(jobId);
        let path = `/v1/cloudimages/job/${id}`;
        if (opts.api === 'legacy') {
          const project = await projectId();
          need(project, 'getJob: api "legacy" (ShowJob) needs a project id (akskAuth or option projectId)');
          path = `/v1/${encodeURIComponent(project)}/jobs/${id}`;
        } else need(!opts.api || opts.api === 'progress', 'getJob: api must be "progress" or "legacy"');
        const response = await transport.send({ method: 'GET', path, signal: opts.signal });
        return readAnswer(response, auth.secrets(), (d) => typeof d?.status === 'string', 'the job answer has no status');
      },

      waitForJob(jobId, opts) {
        return waitForJob(helpers.getJob, jobId, opts);
      },

      async importAndWait(body, opts = {}) {
        const { jobId } = await helpers.quickImport(body, opts);
        const job = await helpers.waitForJob(jobId, opts);
        const imageId = job.entities?.image_id;
        if (!imageId) throw new ImsApiError(`Job ${jobId} succeeded but reported no entities.image_id`, { status: 200, body: job });
        return { jobId, imageId, job };
      },
    };

    return describe({ ...api, ...helpers }, 'ImsClient', { baseUrl: transport.baseUrl, auth: auth.toJSON() });
  };
}
