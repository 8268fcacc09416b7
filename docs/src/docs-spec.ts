// Derives the docs-only copy of the bundle that Redoc renders: the guides become tags with `x-traitTag`
// (a sidebar section with no operations) whose description is the guide's Markdown, grouped before the API
// tags with `x-tagGroups`, and every operation gets its generated `x-codeSamples`. The bundle itself is
// never modified: the input is deep-cloned first.
import type { OpenApiDocument, OperationObject, TagObject } from './openapi-types.js';
import type { OperationSamples } from './code-samples.js';
import { listOperations } from './spec-source.js';

export interface RenderedGuide {
  /** the tag name: the English title in every edition, so deep links (#/getting-started/…) stay the same */
  title: string;
  markdown: string;
  /** the sidebar title where it differs from the tag name (the Chinese edition) */
  displayName?: string;
}

export const GUIDE_GROUP = 'Guides';
export const API_GROUP = 'API reference';

/** Labels and languages of the two samples; the Redoc `codeSamples.languages` option must list the same labels. */
export const SAMPLE_LANGUAGES = [
  { label: 'curl', lang: 'bash', pick: (s: OperationSamples) => s.curl },
  { label: 'TypeScript', lang: 'javascript', pick: (s: OperationSamples) => s.typescript },
] as const;

export function deriveDocsSpec(
  bundle: OpenApiDocument,
  guides: RenderedGuide[],
  samples: OperationSamples[],
  groups: { guides: string; api: string } = { guides: GUIDE_GROUP, api: API_GROUP },
): OpenApiDocument {
  const doc = structuredClone(bundle);
  const apiTags = doc.tags ?? [];
  const clash = guides.find((g) => apiTags.some((t) => t.name === g.title));
  if (clash) throw new Error(`Guide title "${clash.title}" is also an API tag; rename the guide`);
  const guideTags: TagObject[] = guides.map((g) => ({
    name: g.title,
    ...(g.displayName ? { 'x-displayName': g.displayName } : {}),
    description: g.markdown,
    'x-traitTag': true,
  }));
  doc.tags = [...guideTags, ...apiTags];

  const used = new Set(listOperations(doc).flatMap((e) => e.operation.tags ?? []));
  const untagged = listOperations(doc).filter((e) => !e.operation.tags?.length);
  if (untagged.length) throw new Error(`Operations without a tag would vanish under x-tagGroups: ${untagged.map((e) => e.operationId).join(', ')}`);
  const undeclared = [...used].filter((name) => !apiTags.some((t) => t.name === name));
  doc['x-tagGroups'] = [
    { name: groups.guides, tags: guideTags.map((t) => t.name) },
    { name: groups.api, tags: [...apiTags.map((t) => t.name), ...undeclared] },
  ];

  const byId = new Map(samples.map((s) => [s.operationId, s]));
  for (const entry of listOperations(doc)) {
    const sample = byId.get(entry.operationId);
    if (!sample) throw new Error(`No code samples were generated for ${entry.operationId}`);
    const operation = entry.operation as OperationObject;
    operation['x-codeSamples'] = SAMPLE_LANGUAGES.map(({ label, lang, pick }) => ({ lang, label, source: pick(sample) }));
  }
  return doc;
}
