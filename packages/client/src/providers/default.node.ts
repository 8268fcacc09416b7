// defaultCredentials: the official chain (Go core/auth/provider/provider_chain.go) — environment, then the
// profile file, then the ECS metadata service — tried lazily, on the first request that needs credentials.
import { type CredentialsProvider, CredentialsError } from '../credentials.js';
import { fromEnv } from './env.node.js';
import { type EcsMetadataOptions, fromEcsMetadata } from './metadata.node.js';
import { fromProfileFile, type ProfileFileOptions } from './profile.node.js';

export interface DefaultCredentialsOptions {
  /** the environment to read (default process.env) */
  env?: Record<string, string | undefined>;
  profile?: ProfileFileOptions;
  metadata?: EcsMetadataOptions;
}

/**
 * The first source that gives credentials wins and keeps serving the refreshes; when none does, one
 * CredentialsError lists each source and why it gave nothing. A source that is found but broken (an
 * environment with an AK and no SK) counts as giving nothing, as in the official chain.
 */
export function defaultCredentials(options: DefaultCredentialsOptions = {}): CredentialsProvider {
  const chain: CredentialsProvider[] = [fromEnv(options.env), fromProfileFile(options.profile), fromEcsMetadata(options.metadata)];
  let chosen: CredentialsProvider | undefined;
  const provider = async () => {
    if (chosen) return chosen();
    const reasons: string[] = [];
    for (const candidate of chain) {
      try {
        const credentials = await candidate();
        chosen = candidate;
        return credentials;
      } catch (error) {
        reasons.push(`- ${error instanceof CredentialsError ? error.message : (error as Error)?.message}`);
      }
    }
    throw new CredentialsError(`No Huawei Cloud credentials found. Tried, in order:\n${reasons.join('\n')}`, 'default credentials chain');
  };
  return Object.assign(provider, { source: 'default credentials chain (environment, profile file, ECS metadata)' });
}
