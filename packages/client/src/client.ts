import createClient, { type Client } from 'openapi-fetch';
import type { Auth } from './auth.js';
import { need, needString } from './check.js';
import { ImsApiError, readAnswer, RequestValidationError } from './errors.js';
import type { paths } from './generated/schema.js';
import { retryPolicy, type RetryOptions } from './retry.js';
import { describe } from './secrets.js';
import { createTransport } from './transport.js';
import type { Job, QuickImportRequest } from './types.js';
import { waitForJob, type WaitOptions } from './wait-for-job.js';

export interface ImsClientOptions {
  /** region id, e.g. "cn-north-4" → https://ims.cn-north-4.myhuaweicloud.com (default cn-north-4) */
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
  /** project id for ShowJob (`getJob(id, {api: 'legacy'})`) when the auth does not carry one */
  projectId?: string;
  /** called before every quick import; when it says not ok, nothing is sent and RequestValidationError is thrown */
  validateRequest?: (body: unknown) => { ok: boolean; issues?: unknown[] };
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

export interface ImsHelpers {
  quickImport(body: QuickImportRequest, options?: QuickImportOptions): Promise<{ jobId: string; requestId?: string }>;
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
}

/** Builds createImsClient for one runtime: the Node build passes its NodeOnly features. */
export function makeCreateImsClient(node?: NodeOnly) {
  return function createImsClient(options: ImsClientOptions): ImsClient {
    const auth = options?.auth;
    need(auth?.apply, 'createImsClient: `auth` is required (tokenAuth(...) or akskAuth(...))');
    const region = options.region ?? 'cn-north-4';
    need(options.baseUrl || /^[a-z0-9-]+$/.test(region), `createImsClient: bad region ${JSON.stringify(region)}`);
    const transport = createTransport({
      baseUrl: options.baseUrl || `https://ims.${region}.myhuaweicloud.com`,
      auth,
      retry: retryPolicy(options.retry),
      fetch: options.fetch,
      userAgent: node && options.userAgent,
      provablyUnsent: node?.provablyUnsent,
    });
    const api = createClient<paths>({ baseUrl: transport.baseUrl, fetch: transport.fetchRequest, Request: node?.Request });

    const helpers: ImsHelpers = {
      async quickImport(body, opts = {}) {
        need(body && typeof body === 'object' && !Array.isArray(body), 'quickImport: body (an object) is required');
        const verdict = options.validateRequest?.(body);
        if (verdict && !verdict.ok) throw new RequestValidationError(verdict.issues ?? []);
        const response = await transport.send({
          method: 'POST',
          path: `/v2${opts.safeMode ? '.1' : ''}/cloudimages/quickimport/action`,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: opts.signal,
        });
        const data: { job_id: string } = await readAnswer(response, auth.secrets(), (d) => d?.job_id, 'the answer has no job_id');
        const requestId = response.headers.get('x-request-id');
        return { jobId: data.job_id, ...(requestId && { requestId }) };
      },

      async getJob(jobId, opts = {}) {
        needString(jobId, 'getJob: jobId is required (a non-empty string)');
        // encodeURIComponent keeps dots, and URL parsing would turn "." or ".." into another path.
        need(jobId !== '.' && jobId !== '..', `getJob: "${jobId}" is not a job id`);
        const id = encodeURIComponent(jobId);
        let path = `/v1/cloudimages/job/${id}`;
        if (opts.api === 'legacy') {
          const projectId = options.projectId ?? auth.projectId;
          need(projectId, 'getJob: api "legacy" (ShowJob) needs a project id (akskAuth or option projectId)');
          path = `/v1/${encodeURIComponent(projectId)}/jobs/${id}`;
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
