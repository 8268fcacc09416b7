// The four example requests of the copy of the Chinese page this project started from (the team's
// shared `seed/quick-import.zh-CN.md`; Huawei's current page does not have these errors), judged by this
// spec: the `/v1/` path and an os_version with a leading space are errors; the qcow2 object name is a
// warning rule (no source says the service checks the name, only the file's format).
import { expect, it } from 'vitest';
import { bundle, isValidWithWarnings, validatorFor } from './bundle.js';

const seedBody = {
  name: 'ims_test_file',
  description: 'OBS文件制作镜像',
  min_disk: 40,
};
const seed = {
  systemWithTags: { ...seedBody, image_url: 'ims-image:centos70.zvhd2', os_version: ' CentOS 7.0 64bit', type: 'ECS', tags: ['aaa.111', 'bbb.333', 'ccc.444'] },
  systemWithImageTags: { ...seedBody, image_url: 'ims-image:centos70.zvhd2', os_version: ' CentOS 7.0 64bit', type: 'ECS', image_tags: [{ key: 'key2', value: 'value2' }, { key: 'key1', value: 'value1' }] },
  dataWithTags: { ...seedBody, image_url: 'ims-image:centos70.qcow2', os_type: 'Linux', type: 'DataImage', tags: ['aaa.111', 'bbb.333', 'ccc.444'] },
  dataWithImageTags: { ...seedBody, image_url: 'ims-image:centos70.qcow2', os_type: 'Linux', type: 'DataImage', image_tags: [{ key: 'key2', value: 'value2' }, { key: 'key1', value: 'value1' }] },
};

const errorsOf = (body: unknown) => {
  const validate = validatorFor('QuickImportImageRequest');
  validate(body);
  return (validate.errors ?? []).map((e: { instancePath: string; keyword: string }) => `${e.instancePath} ${e.keyword}`);
};

it('the seed\'s /v1/cloudimages/quickimport/action path does not exist; /v2 and /v2.1 do', () => {
  expect(Object.keys(bundle.paths)).not.toContain('/v1/cloudimages/quickimport/action');
  expect(Object.keys(bundle.paths)).toEqual(expect.arrayContaining(['/v2/cloudimages/quickimport/action', '/v2.1/cloudimages/quickimport/action']));
});

it.each(['systemWithTags', 'systemWithImageTags'] as const)('%s is rejected only for the leading space in os_version', (key) => {
  expect(errorsOf(seed[key])).toContain('/os_version pattern');
  expect(errorsOf({ ...seed[key], os_version: 'CentOS 7.0 64bit' })).toEqual([]);
});

it.each(['dataWithTags', 'dataWithImageTags'] as const)('%s is accepted, and only its qcow2 object name breaks a warning rule', (key) => {
  expect(errorsOf(seed[key])).toEqual([]);
  expect(isValidWithWarnings('QuickImportImageRequest', seed[key])).toBe(false);
  expect(isValidWithWarnings('QuickImportImageRequest', { ...seed[key], image_url: 'ims-image:centos70.zvhd2' })).toBe(true);
});
