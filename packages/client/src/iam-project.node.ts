// Project id discovery (Node build), as Huawei's official SDKs do it (Go core/auth/internal/iam_helper.go):
// AK/SK credentials without a project id → one signed IAM call, KeystoneListProjects
// `GET {iamEndpoint}/v3/projects?name={region}` (described in spec/paths/v3_projects.yaml, typed from the
// generated `paths`), whose answer is cached: exactly one project gives the id, none or several is an
// error that says how to give it.
import createClient from 'openapi-fetch';
import { need } from './check.js';
import type { DiscoverySetup, ImsClientOptions } from './client.js';
import { type Credentials, CredentialsError } from './credentials.js';
import { ImsApiError } from './errors.js';
import type { components, paths } from './generated/schema.js';
import { redact } from './secrets.js';
import { createTransport } from './transport.js';

type ProjectList = components['schemas']['KeystoneProjectList'];

const GIVE_IT = 'give it as createImsClient({ projectId }), HUAWEICLOUD_SDK_PROJECT_ID or project_id in the profile file';

export const DEFAULT_IAM_ENDPOINT = 'https://iam.myhuaweicloud.com';

/** https:// for an endpoint written without a scheme, as the official SDKs do. */
export const withScheme = (endpoint: string): string => (/^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`);

/**
 * The IAM endpoint a client discovers its project at: the iamEndpoint option, else (only for a client of
 * a region, not one with baseUrl: a proxy or the sandbox is not IAM) HUAWEICLOUD_SDK_IAM_ENDPOINT, else
 * IAM's global endpoint.
 */
export function iamEndpointFor(options: ImsClientOptions, env: Record<string, string | undefined> = process.env): string | undefined {
  need(options.iamEndpoint === undefined || (typeof options.iamEndpoint === 'string' && options.iamEndpoint), 'createImsClient: iamEndpoint must be a non-empty URL string');
  const endpoint = options.iamEndpoint ?? (options.baseUrl ? undefined : env.HUAWEICLOUD_SDK_IAM_ENDPOINT?.trim() || DEFAULT_IAM_ENDPOINT);
  return endpoint && withScheme(endpoint).replace(/\/+$/, '');
}

/** The discovery function of one client (single flight, the answer cached, a failure not), or undefined. */
export function projectDiscovery(options: ImsClientOptions, setup: DiscoverySetup): ((credentials: Credentials) => Promise<string>) | undefined {
  const iamEndpoint = iamEndpointFor(options);
  if (!iamEndpoint) return undefined;
  const { region, auth } = setup;
  const source = `IAM ${iamEndpoint}`;
  // Signed by the client's own auth, with no X-Project-Id (projectId: false): IAM is a global service.
  const transport = createTransport({ ...setup, baseUrl: iamEndpoint, projectId: () => false });
  const iam = createClient<paths>({ baseUrl: transport.baseUrl, fetch: transport.fetchRequest });
  let found: Promise<string> | undefined;

  async function ask(): Promise<string> {
    let list: ProjectList | undefined;
    let why = 'the answer has no projects list';
    try {
      const { data, error, response } = await iam.GET('/v3/projects', { params: { query: { name: region } } });
      if (Array.isArray(data?.projects)) list = data;
      else if (error !== undefined) {
        const e = error as { error_code?: unknown; error?: { code?: unknown } };
        const code = typeof e?.error_code === 'string' ? e.error_code : typeof e?.error?.code === 'string' ? e.error.code : undefined;
        why = `${response.status}${code ? ` ${code}` : ''}`;
      }
    } catch (error) {
      if (error instanceof CredentialsError) throw error;
      why = error instanceof ImsApiError ? `${error.status}: ${error.message}` : `${(error as Error)?.name}: ${(error as Error)?.message}`;
    }
    if (!list) throw new CredentialsError(redact(`Project id discovery at ${source} failed (${why}); ${GIVE_IT}`, auth.secrets()), source);
    const ids = list.projects.filter((p) => p.name === region).map((p) => p.id);
    if (ids.length === 1) return ids[0]!;
    throw new CredentialsError(
      ids.length
        ? `${source} has ${ids.length} projects named ${region} (${ids.join(', ')}); choose one and ${GIVE_IT}`
        : `${source} has no project named ${region}; ${GIVE_IT}`,
      source,
    );
  }

  return () => {
    found ??= ask().catch((error: unknown) => {
      found = undefined;
      throw error;
    });
    return found;
  };
}
