// Node build (`node` export condition): node:crypto hashes synchronously, so signing costs no await.
import { makeAkskAuth } from './auth.js';
import { makeCreateImsClient } from './client.js';
import { nodeCrypto } from './crypto-node.js';
import { provablyUnsent } from './retry.js';
import { makeSignRequest } from './sign.js';
import { bodyKeepingRequest } from './transport.js';

export * from './public.js';
/** Creates the typed client: openapi-fetch's GET/POST/... plus quickImport, getJob, waitForJob, importAndWait. */
export const createImsClient = makeCreateImsClient({ provablyUnsent, Request: bodyKeepingRequest() });
/** AK/SK auth (SDK-HMAC-SHA256, node:crypto). */
export const akskAuth = makeAkskAuth(nodeCrypto);
/** Signs a Request with SDK-HMAC-SHA256 (node:crypto). */
export const signRequest = makeSignRequest(nodeCrypto);
