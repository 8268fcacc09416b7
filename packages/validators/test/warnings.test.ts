// Rules no official source states (`x-warnings` in the spec) are warnings in the default profile and
// errors under `strict`, in both locales. Each row: a body breaking one such rule, and the issue it gets.
import { describe, expect, test } from 'vitest';
import { validateQuickImportRequest, validateQuickImportRequestJson, type Locale } from '../dist/index.js';
import { schemas } from './support/bundle.js';

const SYS = { name: 'ims-test-image', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'my-bucket:images/ubuntu-22.04.zvhd2', min_disk: 40 };
const WIN = { ...SYS, os_version: 'Windows Server 2019 Standard 64bit' };
const DATA = { name: 'data-disk-image', image_url: 'ims-image:data/app-data.zvhd2', min_disk: 100, type: 'DataImage' };

// [sourceless rule, body, path, code, rule]
const ROWS: [string, Record<string, unknown>, string, string, string][] = [
  ['object name ending (qcow2)', { ...SYS, image_url: 'my-bucket:images/disk.qcow2' }, '/image_url', 'IMG.0017', 'pattern'],
  ['object name ending (upper-case .ZVHD2)', { ...DATA, image_url: 'ims-image:DISK.ZVHD2' }, '/image_url', 'IMG.0017', 'pattern'],
  ['arm with bios', { ...SYS, architecture: 'arm', hw_firmware_type: 'bios' }, '/hw_firmware_type', 'IMG.0141', 'armNeedsUefi'],
  ['license_type on Linux', { ...SYS, license_type: 'byol' }, '/license_type', 'IMG.0001', 'windowsOnly'],
  ['os_type on a system disk (other variant)', { ...SYS, os_type: 'Linux' }, '/os_type', 'IMG.0001', 'additionalProperties'],
  ['architecture on a data disk (other variant)', { ...DATA, architecture: 'x86' }, '/architecture', 'IMG.0001', 'additionalProperties'],
  ['license_type on a data disk (other variant)', { ...DATA, license_type: 'platform' }, '/license_type', 'IMG.0001', 'additionalProperties'],
  ['os_version on a data disk (other variant)', { ...DATA, os_version: 'CentOS 7.9 64bit' }, '/os_version', 'IMG.0001', 'enum'],
  ['unknown property', { ...SYS, image_size: 10 }, '/image_size', 'IMG.0001', 'additionalProperties'],
  ['unknown field in an image tag', { ...SYS, image_tags: [{ key: 'k', value: 'v', color: 'red' }] }, '/image_tags/0/color', 'IMG.0115', 'additionalProperties'],
  ['unknown property on a data disk', { ...DATA, isConfig: true }, '/isConfig', 'IMG.0001', 'additionalProperties'],
];
const LOCALES: Locale[] = ['en', 'zh-CN'];

describe.each(ROWS)('%s', (_what, body, path, code, rule) => {
  test.each(LOCALES)('default (%s): accepted, with one warning naming path, code and rule', (locale) => {
    const result = validateQuickImportRequest(body, { locale });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toBe(body);
    expect(result.warnings.map((w) => [w.path, w.code, w.rule])).toEqual([[path, code, rule]]);
    const [warning] = result.warnings;
    if (locale === 'en') expect(warning!.message).toMatch(/No official source says the service rejects this, so it is a warning/);
    else expect(warning!.message).toContain('没有官方来源说明服务会拒绝此请求，因此这是警告');
    // The JSON entry point agrees.
    const json = validateQuickImportRequestJson(JSON.stringify(body), { locale });
    expect(json.ok && json.warnings.map((w) => w.path)).toEqual([path]);
  });

  test.each(LOCALES)('strict (%s): rejected with the same issue, no warnings left', (locale) => {
    const result = validateQuickImportRequest(body, { locale, profile: 'strict' });
    expect(result.ok).toBe(false);
    expect(result.warnings).toEqual([]);
    if (result.ok) return;
    expect(result.issues).toContainEqual(expect.objectContaining({ path, code, rule }));
    const warning = validateQuickImportRequest(body, { locale }).warnings[0]!;
    expect(result.issues.find((i) => i.path === path)!.message).toBe(warning.message);
  });
});

test('a warning never hides an error: both lists come back', () => {
  const result = validateQuickImportRequest({ ...SYS, min_disk: 0, extra: 1 });
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.issues.map((i) => i.path)).toEqual(['/min_disk']);
  expect(result.warnings.map((i) => i.path)).toEqual(['/extra']);
});

test('a clean body has an empty warnings list under both profiles', () => {
  for (const profile of ['default', 'strict'] as const) {
    expect(validateQuickImportRequest(SYS, { profile })).toEqual({ ok: true, value: SYS, warnings: [] });
    expect(validateQuickImportRequest(WIN, { profile }).warnings).toEqual([]);
  }
});

test('every warning rule in the spec is one the rows above exercise (read from the bundle)', () => {
  const declared: string[] = [];
  const visit = (node: unknown, at: string): void => {
    if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${at}/${i}`));
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === 'x-warnings') for (const w of v as Record<string, unknown>[]) declared.push(`${at}: ${Object.keys(w).filter((key) => !key.startsWith('x-') && key !== 'description').join(',')}`);
      else visit(v, `${at}/${k}`);
    }
  };
  for (const name of ['SystemDiskImageRequest', 'DataDiskImageRequest', 'ImageUrl', 'DataImageOsVersion', 'ResourceTag']) visit(schemas[name], name);
  expect(declared.sort()).toEqual([
    'DataDiskImageRequest: additionalProperties',
    'DataImageOsVersion: enum',
    'ImageUrl: pattern',
    'ResourceTag: additionalProperties',
    'SystemDiskImageRequest: additionalProperties',
    'SystemDiskImageRequest: dependentSchemas',
  ]);
  // …and no other schema declares one.
  const everywhere = JSON.stringify(schemas).split('"x-warnings"').length - 1;
  expect(everywhere).toBe(5);
});
