// Which credentials a command uses. An IAM token given on purpose (--token, then IMS_AUTH_TOKEN) wins;
// otherwise the client's default chain, as the official SDKs look for AK/SK: the HUAWEICLOUD_SDK_*
// variables, the profile file (HUAWEICLOUD_SDK_CREDENTIALS_FILE or ~/.huaweicloud/credentials), then the
// ECS metadata service — asked lazily, on the first request that needs them.
import { type Auth, akskAuth, defaultCredentials, tokenAuth } from '@ims-quick-import/client';
import { UsageError } from './errors.js';
import type { Messages } from './i18n/index.js';

/** What an HTTP header value cannot carry (RFC 9110 field-value: visible ASCII, space, tab, obs-text). */
const NOT_IN_HEADER = /[^\t\x20-\x7e\x80-\xff]/;

/** The variables the printed curl of --dry-run reads secrets from (they are never printed). */
export const TOKEN_VAR = 'IMS_AUTH_TOKEN';
export const SECURITY_TOKEN_VAR = 'HUAWEICLOUD_SDK_SECURITY_TOKEN';
/**
 * Where the ECS metadata service is (default http://169.254.169.254, the real one): the sandbox's
 * `--ecs-metadata` emulation, or a closed port in tests, which must never reach the real address.
 */
export const METADATA_ENDPOINT_VAR = 'IMS_METADATA_ENDPOINT';

export interface Credentials {
  auth: Auth;
  /** where they come from, for messages: "--token", "IMS_AUTH_TOKEN", or the default chain */
  source: string;
  /** the project id for a token (--project-id, else HUAWEICLOUD_SDK_PROJECT_ID); AK/SK: --project-id only */
  projectId?: string;
  /** secrets known before any request (a token), so output can redact them from the start */
  secrets: string[];
}

export function resolveCredentials(flags: { token?: string | undefined; projectId?: string | undefined }, env: NodeJS.ProcessEnv, m: Messages): Credentials {
  const token = flags.token || env[TOKEN_VAR];
  if (token) {
    // A pasted token with a newline would otherwise fail deep in the HTTP stack; say what is wrong instead.
    if (NOT_IN_HEADER.test(token)) throw new UsageError(m.errHeaderChars(flags.token ? '--token' : TOKEN_VAR));
    // A token carries no project: ShowJob's path takes the flag, else the official variable.
    const projectId = flags.projectId || env.HUAWEICLOUD_SDK_PROJECT_ID || undefined;
    return { auth: tokenAuth(token), source: flags.token ? '--token' : TOKEN_VAR, secrets: [token], ...(projectId && { projectId }) };
  }
  // AK/SK: the chain's own project id (HUAWEICLOUD_SDK_PROJECT_ID, the profile's project_id), else the
  // client asks IAM; --project-id overrides them all.
  const endpoint = env[METADATA_ENDPOINT_VAR];
  const provider = defaultCredentials({ env, ...(endpoint && { metadata: { endpoint } }) });
  return { auth: akskAuth(provider), source: provider.source ?? 'default credentials chain', secrets: [], ...(flags.projectId && { projectId: flags.projectId }) };
}
