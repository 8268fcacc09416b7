// fromProfileFile: the official SDKs' credentials file (Go core/auth/provider/profile_provider.go).
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CredentialsAttempt, CredentialsProvider } from '../credentials.js';
import { withScheme } from '../iam-project.node.js';
import { attemptError } from './attempt.node.js';
import { parseIni } from './ini.js';

export const CREDENTIALS_FILE_ENV = 'HUAWEICLOUD_SDK_CREDENTIALS_FILE';

export interface ProfileFileOptions {
  /** default $HUAWEICLOUD_SDK_CREDENTIALS_FILE, else ~/.huaweicloud/credentials */
  file?: string;
  /** default "basic" (project-level services such as IMS) */
  section?: string;
}

export function defaultCredentialsFile(env: Record<string, string | undefined> = process.env): string {
  return env[CREDENTIALS_FILE_ENV]?.trim() || join(homedir(), '.huaweicloud', 'credentials');
}

/**
 * Credentials from the `[basic]` section (or `section`) of the INI file: keys `ak`, `sk`, `security_token`,
 * `project_id`, and `iam_endpoint` (where project id discovery asks IAM, as in the official SDKs; a value
 * without a scheme gets https://). The file is read when the credentials are first needed, not before.
 */
export function fromProfileFile(options: ProfileFileOptions = {}): CredentialsProvider {
  const section = options.section ?? 'basic';
  const where = (): string => options.file ?? defaultCredentialsFile();
  const provider = async () => {
    const file = where();
    const at = `${file} [${section}]`;
    type Why = Pick<CredentialsAttempt, 'reason' | 'detail' | 'unreadableLines'>;
    const fail = (why: string, attempt: Why) => attemptError(`profile file ${at}`, why, { source: 'profile', where: at, ...attempt });
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw fail('the file does not exist', { reason: 'file-missing' });
      throw fail(`the file cannot be read (${code ?? (error as Error).message})`, { reason: 'file-unreadable', detail: code ?? (error as Error).name });
    }
    const { sections, unreadable } = parseIni(text);
    const keys = sections.get(section);
    const note = unreadable.length ? ` (unreadable lines: ${unreadable.join(', ')})` : '';
    const lines = unreadable.length ? { unreadableLines: unreadable } : {};
    if (!keys) throw fail(`no [${section}] section${note}`, { reason: 'no-section', ...lines });
    const ak = keys.get('ak');
    const sk = keys.get('sk');
    if (!ak || !sk) {
      const missing = [!ak && 'ak', !sk && 'sk'].filter(Boolean);
      throw fail(`no ${missing.join(' and ')} in the section${note}`, { reason: 'keys-missing', detail: missing.join(','), ...lines });
    }
    const securityToken = keys.get('security_token');
    const projectId = keys.get('project_id');
    const iamEndpoint = keys.get('iam_endpoint');
    return { ak, sk, ...(securityToken && { securityToken }), ...(projectId && { projectId }), ...(iamEndpoint && { iamEndpoint: withScheme(iamEndpoint) }) };
  };
  return Object.assign(provider, { source: `profile file ${options.file ?? '(default)'} [${section}]` });
}
