import { describe, expect, it } from 'vitest';
import { canonicalHeaders, canonicalQuery, canonicalUri, formatSdkDate, toSdkDate } from './canonical.js';

describe('canonicalUri', () => {
  it('adds the trailing slash and keeps empty segments', () => {
    expect(canonicalUri('/v1/x')).toBe('/v1/x/');
    expect(canonicalUri('/v1/x/')).toBe('/v1/x/');
    expect(canonicalUri('')).toBe('/');
    expect(canonicalUri('/')).toBe('/');
    expect(canonicalUri('/v1//x')).toBe('/v1//x/');
  });
  it('encodes an already-encoded path once, not twice (official quirk 1)', () => {
    expect(canonicalUri('/v1/a%20b/c')).toBe('/v1/a%20b/c/');
    expect(canonicalUri("/v1/it's")).toBe('/v1/it%27s/');
    expect(canonicalUri('/v1/a%2Fb')).toBe('/v1/a%2Fb/');
  });
});

describe('canonicalQuery', () => {
  it('sorts raw keys, then values, by UTF-16 code units, then encodes', () => {
    expect(canonicalQuery([['tag', 'b'], ['tag', 'a'], ['limit', '5'], ['tag', 'c']])).toBe('limit=5&tag=a&tag=b&tag=c');
    expect(canonicalQuery([['é', '1'], ['z', '2']])).toBe('z=2&%C3%A9=1');
    expect(canonicalQuery([['n', '10'], ['n', '9'], ['n', '100'], ['n', '1']])).toBe('n=1&n=10&n=100&n=9');
    expect(canonicalQuery([['\uff5a', '1'], ['\u{1F600}', '2']])).toBe('%F0%9F%98%80=2&%EF%BD%9A=1');
    expect(canonicalQuery([])).toBe('');
  });
});

describe('canonicalHeaders', () => {
  it('trims values and orders lines and SignedHeaders the same way (official quirks 3 and 5)', () => {
    const h = canonicalHeaders([['x_ab', '1'], ['x.ab', ' 2 '], ['x-ab', '3'], ['host', 'h']]);
    expect(h.signed).toBe('host;x-ab;x.ab;x_ab');
    expect(h.lines).toBe('host:h\nx-ab:3\nx.ab:2\nx_ab:1\n');
  });
});

describe('SDK dates', () => {
  it('formats and checks YYYYMMDDTHHMMSSZ', () => {
    expect(formatSdkDate(new Date(Date.UTC(2024, 0, 2, 3, 4, 5)))).toBe('20240102T030405Z');
    expect(toSdkDate('20240102T030405Z', 'd')).toBe('20240102T030405Z');
    // zone-less compact time is UTC (the official signer reads it as local time), ISO times keep their zone
    expect(toSdkDate('20240102T030405', 'd')).toBe('20240102T030405Z');
    expect(toSdkDate('2024-01-02T11:04:05+08:00', 'd')).toBe('20240102T030405Z');
    expect(() => toSdkDate('2024-01-02 03:04:05', 'options.date')).toThrow(/options.date: expected a Date or YYYYMMDDTHHMMSSZ/);
    expect(() => toSdkDate('20241302T030405Z', 'd')).toThrow(/expected a Date/);
    expect(() => toSdkDate(new Date('nope'), 'd')).toThrow(/got "Invalid Date"/);
  });
});
