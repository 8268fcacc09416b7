import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { customIssues } from './custom-rules.js';
import { BRANCHES } from './generated/spec-data.js';
import { requestIssues } from './validate-request.js';

// Duplicate tag keys are checked by the compiled validator (scripts/unique-keys-keyword.mjs); the
// custom rule in custom-rules.ts is the reference. Both must find the same duplicates, in order.
const base = { name: 'img', image_url: 'bucket:disk.zvhd2', min_disk: 40, os_version: 'Ubuntu 22.04 server 64bit' };
const dataBase = { name: 'img', image_url: 'bucket:disk.raw', min_disk: 40, type: 'DataImage', os_type: 'Linux' };
const key = fc.constantFrom('a', 'b', 'a.b', 'c', '', 'ab', 'a.', 'b.a');
const stringTag = fc.oneof(fc.tuple(key, fc.constantFrom('', '.1', '.2', '.x.y')).map(([k, v]) => k + v), fc.constant(null), fc.integer(), fc.constant({ key: 'a' }));
const objectTag = fc.oneof(fc.record({ key, value: fc.constantFrom('1', '2') }), fc.constant('a.1'), fc.constant(null), fc.record({ key: fc.integer() }));
const uniqueOnly = <T extends { rule: string }>(issues: readonly T[]) => issues.filter((i) => i.rule === 'uniqueKeys');

describe('duplicate tag keys in the compiled validator', () => {
  test('equal the reference rule for `key.value` strings and `{key, value}` objects, short and long lists', () => {
    fc.assert(
      fc.property(fc.array(stringTag, { maxLength: 40 }), fc.array(objectTag, { maxLength: 40 }), (tags, imageTags) => {
        for (const [body, facts] of [
          [{ ...base, tags }, BRANCHES.SystemDiskImageRequest],
          [{ ...base, image_tags: imageTags }, BRANCHES.SystemDiskImageRequest],
          [{ ...dataBase, image_tags: imageTags }, BRANCHES.DataDiskImageRequest],
        ] as const) {
          const expected = customIssues(body, facts, 'default');
          const found = uniqueOnly(requestIssues(body).errors);
          expect(found.map(({ path, code, rule }) => ({ path, code, rule }))).toEqual(expected.map(({ path, code, rule }) => ({ path, code, rule })));
          // The message names the repeated key.
          found.forEach((issue, i) => expect(issue.message).toContain(JSON.stringify(expected[i]!.params['key'])));
          // They come after every schema issue, as when the custom rule ran after the schema.
          const all = requestIssues(body).errors;
          expect(all.slice(all.length - expected.length).every((i) => i.rule === 'uniqueKeys')).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
