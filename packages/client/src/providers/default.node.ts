// defaultCredentials: the official chain (Go core/auth/provider/provider_chain.go) — environment, then the
// profile file, then the ECS metadata service — tried lazily, on the first request that needs credentials.
import { type CredentialsAttempt, type CredentialsProvider, type CredentialsSource, CredentialsError } from '../credentials.js';
import { withAttempts } from './attempt.node.js';
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
  const chain: Array<[CredentialsSource, CredentialsProvider]> = [
    ['env', fromEnv(options.env)],
    ['profile', fromProfileFile(options.profile)],
    ['ecs-metadata', fromEcsMetadata(options.metadata)],
  ];
  let chosen: CredentialsProvider | undefined;
  const provider = async () => {
    if (chosen) return chosen();
    const attempts: CredentialsAttempt[] = [];
    for (const [source, candidate] of chain) {
      try {
        const credentials = await candidate();
        chosen = candidate;
        return credentials;
      } catch (error) {
        attempts.push(...attemptsOf(error, source, candidate));
      }
    }
    const message = `No Huawei Cloud credentials found. Tried, in order:\n${attempts.map((a) => `- ${a.message}`).join('\n')}`;
    throw withAttempts(new CredentialsError(message, 'default credentials chain'), attempts);
  };
  return Object.assign(provider, { source: 'default credentials chain (environment, profile file, ECS metadata)' });
}

/** What a source's failure says as attempts: its own when it is one of ours, else one naming the error. */
function attemptsOf(error: unknown, source: CredentialsSource, provider: CredentialsProvider): readonly CredentialsAttempt[] {
  if (error instanceof CredentialsError && error.attempts?.length) return error.attempts;
  const e = error instanceof Error ? error : new Error(String(error));
  const where = error instanceof CredentialsError ? error.source : (provider.source ?? source);
  return [{ source, where, reason: 'error', detail: e.name, message: e.message }];
}
