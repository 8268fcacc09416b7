import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth.js';

const b = (s: string) => Buffer.from(s, 'utf8');

describe('nestsDeeperThan', () => {
  it('counts arrays and objects, not brackets inside strings', () => {
    expect(nestsDeeperThan(b('[[[1]]]'), 3)).toBe(false);
    expect(nestsDeeperThan(b('[[[[1]]]]'), 3)).toBe(true);
    expect(nestsDeeperThan(b('{"a":{"b":[{}]}}'), 3)).toBe(true);
    expect(nestsDeeperThan(b('{"a":"[[[[[[\\"[[[["}'), 3)).toBe(false);
    expect(nestsDeeperThan(b('["\\\\", [[["x"]]]]'), 3)).toBe(true);
  });

  it('takes a body the service takes (1000 deep) and refuses a 1 MiB nest', () => {
    expect(nestsDeeperThan(b('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH)), MAX_JSON_DEPTH)).toBe(false);
    expect(nestsDeeperThan(b('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1)), MAX_JSON_DEPTH)).toBe(true);
    expect(nestsDeeperThan(b('['.repeat(512 * 1024) + ']'.repeat(512 * 1024)), MAX_JSON_DEPTH)).toBe(true);
    // A big but flat body: scanned to the end, not refused.
    expect(nestsDeeperThan(b(JSON.stringify({ tags: Array.from({ length: 20_000 }, (_, i) => `k${i}.v`) })), MAX_JSON_DEPTH)).toBe(false);
  });
});
