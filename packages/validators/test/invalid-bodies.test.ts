import { describe, expect, test } from 'vitest';
import { EMITTED_CODES, validateQuickImportRequest, type Profile } from '../dist/index.js';

const SYS = { name: 'ims-test-image', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'my-bucket:images/ubuntu-22.04.zvhd2', min_disk: 40 };
const DATA = { name: 'data-disk-image', image_url: 'ims-image:data/app-data.zvhd2', min_disk: 100, type: 'DataImage' };
const WIN = { ...SYS, os_version: 'Windows Server 2019 Standard 64bit', min_disk: 60 };
const without = (o: Record<string, unknown>, k: string) => Object.fromEntries(Object.entries(o).filter(([key]) => key !== k));
const tags = (n: number) => Array.from({ length: n }, (_, i) => `key${i}.value`);

// [what, body, expected path, expected IMG code, expected rule, profile]
type Row = [string, unknown, string, string, string, Profile?];
const ROWS: Row[] = [
  // the body itself
  ['undefined body', undefined, '', 'IMG.0007', 'required'],
  ['null body', null, '', 'IMG.0001', 'type'],
  ['array body', [SYS], '', 'IMG.0001', 'type'],
  ['string body', JSON.stringify(SYS), '', 'IMG.0001', 'type'],
  ['number body', 42, '', 'IMG.0001', 'type'],
  ['boolean body', true, '', 'IMG.0001', 'type'],
  ['empty object', {}, '/name', 'IMG.0013', 'required'],
  // name
  ['name missing', without(SYS, 'name'), '/name', 'IMG.0013', 'required'],
  ['name empty', { ...SYS, name: '' }, '/name', 'IMG.0013', 'minLength'],
  ['name 129 chars', { ...SYS, name: 'a'.repeat(129) }, '/name', 'IMG.0002', 'maxLength'],
  ['name with slash', { ...SYS, name: 'a/b' }, '/name', 'IMG.0003', 'pattern'],
  ['name leading space', { ...SYS, name: ' abc' }, '/name', 'IMG.0003', 'pattern'],
  ['name trailing space', { ...SYS, name: 'abc ' }, '/name', 'IMG.0003', 'pattern'],
  ['name chinese', { ...SYS, name: '镜像' }, '/name', 'IMG.0003', 'pattern'],
  ['name number', { ...SYS, name: 7 }, '/name', 'IMG.0003', 'type'],
  ['name null', { ...SYS, name: null }, '/name', 'IMG.0003', 'type'],
  ['data name too long', { ...DATA, name: 'b'.repeat(200) }, '/name', 'IMG.0002', 'maxLength'],
  // description
  ['description 1025 chars', { ...SYS, description: 'd'.repeat(1025) }, '/description', 'IMG.0004', 'maxLength'],
  ['description with <', { ...SYS, description: '<script>' }, '/description', 'IMG.0054', 'pattern'],
  ['description with CR', { ...SYS, description: 'a\rb' }, '/description', 'IMG.0054', 'pattern'],
  ['description number', { ...SYS, description: 1 }, '/description', 'IMG.0054', 'type'],
  ['data description with >', { ...DATA, description: 'a>b' }, '/description', 'IMG.0054', 'pattern'],
  // os_version
  ['os_version missing', without(SYS, 'os_version'), '/os_version', 'IMG.0056', 'required'],
  ['os_version empty', { ...SYS, os_version: '' }, '/os_version', 'IMG.0056', 'minLength'],
  ['os_version leading space', { ...SYS, os_version: ' Ubuntu' }, '/os_version', 'IMG.0056', 'pattern'],
  ['os_version 256 chars', { ...SYS, os_version: 'U'.repeat(256) }, '/os_version', 'IMG.0056', 'maxLength'],
  ['os_version null', { ...SYS, os_version: null }, '/os_version', 'IMG.0056', 'type'],
  ['data os_version real', { ...DATA, os_version: 'CentOS 7.9 64bit' }, '/os_version', 'IMG.0001', 'enum', 'strict'],
  // image_url
  ['image_url missing', without(SYS, 'image_url'), '/image_url', 'IMG.0017', 'required'],
  ['image_url no colon', { ...SYS, image_url: 'my-bucket/images/a.zvhd2' }, '/image_url', 'IMG.0017', 'pattern'],
  ['image_url qcow2', { ...SYS, image_url: 'my-bucket:a.qcow2' }, '/image_url', 'IMG.0017', 'pattern', 'strict'],
  ['image_url upper-case bucket', { ...SYS, image_url: 'My-Bucket:a.zvhd2' }, '/image_url', 'IMG.0017', 'pattern'],
  ['image_url IP bucket', { ...SYS, image_url: '192.168.1.1:a.raw' }, '/image_url', 'IMG.0017', 'pattern'],
  ['image_url space in object', { ...SYS, image_url: 'my-bucket:my disk.raw' }, '/image_url', 'IMG.0017', 'pattern'],
  ['image_url too short', { ...SYS, image_url: 'a:b' }, '/image_url', 'IMG.0017', 'minLength'],
  ['image_url array', { ...SYS, image_url: ['my-bucket:a.raw'] }, '/image_url', 'IMG.0017', 'type'],
  ['data image_url vhd', { ...DATA, image_url: 'ims-image:data.vhd' }, '/image_url', 'IMG.0017', 'pattern', 'strict'],
  // min_disk
  ['min_disk missing', without(SYS, 'min_disk'), '/min_disk', 'IMG.0055', 'required'],
  ['min_disk 0', { ...SYS, min_disk: 0 }, '/min_disk', 'IMG.0055', 'minimum'],
  ['min_disk 1025', { ...SYS, min_disk: 1025 }, '/min_disk', 'IMG.0055', 'maximum'],
  ['min_disk 40.5', { ...SYS, min_disk: 40.5 }, '/min_disk', 'IMG.0055', 'type'],
  ['min_disk "40"', { ...SYS, min_disk: '40' }, '/min_disk', 'IMG.0055', 'type'],
  ['min_disk null', { ...SYS, min_disk: null }, '/min_disk', 'IMG.0055', 'type'],
  ['data min_disk -1', { ...DATA, min_disk: -1 }, '/min_disk', 'IMG.0055', 'minimum'],
  ['strict Linux min_disk 9', { ...SYS, min_disk: 9 }, '/min_disk', 'IMG.0055', 'osMinimum', 'strict'],
  ['strict Windows min_disk 19', { ...WIN, min_disk: 19 }, '/min_disk', 'IMG.0055', 'osMinimum', 'strict'],
  ['strict data Windows min_disk 15', { ...DATA, os_type: 'Windows', min_disk: 15 }, '/min_disk', 'IMG.0055', 'osMinimum', 'strict'],
  ['strict data default-Linux min_disk 5', { ...DATA, min_disk: 5 }, '/min_disk', 'IMG.0055', 'osMinimum', 'strict'],
  // type
  ['type VM', { ...SYS, type: 'VM' }, '/type', 'IMG.0024', 'enum'],
  ['type lower-case ecs', { ...SYS, type: 'ecs' }, '/type', 'IMG.0024', 'enum'],
  ['type number', { ...SYS, type: 1 }, '/type', 'IMG.0024', 'type'],
  ['type object', { ...SYS, type: { v: 'ECS' } }, '/type', 'IMG.0024', 'type'],
  ['data body typeless (needs DataImage)', without(DATA, 'type'), '/os_version', 'IMG.0056', 'required'],
  // license_type
  ['license on Linux', { ...SYS, license_type: 'byol' }, '/license_type', 'IMG.0001', 'windowsOnly', 'strict'],
  ['license unknown value', { ...WIN, license_type: 'oem' }, '/license_type', 'IMG.0001', 'enum'],
  ['license on data disk', { ...DATA, license_type: 'byol' }, '/license_type', 'IMG.0001', 'additionalProperties', 'strict'],
  // tags
  ['tags not array', { ...SYS, tags: 'a.b' }, '/tags', 'IMG.0115', 'type'],
  ['tag not string', { ...SYS, tags: [1] }, '/tags/0', 'IMG.0115', 'type'],
  ['tag with space key end', { ...SYS, tags: ['key .v'] }, '/tags/0', 'IMG.0115', 'pattern'],
  ['tag starting with dot', { ...SYS, tags: ['.value'] }, '/tags/0', 'IMG.0115', 'pattern'],
  ['tag too long', { ...SYS, tags: ['k.' + 'v'.repeat(400)] }, '/tags/0', 'IMG.0115', 'maxLength'],
  ['21 tags', { ...SYS, tags: tags(21) }, '/tags', 'IMG.0116', 'maxItems'],
  ['duplicate tag keys', { ...SYS, tags: ['env.prod', 'owner.a', 'env.dev'] }, '/tags/2', 'IMG.0115', 'uniqueKeys'],
  ['duplicate dotless tag keys', { ...DATA, tags: ['solo', 'solo.x'] }, '/tags/1', 'IMG.0115', 'uniqueKeys'],
  ['strict: 11 tags', { ...SYS, tags: tags(11) }, '/tags', 'IMG.0116', 'maxItems', 'strict'],
  ['strict: chinese tag key', { ...SYS, tags: ['环境.prod'] }, '/tags/0', 'IMG.0115', 'pattern', 'strict'],
  ['strict: tag key 37 chars', { ...SYS, tags: ['k'.repeat(37) + '.v'] }, '/tags/0', 'IMG.0115', 'pattern', 'strict'],
  // image_tags
  ['image_tags not array', { ...SYS, image_tags: { key: 'a', value: 'b' } }, '/image_tags', 'IMG.0115', 'type'],
  ['image_tag missing key', { ...SYS, image_tags: [{ value: 'b' }] }, '/image_tags/0/key', 'IMG.0115', 'required'],
  ['image_tag extra field', { ...SYS, image_tags: [{ key: 'a', value: 'b', color: 'red' }] }, '/image_tags/0/color', 'IMG.0115', 'additionalProperties', 'strict'],
  ['image_tag empty key', { ...SYS, image_tags: [{ key: '', value: 'b' }] }, '/image_tags/0/key', 'IMG.0115', 'minLength'],
  ['image_tag key with <', { ...SYS, image_tags: [{ key: 'a', value: 'x' }, { key: 'a<b', value: 'x' }] }, '/image_tags/1/key', 'IMG.0115', 'pattern'],
  ['image_tag value 256 chars', { ...DATA, image_tags: [{ key: 'a', value: 'v'.repeat(256) }] }, '/image_tags/0/value', 'IMG.0115', 'maxLength'],
  ['image_tag value null', { ...SYS, image_tags: [{ key: 'a', value: null }] }, '/image_tags/0/value', 'IMG.0115', 'type'],
  ['image_tags duplicate keys', { ...SYS, image_tags: [{ key: 'a', value: '1' }, { key: 'a', value: '2' }] }, '/image_tags/1/key', 'IMG.0115', 'uniqueKeys'],
  ['21 image_tags', { ...SYS, image_tags: tags(21).map((t, i) => ({ key: `k${i}`, value: t })) }, '/image_tags', 'IMG.0116', 'maxItems'],
  ['strict: image_tag value with space', { ...SYS, image_tags: [{ key: 'a', value: 'x y' }] }, '/image_tags/0/value', 'IMG.0115', 'pattern', 'strict'],
  ['tags and image_tags', { ...SYS, tags: ['a.b'], image_tags: [{ key: 'c', value: 'd' }] }, '/image_tags', 'IMG.0115', 'exclusive'],
  ['data tags and image_tags', { ...DATA, tags: [], image_tags: [] }, '/image_tags', 'IMG.0115', 'exclusive'],
  // enterprise_project_id
  ['enterprise project "default"', { ...SYS, enterprise_project_id: 'default' }, '/enterprise_project_id', 'IMG.0155', 'pattern'],
  ['enterprise project uuid without dashes', { ...DATA, enterprise_project_id: '9f8b1ad267a34c5b9a4127b96f6f1d43' }, '/enterprise_project_id', 'IMG.0155', 'pattern'],
  ['enterprise project number', { ...SYS, enterprise_project_id: 0 }, '/enterprise_project_id', 'IMG.0155', 'type'],
  // architecture / firmware
  ['architecture x64', { ...SYS, architecture: 'x64' }, '/architecture', 'IMG.0212', 'enum'],
  ['architecture ARM (case)', { ...SYS, architecture: 'ARM' }, '/architecture', 'IMG.0212', 'enum'],
  ['hw_firmware_type efi', { ...SYS, hw_firmware_type: 'efi' }, '/hw_firmware_type', 'IMG.0141', 'enum'],
  ['arm with bios', { ...SYS, architecture: 'arm', hw_firmware_type: 'bios' }, '/hw_firmware_type', 'IMG.0141', 'armNeedsUefi', 'strict'],
  ['architecture on data disk', { ...DATA, architecture: 'arm' }, '/architecture', 'IMG.0001', 'additionalProperties', 'strict'],
  // os_type
  ['data os_type Mac', { ...DATA, os_type: 'Mac' }, '/os_type', 'IMG.0122', 'enum'],
  ['data os_type linux (case)', { ...DATA, os_type: 'linux' }, '/os_type', 'IMG.0122', 'enum'],
  ['os_type on system disk', { ...SYS, os_type: 'Linux' }, '/os_type', 'IMG.0001', 'additionalProperties', 'strict'],
  // unknown and hostile keys
  ['unknown field', { ...SYS, imageSize: 10 }, '/imageSize', 'IMG.0001', 'additionalProperties', 'strict'],
  ['field with slash in name', { ...SYS, 'a/b': 1 }, '/a~1b', 'IMG.0001', 'additionalProperties', 'strict'],
  ['__proto__ key', JSON.parse(`{"__proto__":{"polluted":true},${JSON.stringify(SYS).slice(1)}`), '/__proto__', 'IMG.0001', 'additionalProperties', 'strict'],
  ['constructor key', { ...DATA, constructor: { prototype: {} } }, '/constructor', 'IMG.0001', 'additionalProperties', 'strict'],
];

describe('invalid bodies', () => {
  test('the table has at least 60 rows and covers every code the validator can emit', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(ROWS.map((r) => r[3]))).toEqual(new Set(EMITTED_CODES));
  });

  test.each(ROWS)('%s', (_what, body, path, code, rule, profile) => {
    const result = validateQuickImportRequest(body, { profile: profile ?? 'default' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toContainEqual(expect.objectContaining({ path, code, rule }));
    for (const issue of result.issues) expect(issue.message).toContain(`rule ${issue.rule}, ${issue.code}`);
    const zh = validateQuickImportRequest(body, { profile: profile ?? 'default', locale: 'zh-CN' });
    if (!zh.ok) {
      expect(zh.issues.map((i) => [i.path, i.code, i.rule])).toEqual(result.issues.map((i) => [i.path, i.code, i.rule]));
      for (const issue of zh.issues) {
        expect(issue.message).toContain(`规则 ${issue.rule}，${issue.code}`);
        expect(issue.message).toMatch(/[\u4e00-\u9fff]/);
      }
    }
    // strict-only rows pass under the default profile: the strict rules are additions, not changes
    if (profile === 'strict') expect(validateQuickImportRequest(body).ok).toBe(true);
  });
});
