// A hand-written zod 4 schema with the same rules as the spec, warning rules included, each as an
// error (for the benchmark only: what dist checks in one pass). Patterns and
// limits are copied from the bundle at load time, so the two cannot drift; the rules JSON Schema
// cannot state are written as a superRefine, as a zod user would.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { z } from 'zod';

const require = createRequire(import.meta.url);
const S = JSON.parse(readFileSync(require.resolve('@ims-quick-import/spec/openapi.json'), 'utf8')).components.schemas;
const re = (p) => new RegExp(p, 'u');
const str = (s) => {
  let t = z.string();
  if (s.minLength !== undefined) t = t.min(s.minLength);
  if (s.maxLength !== undefined) t = t.max(s.maxLength);
  if (s.pattern) t = t.regex(re(s.pattern));
  return t;
};
const nullable = (t) => t.nullish();
const tagKey = (t) => (t.includes('.') ? t.slice(0, t.indexOf('.')) : t);
const RT = S.ResourceTag.properties;
const tags = nullable(z.array(str(S.TagString)).max(S.Tags.maxItems));
const imageTags = nullable(z.array(z.strictObject({ key: str(RT.key), value: str(RT.value) })).max(S.ImageTags.maxItems));
const common = {
  name: str(S.ImageName),
  description: nullable(str(S.ImageDescription)),
  // The warning rule on the object name (x-warnings) too: dist checks it in the same pass.
  image_url: str(S.ImageUrl).regex(re(S.ImageUrl['x-warnings'][0].pattern)),
  min_disk: z.int().min(S.MinDisk.minimum).max(S.MinDisk.maximum),
  tags,
  image_tags: imageTags,
  enterprise_project_id: nullable(str(S.EnterpriseProjectId)),
};
const system = z.strictObject({
  ...common,
  os_version: str(S.OsVersion),
  type: z.enum(['ECS', 'BMS']).nullish(),
  license_type: z.enum(['platform', 'byol']).nullish(),
  architecture: z.enum(['x86', 'arm']).nullish(),
  hw_firmware_type: z.enum(['bios', 'uefi']).nullish(),
});
const data = z.strictObject({
  ...common,
  type: z.literal('DataImage'),
  os_type: z.enum(['Linux', 'Windows']).nullish(),
  os_version: z.enum(['']).nullish(),
});

function rules(body, ctx) {
  if (Array.isArray(body.tags) && Array.isArray(body.image_tags)) ctx.addIssue({ code: 'custom', path: ['image_tags'], message: 'exclusive' });
  if (body.architecture === 'arm' && body.hw_firmware_type === 'bios') ctx.addIssue({ code: 'custom', path: ['hw_firmware_type'], message: 'armNeedsUefi' });
  if (typeof body.license_type === 'string' && !/^Windows/u.test(body.os_version)) ctx.addIssue({ code: 'custom', path: ['license_type'], message: 'windowsOnly' });
  for (const [field, key] of [['tags', tagKey], ['image_tags', (t) => t.key]]) {
    const seen = new Set();
    (body[field] ?? []).forEach((t, i) => {
      const k = key(t);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [field, i], message: 'uniqueKeys' });
      seen.add(k);
    });
  }
}

export const zodQuickImport = z.union([system.superRefine(rules), data.superRefine(rules)]);
