import { describe, expect, it } from 'vitest';
import { canonicalQuery, canonicalUri, encodeRfc3986 } from './aksk-canonical.js';

describe('encodeRfc3986', () => {
  it('keeps only the unreserved set and writes upper-case %XX of UTF-8 bytes', () => {
    expect(encodeRfc3986('AZaz09-_.~')).toBe('AZaz09-_.~');
    expect(encodeRfc3986("a b!*'()")).toBe('a%20b%21%2A%27%28%29');
    expect(encodeRfc3986('镜')).toBe('%E9%95%9C');
    expect(encodeRfc3986('%')).toBe('%25');
  });
});

describe('canonicalUri', () => {
  it('adds the trailing slash the algorithm requires', () => {
    expect(canonicalUri('/v2/cloudimages/quickimport/action')).toBe('/v2/cloudimages/quickimport/action/');
    expect(canonicalUri('/v2/cloudimages/quickimport/action/')).toBe('/v2/cloudimages/quickimport/action/');
    expect(canonicalUri('')).toBe('/');
  });
  it('decodes what the client encoded once, then re-encodes with the strict rule', () => {
    expect(canonicalUri('/v1/%E9%95%9C%E5%83%8F/jobs')).toBe('/v1/%E9%95%9C%E5%83%8F/jobs/');
    expect(canonicalUri("/v1/a'b/x")).toBe('/v1/a%27b/x/');
    expect(canonicalUri('/v1/a%20b')).toBe('/v1/a%20b/');
  });
  it('refuses a malformed escape', () => {
    expect(canonicalUri('/v1/%zz')).toBeUndefined();
  });
});

describe('canonicalQuery', () => {
  it('sorts keys and repeated values and encodes both', () => {
    expect(canonicalQuery('tag=b&tag=a&limit=5&tag=c')).toBe('limit=5&tag=a&tag=b&tag=c');
    expect(canonicalQuery('name=my%20image&sort%20key=created+at')).toBe('name=my%20image&sort%20key=created%20at');
    expect(canonicalQuery('flag')).toBe('flag=');
    expect(canonicalQuery('')).toBe('');
  });
  it('refuses a malformed escape', () => {
    expect(canonicalQuery('a=%E9%95')).toBeUndefined();
  });
});
