import { expect, test } from 'vitest';
import { appendSegment, escapeSegment, splitPointer, unescapeSegment } from './json-pointer.js';

test('escapes ~ and / as RFC 6901 says, and round-trips', () => {
  expect(escapeSegment('a/b~c')).toBe('a~1b~0c');
  expect(unescapeSegment('a~1b~0c')).toBe('a/b~c');
  expect(unescapeSegment('~01')).toBe('~1'); // ~0 must be decoded last
  expect(appendSegment('/tags', 3)).toBe('/tags/3');
  expect(splitPointer('')).toEqual([]);
  expect(splitPointer('/image_tags/1/a~1b')).toEqual(['image_tags', '1', 'a/b']);
});
