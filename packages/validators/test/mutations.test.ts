import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { validateQuickImportRequest } from '../dist/index.js';
import { validBody } from './support/arbitraries.js';
import { referenceOneOf } from './support/bundle.js';
import { MUTATIONS } from './support/mutations.js';

describe('single-field mutations of valid bodies', () => {
  test('every mutation is rejected with an issue at the mutated path carrying its IMG code', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(validBody, fc.nat(), (body, pick) => {
        const usable = MUTATIONS.filter((m) => m.applies(body));
        const m = usable[pick % usable.length]!;
        seen.add(m.name);
        const mutated = m.mutate(body);
        const result = validateQuickImportRequest(mutated);
        // A warning rule lets the body through by default and names it in `warnings`; strict rejects it.
        const strict = m.warning ? validateQuickImportRequest(mutated, { profile: 'strict' }) : result;
        if (m.warning) expect(result.warnings.find((i) => i.path === m.path && i.code === m.code), m.name).toBeDefined();
        expect(strict.ok, `${m.name}: ${JSON.stringify(mutated)}`).toBe(false);
        if (strict.ok) return;
        const hit = strict.issues.find((i) => i.path === m.path && i.code === m.code);
        expect(hit, `${m.name}: ${JSON.stringify(strict.issues)}`).toBeDefined();
      }),
      { numRuns: 3_000 },
    );
    expect(seen.size).toBe(MUTATIONS.length); // every mutation was exercised
  });

  test('schema verdicts equal plain oneOf over the raw bundle (discriminator as annotation)', () => {
    // Bodies: valid, mutated, with random nulls, with type absent/null/odd values.
    const nullify = fc.subarray(['description', 'tags', 'image_tags', 'enterprise_project_id', 'architecture',
      'hw_firmware_type', 'license_type', 'os_type', 'os_version', 'type', 'name', 'min_disk']);
    const typeValue = fc.constantFrom('keep', 'absent', null, 'ECS', 'BMS', 'DataImage', 'VM', 5, '');
    let rejected = 0;
    fc.assert(
      fc.property(validBody, fc.nat(), fc.boolean(), nullify, typeValue, (body, pick, mutate, nulls, t) => {
        let b: Record<string, unknown> = mutate ? MUTATIONS[pick % MUTATIONS.length]!.mutate(body) : { ...body };
        for (const f of nulls) b[f] = null;
        if (t === 'absent') delete b['type'];
        else if (t !== 'keep') b['type'] = t;
        const ours = validateQuickImportRequest(b);
        // uniqueKeys is beyond JSON Schema, so it is the one rule the reference cannot see.
        const schemaOk = ours.ok || ours.issues.every((i) => i.rule === 'uniqueKeys');
        if (!schemaOk) rejected++;
        expect(schemaOk, JSON.stringify(b)).toBe(referenceOneOf(b));
      }),
      { numRuns: 5_000 },
    );
    expect(rejected).toBeGreaterThan(1_000); // both verdicts were exercised
  });
});
