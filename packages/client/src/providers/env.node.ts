// fromEnv: the official SDKs' environment variables (Go core/auth/provider/env_provider.go).
import type { CredentialsProvider } from '../credentials.js';
import { attemptError } from './attempt.node.js';

export const ENV = {
  ak: 'HUAWEICLOUD_SDK_AK',
  sk: 'HUAWEICLOUD_SDK_SK',
  securityToken: 'HUAWEICLOUD_SDK_SECURITY_TOKEN',
  projectId: 'HUAWEICLOUD_SDK_PROJECT_ID',
} as const;

/**
 * Credentials from HUAWEICLOUD_SDK_AK, _SK, _SECURITY_TOKEN and _PROJECT_ID, read when first needed (and
 * again on each refresh, which only happens for credentials with an expiry; these have none).
 */
export function fromEnv(env: Record<string, string | undefined> = process.env): CredentialsProvider {
  const source = 'environment (HUAWEICLOUD_SDK_AK/SK)';
  const provider = () => {
    const value = (name: string): string | undefined => env[name]?.trim() || undefined;
    const ak = value(ENV.ak);
    const sk = value(ENV.sk);
    const where = `${ENV.ak}/${ENV.sk}`;
    if (!ak && !sk) throw attemptError(source, `${ENV.ak} and ${ENV.sk} are not set`, { source: 'env', where, reason: 'not-set' });
    if (!ak || !sk) {
      const [missing, set] = ak ? [ENV.sk, ENV.ak] : [ENV.ak, ENV.sk];
      throw attemptError(source, `${missing} is not set (${set} is)`, { source: 'env', where, reason: 'incomplete', detail: missing });
    }
    const securityToken = value(ENV.securityToken);
    const projectId = value(ENV.projectId);
    return { ak, sk, ...(securityToken && { securityToken }), ...(projectId && { projectId }) };
  };
  return Object.assign(provider, { source });
}
