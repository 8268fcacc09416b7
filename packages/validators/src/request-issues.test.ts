import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { MUTATIONS } from '../test/support/mutations.js';
import { validBody } from '../test/support/arbitraries.js';
import type { AjvErrorObject } from './ajv-error.js';
import { issuesFromAjv, type BranchFacts } from './ajv-issues.js';
import { BRANCHES, DISCRIMINATOR } from './generated/spec-data.js';
import { REQUEST_SITES } from './generated/validators.js';
import { composeMessage } from './messages.js';
import { MAX_ISSUES, schemaIssues } from './request-issues.js';
import type { Locale } from './types.js';
// @ts-expect-error -- plain .mjs build helper without type declarations
import { plainAjvRequestValidator } from '../scripts/plain-ajv.mjs';

const branches = BRANCHES as unknown as Record<string, BranchFacts>;
const tags = DISCRIMINATOR.tags as Record<string, string>;
const fallback = branches[DISCRIMINATOR.defaultBranch]!;

/**
 * The reference: what the validators did before the compiled code built issues itself — plain Ajv
 * (its own keywords, refs compiled as shared functions) over the same derived schema, its errors
 * mapped by issuesFromAjv and rendered by composeMessage.
 */
const referenceAjv = plainAjvRequestValidator(
  JSON.parse(readFileSync(createRequire(import.meta.url).resolve('@ims-quick-import/spec/openapi.json'), 'utf8')),
  { messages: false },
) as { (data: unknown): boolean; errors?: AjvErrorObject[] | null };

function reference(body: Record<string, unknown>, locale: Locale) {
  if (referenceAjv(body)) return undefined;
  const tag = body['type'];
  const name = typeof tag === 'string' && Object.hasOwn(tags, tag) ? tags[tag] : undefined;
  const raw = issuesFromAjv(referenceAjv.errors ?? [], name === undefined ? undefined : branches[name], fallback);
  const issue = (r: (typeof raw)[number]) => ({ path: r.path, code: r.code, rule: r.rule, message: composeMessage(r, locale) });
  // Warning rules' issues (params.warning) are reported apart from the errors.
  return { errors: raw.filter((r) => !r.params['warning']).map(issue), warnings: raw.filter((r) => r.params['warning']).map(issue) };
}

