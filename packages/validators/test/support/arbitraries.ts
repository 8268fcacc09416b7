// fast-check generators of VALID quick-import bodies, built from the bundle's own patterns and limits
// (so they follow the spec, not a copy of it), plus the null / typeless variants real clients send.
import fc from 'fast-check';
import { schemas } from './bundle.js';

const re = (pattern: string) => new RegExp(pattern, 'u');
const codePoints = (s: string) => [...s].length;
const matching = (schema: { pattern: string; maxLength?: number; minLength?: number }) =>
  fc
    .stringMatching(re(schema.pattern))
    .filter((s) => codePoints(s) <= (schema.maxLength ?? Infinity) && codePoints(s) >= (schema.minLength ?? 0));

const S = schemas;
const resourceTag = S.ResourceTag.properties;
export const arb = {
  name: matching(S.ImageName),
  description: matching(S.ImageDescription),
  osVersion: matching(S.OsVersion),
  windowsOsVersion: matching(S.OsVersion).map((s) => `Windows ${s}`).filter((s) => codePoints(s) <= S.OsVersion.maxLength),
  imageUrl: fc
    .tuple(
      fc.stringMatching(/^[a-z0-9][a-z0-9-]{1,20}[a-z0-9]$/),
      fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_\/.-]{0,20}$/),
      fc.constantFrom('zvhd2', 'raw'),
    )
    .map(([bucket, object, ext]) => `${bucket}:${object}.${ext}`)
    .filter((u) => re(S.ImageUrl.pattern).test(u)),
  minDisk: fc.integer({ min: S.MinDisk.minimum, max: S.MinDisk.maximum }),
  enterpriseProjectId: matching(S.EnterpriseProjectId),
  tagString: matching(S.TagString),
  resourceTag: fc.record({ key: matching(resourceTag.key), value: matching(resourceTag.value) }),
};

/** Optional field: absent, `null` (counts as absent) or a value. */
const optional = <T>(value: fc.Arbitrary<T>) => fc.option(fc.option(value, { nil: null }), { nil: undefined });

const tagKey = (t: string) => (t.includes('.') ? t.slice(0, t.indexOf('.')) : t);
const tagsArb = fc.uniqueArray(arb.tagString, { maxLength: S.Tags.maxItems, selector: tagKey });
const imageTagsArb = fc.uniqueArray(arb.resourceTag, { maxLength: S.ImageTags.maxItems, selector: (t) => t.key });

/** tags or image_tags (or neither); the other may still be present as null. */
const tagging = fc.oneof(
  fc.record({ tags: optional(tagsArb), image_tags: fc.constantFrom(undefined, null) }),
  fc.record({ image_tags: optional(imageTagsArb), tags: fc.constantFrom(undefined, null) }),
);

function compact(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

export const systemBody = fc
  .record({
    windows: fc.boolean(),
    linuxOs: arb.osVersion.filter((s) => !s.startsWith('Windows')),
    windowsOs: arb.windowsOsVersion,
    name: arb.name,
    description: optional(arb.description),
    image_url: arb.imageUrl,
    min_disk: arb.minDisk,
    type: fc.constantFrom(undefined, null, 'ECS', 'BMS'),
    license: optional(fc.constantFrom('platform', 'byol')),
    enterprise_project_id: optional(arb.enterpriseProjectId),
    arch: fc.constantFrom(undefined, null, 'x86', 'arm'),
    firmware: fc.constantFrom(undefined, null, 'bios', 'uefi'),
    tagging,
  })
  .map((r) =>
    compact({
      name: r.name,
      description: r.description,
      os_version: r.windows ? r.windowsOs : r.linuxOs,
      image_url: r.image_url,
      min_disk: r.min_disk,
      type: r.type,
      // license_type is Windows-only (windowsOnly), null is fine anywhere
      license_type: r.windows ? r.license : r.license === null ? null : undefined,
      enterprise_project_id: r.enterprise_project_id,
      architecture: r.arch,
      // Arm boots with UEFI only (armNeedsUefi)
      hw_firmware_type: r.arch === 'arm' && r.firmware === 'bios' ? 'uefi' : r.firmware,
      ...r.tagging,
    }),
  );

export const dataBody = fc
  .record({
    name: arb.name,
    description: optional(arb.description),
    image_url: arb.imageUrl,
    min_disk: arb.minDisk,
    os_type: optional(fc.constantFrom('Linux', 'Windows')),
    os_version: fc.constantFrom(undefined, null, ''),
    enterprise_project_id: optional(arb.enterpriseProjectId),
    tagging,
  })
  .map(({ tagging: t, ...r }) => compact({ ...r, type: 'DataImage', ...t }));

export const validBody = fc.oneof(systemBody, dataBody);
