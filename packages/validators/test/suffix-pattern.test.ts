// The fast `pattern` keyword (scripts/length-keyword.mjs) gives the verdicts of the RegExp it replaces.
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
// @ts-expect-error -- plain .mjs build helper without type declarations
import { suffixAlternatives, useFastSuffixPatterns } from '../scripts/length-keyword.mjs';
// @ts-expect-error -- plain .mjs build helper without type declarations
import { warningsAsAllOf } from '../scripts/spec-schema.mjs';
import { schemas } from './support/bundle.js';

const SUFFIX = '^.*\\.(?:zvhd2|raw)$';

describe('suffix patterns', () => {
  test('only the exact "ends in .a or .b" shape is recognised', () => {
    expect(suffixAlternatives(SUFFIX)).toEqual(['.zvhd2', '.raw']);
    for (const other of ['\\.(?:zvhd2|raw)$', '^.*\\.(?:zvhd2|raw)', '^.*\\.(?:ZVHD2|raw)$', '^.+\\.(?:raw)$', '^.*\\.(?:a.b)$']) {
      expect(suffixAlternatives(other), other).toBeUndefined();
    }
  });

  test('the spec\'s object-name warning has that shape (so the fast path is used)', () => {
    expect(suffixAlternatives(schemas.ImageUrl['x-warnings'][0].pattern)).toEqual(['.zvhd2', '.raw']);
    expect(warningsAsAllOf).toBeTypeOf('function');
  });

  test('verdicts equal the RegExp on hostile strings (line terminators, surrogates, near-misses)', () => {
    const ajv = new Ajv2020({ strict: true });
    useFastSuffixPatterns(ajv);
    const fast = ajv.compile({ type: 'string', pattern: SUFFIX });
    const slow = new RegExp(SUFFIX, 'u');
    const piece = fc.constantFrom('.zvhd2', '.raw', '.ZVHD2', 'raw', '.zvhd', '\n', '\r', '\u2028', '\u2029', '\ud83d\ude00', '\ud800', 'a', '.', ':');
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string()), { maxLength: 6 }), (parts) => {
        const s = parts.join('');
        expect(fast(s), JSON.stringify(s)).toBe(slow.test(s));
      }),
      { numRuns: 5_000 },
    );
    // Other patterns still go through a RegExp with the `u` flag.
    const other = ajv.compile({ type: 'string', pattern: '^\\S+$' });
    expect([other('ab'), other('a b'), other('😀')]).toEqual([true, false, true]);
  });
});
