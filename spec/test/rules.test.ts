// One valid and one invalid body for every rule the request schema states.
import { describe, expect, it } from 'vitest';
import { isValid, isValidWithWarnings, type JsonObject } from './bundle.js';

const system: JsonObject = { name: 'img', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'bucket:a.zvhd2', min_disk: 40 };
const data: JsonObject = { name: 'img', image_url: 'bucket:a.raw', min_disk: 40, type: 'DataImage' };
const accepts = (body: JsonObject) => isValid('QuickImportImageRequest', body);

// [rule, valid changes, invalid changes]; each change is merged into the base body (undefined deletes).
type Case = [string, JsonObject, JsonObject, JsonObject?];
const cases: Case[] = [
  ['name is required', { name: 'a' }, { name: undefined as never }],
  ['name is at most 128 characters', { name: 'n'.repeat(128) }, { name: 'n'.repeat(129) }],
  ['name is not empty', { name: 'x' }, { name: '' }],
  ['name has no leading space', { name: 'a b' }, { name: ' ab' }],
  ['name has no trailing space', { name: 'a.b_c-d' }, { name: 'ab ' }],
  ['name uses letters, digits, -._ and space', { name: 'Ubuntu 22.04_x-1' }, { name: 'a/b' }],
  ['description is at most 1024 characters', { description: 'd'.repeat(1024) }, { description: 'd'.repeat(1025) }],
  ['description has no carriage return', { description: '中文描述 ok' }, { description: 'a\rb' }],
  ['description has no line feed', { description: null }, { description: 'a\nb' }],
  ['description has no < or >', { description: 'a & b' }, { description: '<b>' }],
  ['min_disk is an integer', { min_disk: 1024 }, { min_disk: 10.5 }],
  ['min_disk is at least 1', { min_disk: 1 }, { min_disk: 0 }],
  ['min_disk is at most 1024', { min_disk: 512 }, { min_disk: 1025 }],
  ['min_disk is a number', { min_disk: 40 }, { min_disk: '40' }],
  ['image_url is bucket:object', { image_url: 'b-1.x:dir/a.raw' }, { image_url: 'bucket/a.raw' }],
  ['image_url bucket is lower case', { image_url: 'bucket9:a.raw' }, { image_url: 'Bucket:a.raw' }],
  ['image_url bucket is 3+ characters', { image_url: 'abc:a.raw' }, { image_url: 'ab:a.raw' }],
  ['image_url bucket is at most 63 characters', { image_url: `${'b'.repeat(63)}:a.raw` }, { image_url: `${'b'.repeat(64)}:a.raw` }],
  ['image_url bucket is not an IP address', { image_url: '192.168.1.1x:a.raw' }, { image_url: '192.168.1.1:a.raw' }],
  ['image_url bucket has no ..', { image_url: 'a.b.c:x.raw' }, { image_url: 'a..b:x.raw' }],
  ['image_url bucket has no .- or -.', { image_url: 'a-b.c:x.raw' }, { image_url: 'a-.b:x.raw' }],
  ['image_url object has no spaces', { image_url: 'bucket:dir/x.raw' }, { image_url: 'bucket:dir x/a.raw' }],
  ['image_url object does not start with /', { image_url: 'bucket:x/a.raw' }, { image_url: 'bucket:/a.raw' }],
  ['tags items are key.value', { tags: ['a', 'a.', 'k.v.w', '键.值', 'k:1.v/2'] }, { tags: ['a b .v'] }],
  ['tags items have no leading space', { tags: ['a b.c d'] }, { tags: [' a.b'] }],
  ['tags take at most 20', { tags: Array.from({ length: 20 }, (_, i) => `k${i}.v`) }, { tags: Array.from({ length: 21 }, (_, i) => `k${i}.v`) }],
  ['image_tags items are {key, value}', { image_tags: [{ key: 'k', value: '' }] }, { image_tags: [{ key: 'k' }] }],
  ['image_tags key is at most 128 characters', { image_tags: [{ key: 'k'.repeat(128), value: 'v' }] }, { image_tags: [{ key: 'k'.repeat(129), value: 'v' }] }],
  ['image_tags value is at most 255 characters', { image_tags: [{ key: 'k', value: 'v'.repeat(255) }] }, { image_tags: [{ key: 'k', value: 'v'.repeat(256) }] }],
  ['tags and image_tags are exclusive', { tags: ['a.b'], image_tags: null }, { tags: ['a.b'], image_tags: [{ key: 'k', value: 'v' }] }],
  ['system type is ECS or BMS', { type: 'BMS' }, { type: 'VM' }],
  ['system type may be absent or null', { type: null }, { type: 'ecs' }],
  ['system needs os_version', { os_version: 'CentOS 7.9 64bit' }, { os_version: undefined as never }],
  ['os_version has no leading space', { os_version: 'CentOS 7.0 64bit' }, { os_version: ' CentOS 7.0 64bit' }],
  ['architecture is x86 or arm', { architecture: 'arm' }, { architecture: 'aarch64' }],
  ['hw_firmware_type is bios or uefi', { hw_firmware_type: 'uefi' }, { hw_firmware_type: 'efi' }],
  ['license_type is platform or byol', { os_version: 'Windows Server 2019 Standard 64bit', license_type: 'platform' }, { os_version: 'Windows Server 2019 Standard 64bit', license_type: 'free' }],
  ['enterprise_project_id is 0 or a UUID', { enterprise_project_id: '9f8b1ad2-67a3-4c5b-9a41-27b96f6f1d43' }, { enterprise_project_id: 'default' }],
];
const dataCases: Case[] = [
  ['data type is DataImage', { type: 'DataImage' }, { type: 'Data' }],
  ['os_type is Linux or Windows', { os_type: 'Windows' }, { os_type: 'linux' }],
  ['os_type may be null', { os_type: null }, { os_type: 'Unix' }],
  ['data needs image_url', { image_url: 'bkt:x.raw' }, { image_url: undefined as never }],
  ['data needs min_disk', { min_disk: 2 }, { min_disk: undefined as never }],
];