describe('issues built by the compiled request validator', () => {
  test('equal the reference mapping of plain Ajv errors, in both locales, on mutated, nulled and mistyped bodies', () => {
    let compared = 0;
    const typeValue = fc.constantFrom('keep', 'ECS', 'BMS', 'DataImage', 'VM', 5);
    fc.assert(
      fc.property(validBody, fc.nat(), fc.nat(), typeValue, fc.boolean(), (body, a, b, t, extra) => {
        let mutated: Record<string, unknown> = MUTATIONS[a % MUTATIONS.length]!.mutate(body);
        mutated = MUTATIONS[b % MUTATIONS.length]!.mutate(mutated);
        if (t !== 'keep') mutated['type'] = t;
        else if (mutated['type'] == null) mutated['type'] = 'ECS'; // plain Ajv needs the tag
        if (extra) mutated[`x${a % 7}`] = b;
        for (const locale of ['en', 'zh-CN'] as const) {
          // Twice: the first call may resolve sites and fill message caches, the second reads them.
          for (let round = 0; round < 2; round++) expect(schemaIssues(mutated, locale)).toEqual(reference(mutated, locale));
        }
        const ref = reference(mutated, 'en');
        compared += ref ? ref.errors.length + ref.warnings.length : 0;
      }),
      { numRuns: 1_500 },
    );
    expect(compared).toBeGreaterThan(1_500);
  });

  test('every site of the generated code resolves, and the table names only real branches', () => {
    expect(REQUEST_SITES.length).toBeGreaterThan(50);
    for (const site of REQUEST_SITES) expect(site.branch === null || Object.hasOwn(branches, site.branch)).toBe(true);
    expect(new Set(REQUEST_SITES.map((s) => s.branch))).toEqual(new Set([null, ...Object.values(tags)]));
  });

  test('an x-rule reports once, duplicate keys come last, odd keys are escaped', () => {
    const body = { type: 'ECS', name: 'img', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'my-bucket:a.zvhd2', min_disk: 40, architecture: 'arm', hw_firmware_type: 'bios', tags: ['a.1', 'a.2', 'bad<'], image_tags: [], 'a/b~c': 1 };
    const found = schemaIssues(body, 'en')!;
    expect(found.errors.map((i) => [i.path, i.code, i.rule])).toEqual([
      ['/image_tags', 'IMG.0115', 'exclusive'],
      ['/tags/2', 'IMG.0115', 'pattern'],
      ['/tags/1', 'IMG.0115', 'uniqueKeys'],
    ]);
    expect(found.warnings.map((i) => [i.path, i.code, i.rule])).toEqual([
      ['/a~1b~0c', 'IMG.0001', 'additionalProperties'],
      ['/hw_firmware_type', 'IMG.0141', 'armNeedsUefi'],
    ]);
  });

  test('messages stay correct past the per-site caches (hostile bodies with ever-new keys and long lists)', () => {
    for (let i = 0; i < 3_000; i++) {
      const key = i % 3 ? `k${i}` : `${'x'.repeat(300)}${i}`;
      const [issue] = schemaIssues({ type: 'DataImage', name: 'n', image_url: 'my-bucket:a.raw', min_disk: 1, [key]: 1 }, i % 2 ? 'en' : 'zh-CN')!.warnings;
      expect(issue!.path).toBe(`/${key}`);
      expect(issue!.message).toBe(composeMessage({ path: `/${key}`, code: 'IMG.0001', rule: 'additionalProperties', params: { warning: true } }, i % 2 ? 'en' : 'zh-CN'));
    }
    const tagsList = Array.from({ length: 150 }, (_, i) => (i % 2 ? `bad<${i}` : `t${i}`));
    const issues = schemaIssues({ type: 'ECS', name: 'n', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'my-bucket:a.zvhd2', min_disk: 1, tags: tagsList }, 'en')!.errors;
    expect(issues.filter((i) => i.rule === 'pattern').map((i) => i.path)).toEqual(tagsList.flatMap((t, i) => (t.startsWith('bad') ? [`/tags/${i}`] : [])));
    for (const i of issues) expect(i.message).toContain(`"${i.path.slice(1)}"`);
  });

  test('past MAX_ISSUES built issues, the reported ones still get their messages (duplicates built first, moved last)', () => {
    const body = {
      type: 'ECS', name: 'n', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'my-bucket:a.zvhd2', min_disk: 1,
      tags: Array.from({ length: 150 }, (_, i) => (i % 50 === 49 ? `bad<${i}` : 'a.1')),
      image_tags: Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: i % 3 ? 'v' : '<' })),
      extra: 1,
    };
    for (const locale of ['en', 'zh-CN'] as const) {
      const { errors, warnings } = schemaIssues(body, locale)!;
      expect(errors).toHaveLength(MAX_ISSUES);
      expect(warnings).toEqual([]); // the errors fill MAX_ISSUES; warnings come after them
      expect(errors).toEqual(reference(body, locale)!.errors.slice(0, MAX_ISSUES));
      expect(errors.every((i) => i.message.length > 20)).toBe(true);
    }
  });

  test('a getter that validates another body in the middle changes nothing in the outer result', () => {
    const base = { type: 'ECS', name: 'bad<', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'my-bucket:a.zvhd2', min_disk: 1 };
    const plain = schemaIssues({ ...base, min_disk: 0 }, 'zh-CN');
    const reentrant = { ...base };
    Object.defineProperty(reentrant, 'min_disk', {
      enumerable: true,
      get: () => (schemaIssues({ ...base, architecture: 'arm', hw_firmware_type: 'bios', tags: ['a', 'a'] }, 'en'), 0),
    });
    expect(schemaIssues(reentrant, 'zh-CN')).toEqual(plain);
  });
});
