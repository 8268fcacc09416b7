import { describe, expect, it } from 'vitest';
import { percentDecode, percentEncode } from './encode.js';

describe('percentEncode', () => {
  it('keeps only the RFC 3986 unreserved set, upper-case hex, UTF-8 bytes', () => {
    expect(percentEncode('AZaz09-_.~')).toBe('AZaz09-_.~');
    expect(percentEncode("a b!*'()+/%")).toBe('a%20b%21%2A%27%28%29%2B%2F%25');
    expect(percentEncode('镜像')).toBe('%E9%95%9C%E5%83%8F');
    expect(percentEncode('😀')).toBe('%F0%9F%98%80');
  });
  it('decodes once and keeps malformed escapes', () => {
    expect(percentDecode('a%20b')).toBe('a b');
    expect(percentDecode('100%')).toBe('100%');
  });
});
