// "@ims-quick-import/client/aksk" under the `node` export condition: node:crypto, synchronous hashing.
import { nodeCrypto } from './crypto-node.js';
import { makeSignRequest } from './sign.js';

export type { AkskCredentials, SignOptions } from './sign.js';
/** Signs a Request with SDK-HMAC-SHA256 (node:crypto). */
export const signRequest = makeSignRequest(nodeCrypto);
