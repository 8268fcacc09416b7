// Which credentials a command uses. An IAM token given on purpose (--token, then IMS_AUTH_TOKEN) wins;
// otherwise AK/SK from the official HUAWEICLOUD_SDK_* variables.
import { type Auth, akskAuth, tokenAuth } from '@ims-quick-import/client';
import { UsageError } from './errors.js';
import type { Messages } from './i18n/index.js';

/** The variables the printed curl of --dry-run reads secrets from (they are never printed). */
export const TOKEN_VAR = 'IMS_AUTH_TOKEN';
export const SECURITY_TOKEN_VAR = 'HUAWEICLOUD_SDK_SECURITY_TOKEN';

export interface Credentials {
  auth: Auth;
  /** where they came from, for messages: "--token", "IMS_AUTH_TOKEN", "HUAWEICLOUD_SDK_AK/SK" */
  source: string;
  /** the project id to act in: --project-id, else HUAWEICLOUD_SDK_PROJECT_ID */
  projectId?: string;
  /** secrets known before any request (the token, the SK), so output can redact them from the start */
  secrets: string[];
}

export function resolveCredentials(flags: { token?: string | undefined; projectId?: string | undefined }, env: NodeJS.ProcessEnv, m: Messages): Credentials {
  const projectId = flags.projectId || env.HUAWEICLOUD_SDK_PROJECT_ID || undefined;
  const withProject = <T extends object>(o: T) => (projectId ? { ...o, projectId } : o);
  if (flags.token) return withProject({ auth: tokenAuth(flags.token), source: '--token', secrets: [flags.token] });
  const token = env[TOKEN_VAR];
  if (token) return withProject({ auth: tokenAuth(token), source: TOKEN_VAR, secrets: [token] });
  const ak = env.HUAWEICLOUD_SDK_AK;
  const sk = env.HUAWEICLOUD_SDK_SK;
  if (ak && sk) {
    const securityToken = env[SECURITY_TOKEN_VAR] || undefined;
    return withProject({
      auth: akskAuth({ ak, sk, ...(projectId && { projectId }), ...(securityToken && { securityToken }) }),
      source: 'HUAWEICLOUD_SDK_AK/SK',
      secrets: securityToken ? [sk, securityToken] : [sk],
    });
  }
  throw new UsageError(m.errNoCredentials(['--token', TOKEN_VAR, 'HUAWEICLOUD_SDK_AK/SK'].join(', ')));
}
