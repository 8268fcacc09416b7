// Browser / default build: only web APIs (fetch, WebCrypto, TextEncoder).
import { makeAkskAuth } from './auth.js';
import { makeCreateImsClient } from './client.js';
import { webCrypto } from './crypto-web.js';
import { makeSignRequest } from './sign.js';

export * from './public.js';
/** Creates the typed client: openapi-fetch's GET/POST/... plus quickImport, getJob, waitForJob, importAndWait. */
export const createImsClient = makeCreateImsClient();
/** AK/SK auth (SDK-HMAC-SHA256, WebCrypto). */
export const akskAuth = makeAkskAuth(webCrypto);
/** Signs a Request with SDK-HMAC-SHA256 (WebCrypto). */
export const signRequest = makeSignRequest(webCrypto);
