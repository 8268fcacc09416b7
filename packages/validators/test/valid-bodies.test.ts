import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { validateQuickImportRequest } from '../dist/index.js';
import { validBody } from './support/arbitraries.js';
import { referenceOneOf } from './support/bundle.js';

describe('generated valid bodies', () => {
  test('10 000 valid bodies (typeless, null-bearing, system and data) are accepted and returned as-is', () => {
    fc.assert(
      fc.property(validBody, (body) => {
        const snapshot = JSON.stringify(body);
        const result = validateQuickImportRequest(body);
        if (!result.ok) throw new Error(`${snapshot}\n${JSON.stringify(result.issues, null, 1)}`);
        expect(result.value).toBe(body);
        expect(JSON.stringify(body)).toBe(snapshot); // nothing added, nothing dropped
        expect(referenceOneOf(body)).toBe(true); // the generator itself agrees with the spec
      }),
      { numRuns: 10_000 },
    );
  });
});
