// The generation's reading of the spec's servers (scripts/server-facts.mjs): the bundle as it is gives the
// facts src/generated/servers.ts holds, and any change of shape stops the generation with a message that
// says what changed, instead of writing a wrong endpoint.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { serverFacts } from '../scripts/server-facts.mjs';
import { DEFAULT_REGION, IAM_SERVER_URL, IMS_SERVER_URL } from '../src/generated/servers.js';

const bundle = () => JSON.parse(readFileSync(fileURLToPath(import.meta.resolve('@ims-quick-import/spec/openapi.json')), 'utf8'));

describe('serverFacts', () => {
  it('reads the bundle into what src/generated/servers.ts holds', () => {
    expect(serverFacts(bundle())).toEqual({ imsUrl: IMS_SERVER_URL, defaultRegion: DEFAULT_REGION, iamUrl: IAM_SERVER_URL });
  });

  it.each([
    ['no top-level servers', (b: any) => delete b.servers, /expected one top-level server, found none/],
    ['two top-level servers', (b: any) => b.servers.push(b.servers[0]), /expected one top-level server, found 2/],
    ['a url without {region}', (b: any) => (b.servers[0].url = 'https://ims.myhuaweicloud.com'), /is not https:\/\/…\{region\}…/],
    ['an http url', (b: any) => (b.servers[0].url = 'http://ims.{region}.myhuaweicloud.com'), /is not https:\/\//],
    ['a second variable', (b: any) => (b.servers[0].variables.zone = { default: 'a' }), /variables are \[region,zone\]/],
    ['a renamed variable', (b: any) => (b.servers[0].variables = { regionId: b.servers[0].variables.region }), /variables are \[regionId\], expected \[region\]/],
    ['a default that is no region id', (b: any) => (b.servers[0].variables.region.default = 'evil.example/'), /region default "evil.example\/" is not a region id/],
    ['a default outside the enum', (b: any) => (b.servers[0].variables.region.default = 'xx-nowhere-1'), /region default xx-nowhere-1 is not in the region enum/],
    ['no server on GET /v3/projects', (b: any) => delete b.paths['/v3/projects'].get.servers, /expected one server on GET \/v3\/projects, found none/],
    ['an IAM url with a path', (b: any) => (b.paths['/v3/projects'].get.servers[0].url = 'https://iam.myhuaweicloud.com/v3'), /IAM server url .* is not a plain https:\/\/host/],
  ])('%s: generation stops, saying so', (_case, change, message) => {
    const b = bundle();
    change(b);
    expect(() => serverFacts(b)).toThrow(message);
  });
});
