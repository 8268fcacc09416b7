// The endpoints the client builds equal what the spec bundle says (compared with the bundle itself, not
// with the generated module), and a region cannot move a request to another host.
import { describe, expect, it } from 'vitest';
import { specServers } from '../test/helpers/bundle.js';
import { DEFAULT_REGION, imsEndpoint } from './endpoints.js';

const { ims } = specServers();

describe('imsEndpoint and DEFAULT_REGION', () => {
  it("are the spec's top-level server: its url with {region} replaced, its region variable's default", () => {
    expect(DEFAULT_REGION).toBe(ims.variables!.region!.default);
    for (const region of ims.variables!.region!.enum!) expect(imsEndpoint(region)).toBe(ims.url.replace('{region}', region));
    expect(imsEndpoint('cn-north-4')).toBe('https://ims.cn-north-4.myhuaweicloud.com');
  });

  it.each(['evil.example/', 'x@evil.example', 'cn-north-4.evil.example', 'CN-NORTH-4', '', 'cn north 4', 'a/../b'])(
    'refuses %j: a TypeError naming it',
    (region) => expect(() => imsEndpoint(region)).toThrow(new TypeError(`bad region ${JSON.stringify(region)}`)),
  );

  it.each([undefined, null, 5, {}])('refuses %j, which a regex alone would coerce to a string', (region) => {
    expect(() => imsEndpoint(region as never)).toThrow(TypeError);
  });
});
