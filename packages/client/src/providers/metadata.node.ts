// fromEcsMetadata: temporary credentials of an ECS instance's IAM agency, from the instance metadata
// service, with its session token (as Go core/auth/internal/metadata_accessor.go does):
// - PUT /meta-data/latest/api/token (X-Metadata-Token-Ttl-Seconds) → the session token; 404/405 mean the
//   instance has no token API, so go on without one;
// - GET /openstack/latest/securitykey (X-Metadata-Token) → {credential: {access, secret, securitytoken,
//   expires_at}}; a 401 that is not "configure Cloud Service Agency" means the session token expired:
//   get a new one and ask once more;
// - every call has a 3 s deadline, follows no redirect and reads at most 64 KiB.
// The endpoint is configurable so that tests never send anything to 169.254.169.254.
import { type Credentials, type CredentialsProvider, type CredentialsReason, CredentialsError } from '../credentials.js';
import { TimeoutError } from '../errors.js';
import { attemptSignal } from '../guards.js';
import { httpFetch } from '../http-fetch.node.js';
import { attemptError } from './attempt.node.js';

export const METADATA_ENDPOINT = 'http://169.254.169.254';
const TOKEN_PATH = '/meta-data/latest/api/token';
const SECURITY_KEY_PATH = '/openstack/latest/securitykey';
const TOKEN_TTL_SECONDS = 6 * 60 * 60;
const NO_AGENCY = 'Please configure Cloud Service Agency first';
const MAX_BYTES = 64 * 1024;

export interface EcsMetadataOptions {
  /** default http://169.254.169.254 */
  endpoint?: string;
  /** per call (default 3000, as the official SDKs) */
  timeoutMs?: number;
  /** the fetch to use (default: the Node build's own node:http transport) */
  fetch?: typeof fetch;
}

interface Answer {
  status: number;
  text: string;
}

export function fromEcsMetadata(options: EcsMetadataOptions = {}): CredentialsProvider {
  const endpoint = (options.endpoint ?? METADATA_ENDPOINT).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 3000;
  const source = `ECS metadata ${endpoint}`;
  const fail = (why: string, reason: CredentialsReason, detail?: string): CredentialsError =>
    attemptError(source, why, { source: 'ecs-metadata', where: endpoint, reason, ...(detail !== undefined && { detail }) });
  // undefined = not asked yet; null = the instance has no token API
  let token: string | null | undefined;

  async function call(method: string, path: string, headers: Record<string, string>): Promise<Answer> {
    const attempt = attemptSignal(undefined, timeoutMs);
    try {
      const init = { method, headers, signal: attempt.signal, redirect: 'manual' as const, maxResponseBytes: MAX_BYTES };
      const response = await (options.fetch ?? httpFetch)(endpoint + path, init);
      const text = await response.text();
      if (text.length > MAX_BYTES) throw fail(`${path} answered more than ${MAX_BYTES} bytes`, 'too-large', path);
      return { status: response.status, text };
    } catch (error) {
      if (error instanceof CredentialsError) throw error;
      const cause = (error as { cause?: { code?: string } })?.cause?.code;
      if (error instanceof TimeoutError) throw fail(`no answer from ${path} within ${timeoutMs} ms (not an ECS instance?)`, 'timeout', path);
      const name = cause ?? (error as Error)?.name ?? 'error';
      throw fail(`${path} failed (${name}: ${(error as Error)?.message})`, 'unreachable', name);
    } finally {
      attempt.done();
    }
  }

  async function newToken(required: boolean): Promise<void> {
    const answer = await call('PUT', TOKEN_PATH, { 'x-metadata-token-ttl-seconds': String(TOKEN_TTL_SECONDS) });
    if (answer.status === 200 && answer.text) token = answer.text.trim();
    else if (!required && [404, 405, 503].includes(answer.status)) token = null;
    else throw fail(`${TOKEN_PATH} answered ${answer.status}`, 'token-refused', String(answer.status));
  }

  const securityKey = (): Promise<Answer> => call('GET', SECURITY_KEY_PATH, token ? { 'x-metadata-token': token } : {});

  const provider = async (): Promise<Credentials> => {
    if (token === undefined) await newToken(false);
    let answer = await securityKey();
    if (answer.status === 401 && !answer.text.includes(NO_AGENCY)) {
      // The session token expired (or was never accepted): one new token, one more try.
      await newToken(true);
      answer = await securityKey();
    }
    if (answer.text.includes(NO_AGENCY)) throw fail('the instance has no IAM agency (Please configure Cloud Service Agency first)', 'no-agency');
    if (answer.status !== 200) throw fail(`${SECURITY_KEY_PATH} answered ${answer.status}`, 'refused', String(answer.status));
    let credential: Record<string, unknown> | undefined;
    try {
      credential = (JSON.parse(answer.text) as { credential?: Record<string, unknown> }).credential;
    } catch {
      // The body holds secrets: it is never quoted.
    }
    const { access, secret, securitytoken, expires_at } = credential ?? {};
    if (typeof access !== 'string' || typeof secret !== 'string' || !access || !secret) throw fail(`${SECURITY_KEY_PATH} answered no credential.access/secret`, 'no-credential');
    const expiresAt = typeof expires_at === 'string' ? new Date(expires_at) : undefined;
    if (expiresAt && Number.isNaN(expiresAt.getTime())) throw fail(`${SECURITY_KEY_PATH} answered an unreadable expires_at`, 'bad-expiry');
    return { ak: access, sk: secret, ...(typeof securitytoken === 'string' && securitytoken && { securityToken: securitytoken }), ...(expiresAt && { expiresAt }) };
  };
  return Object.assign(provider, { source });
}
