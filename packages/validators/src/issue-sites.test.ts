import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MUTATIONS } from '../test/support/mutations.js';
import { validBody } from '../test/support/arbitraries.js';
import type { AjvErrorObject } from './ajv-error.js';
import { issuesFromAjv, type BranchFacts } from './ajv-issues.js';
import { BRANCHES, DISCRIMINATOR } from './generated/spec-data.js';
import { validateRequestSchema } from './generated/validators.js';
import { IssueSite, SiteCache } from './issue-sites.js';
import { composeMessage } from './messages.js';
import type { RawIssue } from './types.js';

const branches = BRANCHES as unknown as Record<string, BranchFacts>;
const tags = DISCRIMINATOR.tags as Record<string, string>;
const fallback = branches[DISCRIMINATOR.defaultBranch]!;
const caches = new Map<string | undefined, SiteCache>();
const cacheFor = (name: string | undefined) => {
  if (!caches.has(name)) caches.set(name, new SiteCache(name === undefined ? undefined : branches[name], fallback));
  return caches.get(name)!;
};

/** The cached issues (with their cached messages) must equal the reference mapping's, field for field. */
function expectSameAsReference(body: Record<string, unknown>): number {
  if (validateRequestSchema(body)) return 0;
  const errors = validateRequestSchema.errors as AjvErrorObject[];
  // generate.mjs numbers every error literal, so this exercises the by-number path (the hand-written
  // errors of the next test, without numbers, exercise the by-schema-path one).
  expect(errors.every((e) => Number.isInteger(e.siteId))).toBe(true);
  const tag = body['type'];
  const name = typeof tag === 'string' && Object.hasOwn(tags, tag) ? tags[tag] : undefined;
  const reference = issuesFromAjv(errors, name === undefined ? undefined : branches[name], fallback);
  const plain = (r: RawIssue) => ({ path: r.path, code: r.code, rule: r.rule, params: r.params });
  const message = (r: RawIssue, locale: 'en' | 'zh-CN') => (r instanceof IssueSite ? r.message(locale) : composeMessage(r, locale));
  // Twice: the first call fills the cache, the second reads it.
  for (let round = 0; round < 2; round++) {
    const cached = cacheFor(name).issues(errors);
    expect(cached.map(plain)).toEqual(reference.map(plain));
    for (const locale of ['en', 'zh-CN'] as const) {
      expect(cached.map((r) => message(r, locale))).toEqual(reference.map((r) => composeMessage(r, locale)));
    }
  }
  return reference.length;
}

describe('SiteCache (the cached Ajv error mapping)', () => {
  test('equals issuesFromAjv + composeMessage on mutated, nulled and mistyped bodies', () => {
    let compared = 0;
    const typeValue = fc.constantFrom('keep', 'ECS', 'BMS', 'DataImage', 'VM', 5);
    fc.assert(
      fc.property(validBody, fc.nat(), fc.nat(), typeValue, fc.boolean(), (body, a, b, t, extra) => {
        let mutated: Record<string, unknown> = MUTATIONS[a % MUTATIONS.length]!.mutate(body);
        mutated = MUTATIONS[b % MUTATIONS.length]!.mutate(mutated);
        if (t !== 'keep') mutated['type'] = t;
        else if (mutated['type'] == null) mutated['type'] = 'ECS'; // Ajv alone needs the tag
        if (extra) mutated[`x${a % 7}`] = b;
        compared += expectSameAsReference(mutated);
      }),
      { numRuns: 1_500 },
    );
    expect(compared).toBeGreaterThan(1_500);
  });

  test('required and additionalProperties sites are keyed by the property, rule sites collapse once', () => {
    const cache = new SiteCache(branches['SystemDiskImageRequest'], fallback);
    const errors: AjvErrorObject[] = [
      { instancePath: '', schemaPath: '#/required', keyword: 'required', params: { missingProperty: 'name' } },
      { instancePath: '', schemaPath: '#/required', keyword: 'required', params: { missingProperty: 'image_url' } },
      { instancePath: '', schemaPath: '#/additionalProperties', keyword: 'additionalProperties', params: { additionalProperty: 'a/b' } },
      { instancePath: '', schemaPath: '#/not', keyword: 'not', params: {} },
      { instancePath: '/image_tags', schemaPath: '#/not/required', keyword: 'required', params: {} },
    ];
    for (let round = 0; round < 2; round++) {
      expect(cache.issues(errors).map((i) => [i.path, i.code, i.rule])).toEqual([
        ['/name', 'IMG.0013', 'required'],
        ['/image_url', 'IMG.0017', 'required'],
        ['/a~1b', 'IMG.0001', 'additionalProperties'],
        ['/image_tags', 'IMG.0115', 'exclusive'],
      ]);
    }
  });

  test('stays bounded and correct past its size limit (hostile bodies with ever-new keys)', () => {
    const cache = new SiteCache(branches['DataDiskImageRequest'], fallback);
    for (let i = 0; i < 10_000; i++) {
      const key = `k${i}`;
      // Numbered (as the generated code's errors are) and not, alternately: both stores are bounded.
      const error: AjvErrorObject = { instancePath: '', schemaPath: '#/additionalProperties', keyword: 'additionalProperties', params: { additionalProperty: key } };
      const [issue] = cache.issues([i % 2 ? { ...error, siteId: 7 } : error]);
      expect(issue!.path).toBe(`/${key}`);
      expect(issue!.code).toBe('IMG.0001');
    }
    expect(cache.cachedIssues()).toBeGreaterThan(0);
    expect(cache.cachedIssues()).toBeLessThanOrEqual(4096);
    // Real bodies with ever-new unknown keys, through the real validator's numbered errors.
    const real = new SiteCache(branches['SystemDiskImageRequest'], fallback);
    for (let i = 0; i < 6_000; i++) {
      validateRequestSchema({ type: 'ECS', [`u${i}`]: 1 });
      real.issues(validateRequestSchema.errors as AjvErrorObject[]);
    }
    expect(real.cachedIssues()).toBeLessThanOrEqual(4096);
  });
});
