// Node build (`node` export condition): node:crypto hashes synchronously, so signing costs no await.
import { makeAkskAuth } from './auth.js';
import { type ImsClient, type ImsClientOptions, makeCreateImsClient } from './client.js';
import { nodeCrypto } from './crypto-node.js';
import { httpFetch } from './http-fetch.node.js';
import { projectDiscovery } from './iam-project.node.js';
import { provablyUnsent } from './retry.js';
import { makeSignRequest } from './sign.js';
import { bodyKeepingRequest } from './transport.js';

export * from './public.js';
// The error of an answer read through client.GET/POST (openapi-fetch's `error`), as the helpers make it.
// Node entry only: the browser entry has it inside but no room left in its size budget to name it.
export { apiErrorFromAnswer } from './errors.js';
export { fromEnv } from './providers/env.node.js';
export { fromProfileFile, type ProfileFileOptions } from './providers/profile.node.js';
export { fromEcsMetadata, type EcsMetadataOptions } from './providers/metadata.node.js';
export { defaultCredentials, type DefaultCredentialsOptions } from './providers/default.node.js';

const create = makeCreateImsClient({
  provablyUnsent,
  Request: bodyKeepingRequest(),
  projectDiscovery,
});
/**
 * Creates the typed client: openapi-fetch's GET/POST/... plus quickImport, getJob, waitForJob, importAndWait.
 * Without a `fetch` option it sends through httpFetch (node:http, keep-alive): Node's fetch costs several
 * times more per small API call than the signing does. Wrapped here so the browser build carries none of it.
 */
export const createImsClient = (options: ImsClientOptions): ImsClient => create({ ...options, fetch: options?.fetch ?? httpFetch });
/** AK/SK auth (SDK-HMAC-SHA256, node:crypto): static credentials or a provider (fromEnv(), defaultCredentials(), ...). */
export const akskAuth = makeAkskAuth(nodeCrypto);
/** Signs a Request with SDK-HMAC-SHA256 (node:crypto). */
export const signRequest = makeSignRequest(nodeCrypto);
