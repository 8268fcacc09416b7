import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSamples } from './code-samples.js';
import { API_GROUP, deriveDocsSpec, GUIDE_GROUP } from './docs-spec.js';
import { loadGuides } from './guides.js';
import type { OpenApiDocument } from './openapi-types.js';
import { EDITIONS } from './i18n/locales.js';
import { editionDir, SITE_SPEC } from './paths.js';
import { editionSource } from './site-build.js';
import { bundlePath, listOperations, loadBundle } from './spec-source.js';

const bundle = loadBundle();
const guides = [{ title: 'Guide A', markdown: '# A\ntext' }, { title: 'Guide B', markdown: 'b' }];

describe('deriveDocsSpec', () => {
  it('adds the guides as trait tags before the API tags, grouped', () => {
    const doc = deriveDocsSpec(bundle, guides, buildSamples(bundle));
    expect(doc.tags?.slice(0, 2)).toEqual([
      { name: 'Guide A', description: '# A\ntext', 'x-traitTag': true },
      { name: 'Guide B', description: 'b', 'x-traitTag': true },
    ]);
    expect(doc['x-tagGroups']).toEqual([
      { name: GUIDE_GROUP, tags: ['Guide A', 'Guide B'] },
      { name: API_GROUP, tags: (bundle.tags ?? []).map((t) => t.name) },
    ]);
  });

  it('gives every operation a curl and a TypeScript sample and leaves the bundle untouched', () => {
    const before = JSON.stringify(bundle);
    const doc = deriveDocsSpec(bundle, guides, buildSamples(bundle));
    for (const { operation } of listOperations(doc)) {
      expect(operation['x-codeSamples']?.map((s) => s.label)).toEqual(['curl', 'TypeScript']);
    }
    expect(JSON.stringify(bundle)).toBe(before);
  });

  it('refuses a guide named like an API tag, and an operation without samples', () => {
    const tag = bundle.tags?.[0]?.name ?? 'Images';
    expect(() => deriveDocsSpec(bundle, [{ title: tag, markdown: '' }], buildSamples(bundle))).toThrow(/also an API tag/);
    expect(() => deriveDocsSpec(bundle, [], buildSamples(bundle).slice(1))).toThrow(/No code samples were generated/);
  });

  it('refuses untagged operations, which x-tagGroups would hide', () => {
    const doc = structuredClone(bundle) as OpenApiDocument;
    const first = listOperations(doc)[0];
    if (first) delete first.operation.tags;
    expect(() => deriveDocsSpec(doc, [], buildSamples(doc))).toThrow(/without a tag/);
  });
});

describe('the built docs spec (dist/openapi.docs.json)', () => {
  const site = JSON.parse(readFileSync(SITE_SPEC, 'utf8')) as OpenApiDocument;

  it('is the current bundle plus guides and samples, nothing else', () => {
    const current = JSON.parse(readFileSync(bundlePath(), 'utf8')) as OpenApiDocument;
    const stripped = structuredClone(site);
    stripped.tags = stripped.tags?.filter((t) => !t['x-traitTag']);
    delete stripped['x-tagGroups'];
    for (const { operation } of listOperations(stripped)) delete operation['x-codeSamples'];
    expect(stripped).toEqual(current);
  });

  it('carries every guide, with every directive expanded', () => {
    const titles = loadGuides().map((g) => g.title);
    const guideTags = site.tags?.filter((t) => t['x-traitTag']) ?? [];
    expect(guideTags.map((t) => t.name)).toEqual(titles);
    for (const tag of guideTags) {
      expect(tag.description).not.toMatch(/\{\{spec:|<!--\s*(generated|include-svg):/);
    }
  });
});

describe('the built Chinese docs spec (dist/zh-CN/openapi.docs.json)', () => {
  const site = JSON.parse(readFileSync(join(editionDir(EDITIONS['zh-CN'].dir), 'openapi.docs.json'), 'utf8')) as OpenApiDocument;

  it('is the current bundle with the zh-CN overlay applied, plus the Chinese guides and the same samples', () => {
    const { doc } = editionSource(bundle, 'zh-CN');
    const stripped = structuredClone(site);
    stripped.tags = stripped.tags?.filter((t) => !t['x-traitTag']);
    delete stripped['x-tagGroups'];
    for (const { operation } of listOperations(stripped)) delete operation['x-codeSamples'];
    expect(stripped).toEqual(doc);
    const english = JSON.parse(readFileSync(SITE_SPEC, 'utf8')) as OpenApiDocument;
    expect(listOperations(site).map((e) => e.operation['x-codeSamples'])).toEqual(listOperations(english).map((e) => e.operation['x-codeSamples']));
  });

  it('keeps the English guide and tag names (deep links stay the same) and shows Chinese names', () => {
    const guideTags = site.tags?.filter((t) => t['x-traitTag']) ?? [];
    expect(guideTags.map((t) => t.name)).toEqual(loadGuides().map((g) => g.title));
    expect(guideTags.every((t) => /[\u4e00-\u9fff]/.test(t['x-displayName'] ?? ''))).toBe(true);
    expect(site.tags?.filter((t) => !t['x-traitTag']).map((t) => t.name)).toEqual(bundle.tags?.map((t) => t.name));
    expect(site['x-tagGroups']?.map((g) => g.name)).toEqual([EDITIONS['zh-CN'].groups.guides, EDITIONS['zh-CN'].groups.api]);
  });
});
