// Server-side signature check with an implementation independent of ours: Huawei's official signer
// (@huaweicloud/huaweicloud-sdk-core auth/AKSKSigner.js) recomputes the Authorization from the bytes
// the server received. Used only in tests.
import { createRequire } from 'node:module';
import type { Recorded } from './server.js';

const require = createRequire(import.meta.url);
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js') as {
  AKSKSigner: { sign(request: unknown, credential: { getAk(): string; getSk(): string }): Record<string, string> };
};

export type Verdict = 'ok' | 'bad' | 'absent';

const AUTH = /^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/;

export function officialVerify(rec: Recorded, ak: string, sk: string): Verdict {
  const header = rec.headers.authorization;
  if (!header) return 'absent';
  const m = AUTH.exec(header);
  if (!m || m[1] !== ak) return 'bad';
  const signed = (m[2] as string).split(';');
  if (!signed.includes('x-sdk-date') || !signed.includes('host')) return 'bad';
  const headers: Record<string, string> = {};
  for (const name of signed) {
    const value = rec.headers[name];
    if (typeof value !== 'string') return 'bad';
    if (name === 'x-sdk-date') headers['X-Sdk-Date'] = value; // the exact key the official signer reads
    else headers[name] = value;
  }
  const url = new URL(rec.url, `http://${rec.headers.host}`);
  const queryParams: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = queryParams[k];
    queryParams[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  let data: unknown;
  if (rec.body.length > 0) {
    data = JSON.parse(rec.text);
    // The official signer hashes JSON.stringify(data): only valid when that reproduces the exact bytes.
    if (JSON.stringify(data) !== rec.text) throw new Error('officialVerify: body is not canonical JSON.stringify output');
  }
  const out = AKSKSigner.sign(
    { endpoint: `http://${rec.headers.host}${url.pathname}`, method: rec.method, headers, queryParams, data },
    { getAk: () => ak, getSk: () => sk },
  );
  return out.Authorization === header ? 'ok' : 'bad';
}
