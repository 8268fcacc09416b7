import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { validateQuickImportRequest } from '../dist/index.js';
// @ts-expect-error -- plain .mjs build helper without type declarations
import { __codePointLength } from '../scripts/length-keyword.mjs';

// scripts/length-keyword.mjs skips counting code points when the UTF-16 length decides. These tests
// hold it to JSON Schema's meaning (a surrogate pair is one character, a lone surrogate is one too),
// which is what the string iterator counts, right at every limit of every length-limited field.
const codePoints = (s: string) => [...s].length;
const SYS = { name: 'img', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'my-bucket:a.zvhd2', min_disk: 40 };
/** One character each: ASCII, a surrogate pair, a lone high and a lone low surrogate. */
const unit = fc.constantFrom('a', '\u{1F600}', '\uD83D', '\uDE00');

// [path, min, max, body with the string at that path]
const FIELDS: [string, number, number | undefined, (s: string) => object][] = [
  ['/name', 1, 128, (s) => ({ ...SYS, name: s })],
  ['/description', 0, 1024, (s) => ({ ...SYS, description: s })],
  ['/os_version', 1, 255, (s) => ({ ...SYS, os_version: s })],
  ['/image_url', 5, 1088, (s) => ({ ...SYS, image_url: s })],
  ['/tags/0', 0, 384, (s) => ({ ...SYS, tags: [s] })],
  ['/image_tags/0/key', 1, 128, (s) => ({ ...SYS, image_tags: [{ key: s, value: 'v' }] })],
  ['/image_tags/0/value', 0, 255, (s) => ({ ...SYS, image_tags: [{ key: 'k', value: s }] })],
];

describe('length limits count code points', () => {
  test('__codePointLength equals the string iterator on any mix of pairs and lone surrogates', () => {
    fc.assert(fc.property(fc.array(unit, { maxLength: 40 }), (units) => {
      const s = units.join('');
      expect(__codePointLength(s)).toBe(codePoints(s));
    }), { numRuns: 5_000 });
  });

  test.each(FIELDS)('%s: minLength %i / maxLength %s at and around the limits', (path, min, max, bodyWith) => {
    const limits = [min, max ?? 0].filter((n) => n > 0);
    fc.assert(
      fc.property(fc.constantFrom(...limits), fc.integer({ min: -2, max: 2 }), fc.array(unit, { minLength: 1, maxLength: 4 }), (limit, delta, pool) => {
        const n = Math.max(0, limit + delta);
        const s = Array.from({ length: n }, (_, i) => pool[i % pool.length]).join('');
        const result = validateQuickImportRequest(bodyWith(s));
        const rules = result.ok ? [] : result.issues.filter((i) => i.path === path).map((i) => i.rule);
        const count = codePoints(s);
        expect(rules.includes('maxLength'), `${path} ${count} code points, ${s.length} units`).toBe(max !== undefined && count > max);
        expect(rules.includes('minLength'), `${path} ${count} code points, ${s.length} units`).toBe(count < min);
      }),
      { numRuns: 300 },
    );
  });
});