// Rules no official source states (`x-warnings`): JSON Schema tools accept the body (the default
// profile's verdict), and only with the warnings enforced (the strict profile) is it rejected.
const warningCases: Case[] = [
  ['image_tags items have no other fields (warning)', { image_tags: [{ key: 'k', value: 'v' }] }, { image_tags: [{ key: 'k', value: 'v', x: 1 }] }],
  ['image_url object is .zvhd2 or .raw', { image_url: 'bucket:a.zvhd2' }, { image_url: 'bucket:a.qcow2' }],
  ['system warns on os_type', { architecture: 'x86' }, { os_type: 'Linux' }],
  ['system warns on unknown fields', { enterprise_project_id: '0' }, { cmk_id: 'x' }],
  ['arm boots with uefi', { architecture: 'arm', hw_firmware_type: 'uefi' }, { architecture: 'arm', hw_firmware_type: 'bios' }],
  ['license_type only on Windows (warning)', { license_type: null }, { license_type: 'byol' }],
];
const dataWarningCases: Case[] = [
  ['data os_version is only empty (Go SDK) or null', { os_version: '' }, { os_version: 'CentOS 7.9 64bit' }],
  ['data warns on architecture', { enterprise_project_id: null }, { architecture: 'x86' }],
  ['data warns on license_type', { tags: null }, { license_type: 'byol' }],
];

const apply = (base: JsonObject, changes: JsonObject) => {
  const body: JsonObject = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete body[key];
    else body[key] = value;
  }
  return body;
};

describe.each([
  ['system disk', system, cases],
  ['data disk', data, dataCases],
] as const)('%s', (_label, base, table) => {
  it('base body is valid', () => expect(accepts(base)).toBe(true));
  it.each(table)('%s', (_rule, valid, invalid) => {
    expect(accepts(apply(base, valid)), `valid: ${JSON.stringify(valid)}`).toBe(true);
    expect(accepts(apply(base, invalid)), `invalid: ${JSON.stringify(invalid)}`).toBe(false);
  });
});

describe.each([
  ['system disk', system, warningCases],
  ['data disk', data, dataWarningCases],
] as const)('%s, warning rules', (_label, base, table) => {
  it.each(table)('%s', (_rule, valid, invalid) => {
    expect(isValidWithWarnings('QuickImportImageRequest', apply(base, valid)), `valid: ${JSON.stringify(valid)}`).toBe(true);
    expect(accepts(apply(base, invalid)), `accepted without warnings: ${JSON.stringify(invalid)}`).toBe(true);
    expect(isValidWithWarnings('QuickImportImageRequest', apply(base, invalid)), `rejected with warnings: ${JSON.stringify(invalid)}`).toBe(false);
  });
});

it('a body without type and with os_type is neither variant', () => {
  expect(accepts({ name: 'img', image_url: 'bucket:a.raw', min_disk: 40, os_type: 'Linux' })).toBe(false);
});

it('non-object bodies are rejected', () => {
  for (const body of [null, [], 'x', 1, true]) expect(isValid('QuickImportImageRequest', body)).toBe(false);
});
