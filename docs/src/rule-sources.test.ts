import { describe, expect, it } from 'vitest';
import type { OpenApiDocument } from './openapi-types.js';
import { readRuleSources, renderRuleSources } from './rule-sources.js';
import { loadBundle } from './spec-source.js';

const bundle = loadBundle();

describe('rules and their sources', () => {
  const rules = readRuleSources(bundle);
  const markdown = renderRuleSources(bundle);

  it('lists the request rules with the severity the spec gives them', () => {
    const find = (where: string, severity: string) => rules.find((r) => r.where === where && r.severity === severity);
    expect(find('ImageName', 'error')?.states).toEqual(expect.arrayContaining(['maxLength 128', 'pattern']));
    expect(find('ImageUrl', 'warning')?.states).toEqual(['pattern']);
    expect(find('SystemDiskImageRequest', 'warning')).toBeDefined();
    expect(rules.filter((r) => r.where === 'SystemDiskImageRequest' && r.severity === 'warning').flatMap((r) => r.states)).toEqual(
      expect.arrayContaining(['additionalProperties', 'dependentSchemas: armNeedsUefi, windowsOnly']),
    );
    expect(find('MinDisk', 'strict')?.states).toEqual(['x-os-minimum']);
    expect(find('parameter tag', 'error')?.states).toEqual(['enum "bms", "uefi", "arm", "x86"']);
  });

  it('every warning says no official source states it; no error rule does', () => {
    for (const r of rules) {
      if (r.severity === 'warning') expect(r.sources.join(' '), r.where).toMatch(/^none — /);
      else expect(r.sources.join(' '), r.where).not.toMatch(/^none — /);
    }
  });

  it('renders one row per rule, with its sources', () => {
    const rows = markdown.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows).toHaveLength(rules.length);
    expect(markdown).toContain('model_quick_import_image_by_file_request_body.go');
  });

  it('fails the build when a rule has no x-source', () => {
    const copy = JSON.parse(JSON.stringify(bundle)) as OpenApiDocument & { components: { schemas: Record<string, Record<string, unknown>> } };
    delete copy.components.schemas.ImageName!['x-source'];
    expect(() => readRuleSources(copy)).toThrow('ImageName states a rule but has no x-source');
  });
});
