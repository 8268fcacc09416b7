// "@ims-quick-import/client/aksk" for browsers and other non-Node runtimes: WebCrypto only.
import { webCrypto } from './crypto-web.js';
import { makeSignRequest } from './sign.js';

export type { AkskCredentials, SignOptions } from './sign.js';
/** Signs a Request with SDK-HMAC-SHA256 (WebCrypto). */
export const signRequest = makeSignRequest(webCrypto);
