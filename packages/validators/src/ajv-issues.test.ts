import { expect, test } from 'vitest';
import { issuesFromAjv } from './ajv-issues.js';
import { BRANCHES } from './generated/spec-data.js';

const system = BRANCHES.SystemDiskImageRequest;

test('required and additionalProperties point at the property', () => {
  const issues = issuesFromAjv(
    [
      { instancePath: '', schemaPath: '#/required', keyword: 'required', params: { missingProperty: 'name' } },
      { instancePath: '/image_tags/0', schemaPath: '#/$defs/ResourceTag/additionalProperties', keyword: 'additionalProperties', params: { additionalProperty: 'a/b' } },
    ],
    system,
    system,
  );
  expect(issues.map(({ path, code, rule }) => ({ path, code, rule }))).toEqual([
    { path: '/name', code: 'IMG.0013', rule: 'required' },
    { path: '/image_tags/0/a~1b', code: 'IMG.0115', rule: 'additionalProperties' },
  ]);
});

test('all errors inside one x-rule subschema become one issue named for the rule', () => {
  const issues = issuesFromAjv(
    [
      { instancePath: '/hw_firmware_type', schemaPath: '#/allOf/1/dependentSchemas/architecture/then/properties/hw_firmware_type/enum', keyword: 'enum', params: {} },
      { instancePath: '', schemaPath: '#/allOf/1/dependentSchemas/architecture/if', keyword: 'if', params: { failingKeyword: 'then' } },
      { instancePath: '', schemaPath: '#/not', keyword: 'not', params: {} },
    ],
    system,
    system,
  );
  expect(issues.map(({ path, code, rule }) => ({ path, code, rule }))).toEqual([
    { path: '/hw_firmware_type', code: 'IMG.0141', rule: 'armNeedsUefi' },
    { path: '/image_tags', code: 'IMG.0115', rule: 'exclusive' },
  ]);
});

test('discriminator complaints are about /type: non-string → type, unknown → enum', () => {
  const tag = issuesFromAjv([{ instancePath: '', schemaPath: '#/discriminator', keyword: 'discriminator', params: { error: 'tag' } }], undefined, system);
  const mapping = issuesFromAjv([{ instancePath: '', schemaPath: '#/discriminator', keyword: 'discriminator', params: { error: 'mapping' } }], undefined, system);
  expect([tag[0]?.rule, tag[0]?.code, tag[0]?.path]).toEqual(['type', 'IMG.0024', '/type']);
  expect([mapping[0]?.rule, mapping[0]?.code]).toEqual(['enum', 'IMG.0024']);
});
