// Builds the one HTTP stack the CLI has: @ims-quick-import/client, configured from the global options.
import { createImsClient, DEFAULT_REGION, type ImsClient, imsEndpoint } from '@ims-quick-import/client';
import { type Credentials, resolveCredentials } from './credentials.js';
import { UsageError } from './errors.js';
import type { Messages } from './i18n/index.js';
import type { Output } from './io.js';
import { CLI_VERSION } from './version.js';

/** Options every command that talks to the API takes (commander's optsWithGlobals()). */
export interface GlobalOptions {
  lang?: string;
  region?: string;
  endpoint?: string;
  iamEndpoint?: string;
  projectId?: string;
  token?: string;
  /** per request, ms (--request-timeout) */
  requestTimeout?: number;
}

export interface Connection {
  client: ImsClient;
  credentials: Credentials;
  /** the base URL requests go to */
  baseUrl: string;
}

/** The endpoint: --endpoint, else IMS_ENDPOINT, else the region's (--region, IMS_REGION, the spec's default). */
export function endpointOf(opts: GlobalOptions, env: NodeJS.ProcessEnv, m: Messages): { baseUrl?: string; region: string } {
  const region = opts.region || env.IMS_REGION || DEFAULT_REGION;
  const endpoint = opts.endpoint || env.IMS_ENDPOINT;
  if (endpoint === undefined || endpoint === '') {
    // A region is a host name part: one with a dot, / or @ would send the request to another host.
    try {
      imsEndpoint(region);
    } catch {
      throw new UsageError(m.errRegion(region));
    }
    return { region };
  }
  let url: URL | undefined;
  try {
    url = new URL(endpoint);
  } catch {
    url = undefined;
  }
  if (!url || !/^https?:$/.test(url.protocol)) throw new UsageError(m.errEndpoint(endpoint));
  return { baseUrl: endpoint, region };
}

/**
 * The client's iamEndpoint option. Region mode: --iam-endpoint only, so the client's own order applies
 * below it (the profile's iam_endpoint, then HUAWEICLOUD_SDK_IAM_ENDPOINT, then the spec's IAM server).
 * With --endpoint (a proxy, the sandbox) the client asks IAM only when told where it is: --iam-endpoint, or
 * HUAWEICLOUD_SDK_IAM_ENDPOINT, the flag's variable as the help says; a profile's iam_endpoint never counts.
 */
export function iamEndpointOption(opts: GlobalOptions, env: NodeJS.ProcessEnv, baseUrl: string | undefined): string | undefined {
  return opts.iamEndpoint || (baseUrl && env.HUAWEICLOUD_SDK_IAM_ENDPOINT) || undefined;
}

/**
 * The client for a command. `fetch` replaces the transport (the dry run captures the signed request with
 * it); secrets of the chosen credentials are registered with the output so no line can carry them.
 */
export function connect(opts: GlobalOptions, out: Output, m: Messages, extra: { fetch?: (baseUrl: string) => typeof fetch } = {}): Connection {
  const { baseUrl, region } = endpointOf(opts, out.io.env, m);
  const target = baseUrl ?? imsEndpoint(region);
  const credentials = resolveCredentials(opts, out.io.env, m);
  const iamEndpoint = iamEndpointOption(opts, out.io.env, baseUrl);
  out.addSecrets(() => [...credentials.secrets, ...credentials.auth.secrets()]);
  const client = createImsClient({
    region,
    ...(baseUrl && { baseUrl }),
    auth: credentials.auth,
    userAgent: `ims-quick-import/${CLI_VERSION}`,
    ...(credentials.projectId && { projectId: credentials.projectId }),
    ...(iamEndpoint && { iamEndpoint }),
    ...(opts.requestTimeout !== undefined && { timeoutMs: opts.requestTimeout }),
    ...(extra.fetch && { fetch: extra.fetch(target), retry: false }),
  });
  return { client, credentials, baseUrl: target };
}
