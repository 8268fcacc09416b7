import { describe, expect, it } from 'vitest';
import type { Json } from './openapi-types.js';
import { toTsLiteral } from './ts-literal.js';

// Evaluating the printed literal as JavaScript must give back the value: the sample shows the spec example.
const evaluate = (source: string): unknown => new Function(`return (${source});`)();

describe('toTsLiteral', () => {
  it('round-trips nested values, awkward strings and non-identifier keys', () => {
    const value: Json = {
      name: "it's a \\ test\nline",
      'x-key': [1, 2.5, -3, true, null],
      image_tags: [{ key: 'k', value: '值' }],
      nested: { deep: { deeper: ['a', 'b'] } },
      empty: {},
      none: [],
      sep: '\u2028',
    };
    expect(evaluate(toTsLiteral(value))).toEqual(value);
  });

  it('quotes keys that are not identifiers and leaves identifiers bare', () => {
    expect(toTsLiteral({ a_b: 1, 'a-b': 2 })).toBe("{ a_b: 1, 'a-b': 2 }");
  });

  it('breaks long objects over lines with trailing commas', () => {
    const text = toTsLiteral({ name: 'x'.repeat(50), image_url: 'y'.repeat(40) });
    expect(text.split('\n')).toHaveLength(4);
    expect(text).toContain(`  name: '${'x'.repeat(50)}',`);
  });

  it('refuses numbers JSON cannot carry', () => {
    expect(() => toTsLiteral(Number.NaN)).toThrow(/NaN/);
  });
});
