// Where a client sends its requests, from the spec's `servers` (src/generated/servers.ts, written by
// scripts/generate.mjs from the bundle): nothing here restates a host name or a region. Also the package's
// `./endpoints` entry: these two names without the client's HTTP stack (the CLI's help text needs them).
import { need } from './check.js';
import { DEFAULT_REGION, IMS_SERVER_URL } from './generated/servers.js';

export { DEFAULT_REGION };

/**
 * The IMS endpoint of a region: the spec's server URL with `{region}` replaced, e.g. "cn-north-4" →
 * https://ims.cn-north-4.myhuaweicloud.com. A region id is lower-case letters, digits and dashes; anything
 * else (a dot, a slash, an `@`) would move the request to another host, so it is a TypeError.
 */
export function imsEndpoint(region: string): string {
  need(typeof region === 'string' && /^[a-z0-9-]+$/.test(region), `bad region ${JSON.stringify(region)}`);
  return IMS_SERVER_URL.replace('{region}', region);
}

