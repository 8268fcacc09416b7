// Single-field mutations that turn a valid body invalid, each with the path and IMG code the service
// would answer (research/ims-api.md §4.2). `applies` says for which bodies the mutation is meaningful.
type Body = Record<string, unknown>;
const isData = (b: Body) => b['type'] === 'DataImage';
const isSystem = (b: Body) => !isData(b);

export interface Mutation {
  name: string;
  applies: (b: Body) => boolean;
  mutate: (b: Body) => Body;
  path: string;
  code: string;
  /** A rule no official source states: a warning by default, an error under `strict`. */
  warning?: true;
}

const set = (field: string, value: unknown) => (b: Body) => ({ ...b, [field]: value });
const drop = (field: string) => (b: Body) => {
  const copy = { ...b };
  delete copy[field];
  return copy;
};
const always = () => true;

export const MUTATIONS: Mutation[] = [
  { name: 'name missing', applies: always, mutate: drop('name'), path: '/name', code: 'IMG.0013' },
  { name: 'name null', applies: always, mutate: set('name', null), path: '/name', code: 'IMG.0003' },
  { name: 'name too long', applies: always, mutate: set('name', 'n'.repeat(129)), path: '/name', code: 'IMG.0002' },
  { name: 'name with <', applies: always, mutate: set('name', 'bad<name'), path: '/name', code: 'IMG.0003' },
  { name: 'description with newline', applies: always, mutate: set('description', 'a\nb'), path: '/description', code: 'IMG.0054' },
  { name: 'description too long', applies: always, mutate: set('description', 'd'.repeat(1025)), path: '/description', code: 'IMG.0004' },
  { name: 'image_url missing', applies: always, mutate: drop('image_url'), path: '/image_url', code: 'IMG.0017' },
  { name: 'image_url qcow2', applies: always, mutate: set('image_url', 'my-bucket:disk.qcow2'), path: '/image_url', code: 'IMG.0017', warning: true },
  { name: 'min_disk missing', applies: always, mutate: drop('min_disk'), path: '/min_disk', code: 'IMG.0055' },
  { name: 'min_disk 0', applies: always, mutate: set('min_disk', 0), path: '/min_disk', code: 'IMG.0055' },
  { name: 'min_disk 1025', applies: always, mutate: set('min_disk', 1025), path: '/min_disk', code: 'IMG.0055' },
  { name: 'min_disk fraction', applies: always, mutate: set('min_disk', 40.5), path: '/min_disk', code: 'IMG.0055' },
  { name: 'min_disk string', applies: always, mutate: set('min_disk', '40'), path: '/min_disk', code: 'IMG.0055' },
  { name: 'type unknown', applies: always, mutate: set('type', 'VM'), path: '/type', code: 'IMG.0024' },
  { name: 'type number', applies: always, mutate: set('type', 1), path: '/type', code: 'IMG.0024' },
  { name: 'unknown field', applies: always, mutate: set('image_size', 10), path: '/image_size', code: 'IMG.0001', warning: true },
  { name: 'enterprise project not uuid', applies: always, mutate: set('enterprise_project_id', 'default'), path: '/enterprise_project_id', code: 'IMG.0155' },
  { name: 'tags too many', applies: always, mutate: (b) => ({ ...b, image_tags: null, tags: Array.from({ length: 21 }, (_, i) => `k${i}.v`) }), path: '/tags', code: 'IMG.0116' },
  { name: 'tags duplicate key', applies: always, mutate: (b) => ({ ...b, image_tags: null, tags: ['dup.a', 'dup.b'] }), path: '/tags/1', code: 'IMG.0115' },
  { name: 'tags and image_tags', applies: always, mutate: (b) => ({ ...b, tags: ['a.b'], image_tags: [{ key: 'c', value: 'd' }] }), path: '/image_tags', code: 'IMG.0115' },
  { name: 'image_tags missing value', applies: always, mutate: (b) => ({ ...b, tags: null, image_tags: [{ key: 'c' }] }), path: '/image_tags/0/value', code: 'IMG.0115' },
  { name: 'os_version missing', applies: isSystem, mutate: drop('os_version'), path: '/os_version', code: 'IMG.0056' },
  { name: 'os_version blank', applies: isSystem, mutate: set('os_version', ' '), path: '/os_version', code: 'IMG.0056' },
  { name: 'system with os_type', applies: isSystem, mutate: set('os_type', 'Linux'), path: '/os_type', code: 'IMG.0001', warning: true },
  { name: 'architecture mips', applies: isSystem, mutate: set('architecture', 'mips'), path: '/architecture', code: 'IMG.0212' },
  { name: 'firmware efi', applies: isSystem, mutate: set('hw_firmware_type', 'efi'), path: '/hw_firmware_type', code: 'IMG.0141' },
  { name: 'arm with bios', applies: isSystem, mutate: (b) => ({ ...b, architecture: 'arm', hw_firmware_type: 'bios' }), path: '/hw_firmware_type', code: 'IMG.0141', warning: true },
  { name: 'license on Linux', applies: isSystem, mutate: (b) => ({ ...b, os_version: 'Ubuntu 22.04 server 64bit', license_type: 'byol' }), path: '/license_type', code: 'IMG.0001', warning: true },
  { name: 'license unknown', applies: isSystem, mutate: set('license_type', 'oem'), path: '/license_type', code: 'IMG.0001' },
  { name: 'data with os_version', applies: isData, mutate: set('os_version', 'Ubuntu 22.04 server 64bit'), path: '/os_version', code: 'IMG.0001', warning: true },
  { name: 'data os_type Mac', applies: isData, mutate: set('os_type', 'Mac'), path: '/os_type', code: 'IMG.0122' },
  { name: 'data with architecture', applies: isData, mutate: set('architecture', 'x86'), path: '/architecture', code: 'IMG.0001', warning: true },
  { name: 'data type lower-case', applies: isData, mutate: set('type', 'dataimage'), path: '/type', code: 'IMG.0024' },
];
