// Project id discovery (Node build), as Huawei's official SDKs do it (Go core/auth/internal/iam_helper.go):
// AK/SK credentials without a project id → one signed IAM call, KeystoneListProjects
// `GET {iamEndpoint}/v3/projects?name={region}` (described in spec/paths/v3_projects.yaml, typed from the
// generated `paths`, its server from the generated servers.ts), whose answer is cached: exactly one project
// gives the id, none or several is an error that says how to give it.
import createClient from 'openapi-fetch';
import { need } from './check.js';
import type { DiscoverySetup, ImsClientOptions } from './client.js';
import { type Credentials, CredentialsError } from './credentials.js';
import { ImsApiError } from './errors.js';
import type { components, paths } from './generated/schema.js';
import { IAM_SERVER_URL } from './generated/servers.js';
import { redact } from './secrets.js';
import { createTransport } from './transport.js';

type ProjectList = components['schemas']['KeystoneProjectList'];

/** https:// for an endpoint written without a scheme, as the official SDKs do; trailing slashes dropped. */
export const withScheme = (endpoint: string): string => (/^[a-z][a-z0-9+.-]*:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`).replace(/\/+$/, '');

const GIVE_IT = 'give it as createImsClient({ projectId }), HUAWEICLOUD_SDK_PROJECT_ID or project_id in the profile file';

/** An http(s) URL once https:// is added to a bare host: what an IAM endpoint may be. */
const isHttpUrl = (endpoint: string): boolean => URL.canParse(withScheme(endpoint)) && /^https?:$/.test(new URL(withScheme(endpoint)).protocol);

/** The IAM endpoint chosen for a discovery, and what chose it (for messages). */
export interface IamEndpointChoice {
  url: string;
  from: string;
}

/**
 * Where a client asks IAM, in the official SDKs' order (Go core/auth: the credentials' IamEndpoint, else
 * HUAWEICLOUD_SDK_IAM_ENDPOINT, else the default), with the client's option first: the `iamEndpoint`
 * option, else the credentials' `iamEndpoint` (the profile file's `iam_endpoint`), else
 * HUAWEICLOUD_SDK_IAM_ENDPOINT, else the spec's IAM server. A client with `baseUrl` (a proxy, the sandbox)
 * asks only where the option says: an ambient source (the environment, a profile file) must not send the
 * credentials of someone trying the sandbox to the real IAM. undefined = no discovery.
 */
export function iamEndpointFor(options: ImsClientOptions, credentials?: Credentials, env: Record<string, string | undefined> = process.env): IamEndpointChoice | undefined {
  const option = options.iamEndpoint;
  need(option === undefined || (typeof option === 'string' && isHttpUrl(option)), 'createImsClient: iamEndpoint must be an http(s) URL (or a bare host)');
  const fromEnv = env.HUAWEICLOUD_SDK_IAM_ENDPOINT?.trim();
  const [endpoint, from] =
    option !== undefined ? [option, 'the iamEndpoint option']
    : options.baseUrl ? []
    : credentials?.iamEndpoint ? [credentials.iamEndpoint, "the credentials' iamEndpoint"]
    : fromEnv ? [fromEnv, 'HUAWEICLOUD_SDK_IAM_ENDPOINT']
    : [IAM_SERVER_URL, "the spec's IAM server"];
  return endpoint === undefined ? undefined : { url: withScheme(endpoint), from: from! };
}

/** The discovery function of one client (single flight, the answer cached, a failure not), or undefined. */
export function projectDiscovery(options: ImsClientOptions, setup: DiscoverySetup): ((credentials: Credentials) => Promise<string>) | undefined {
  if (!iamEndpointFor(options)) return undefined;
  const { region, auth } = setup;
  /** One answer (or pending question) per IAM endpoint: credentials may name another one after a refresh. */
  const found = new Map<string, Promise<string>>();

  async function ask({ url, from }: IamEndpointChoice): Promise<string> {
    const source = `IAM ${url}`;
    if (!isHttpUrl(url)) throw new CredentialsError(redact(`Project id discovery: ${from} ${JSON.stringify(url)} is not an http(s) URL; ${GIVE_IT}`, auth.secrets()), source);
    // Signed by the client's own auth, with no X-Project-Id (projectId: false): IAM is a global service.
    const transport = createTransport({ ...setup, baseUrl: url, projectId: () => false });
    const iam = createClient<paths>({ baseUrl: transport.baseUrl, fetch: transport.fetchRequest });
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
    if (!list) throw new CredentialsError(redact(`Project id discovery at ${source} (${from}) failed (${why}); ${GIVE_IT}`, auth.secrets()), source);
    const ids = list.projects.filter((p) => p.name === region).map((p) => p.id);
    if (ids.length === 1) return ids[0]!;
    throw new CredentialsError(
      ids.length
        ? `${source} has ${ids.length} projects named ${region} (${ids.join(', ')}); choose one and ${GIVE_IT}`
        : `${source} has no project named ${region}; ${GIVE_IT}`,
      source,
    );
  }

  return (credentials) => {
    const choice = iamEndpointFor(options, credentials)!;
    let answer = found.get(choice.url);
    if (!answer) {
      answer = ask(choice).catch((error: unknown) => {
        found.delete(choice.url);
        throw error;
      });
      found.set(choice.url, answer);
    }
    return answer;
  };
}
