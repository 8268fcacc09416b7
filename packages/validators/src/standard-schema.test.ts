import type { StandardSchemaV1 } from '@standard-schema/spec';
import { describe, expect, test } from 'vitest';
import { createQuickImportRequestSchema, quickImportRequestSchema } from './standard-schema.js';

const SYS = { name: 'img', os_version: 'Ubuntu 22.04 server 64bit', image_url: 'my-bucket:a.zvhd2', min_disk: 40 };

/** What a Standard Schema consumer does: call ~standard.validate and await it if it is a promise. */
async function consume(schema: StandardSchemaV1, value: unknown) {
  let result = schema['~standard'].validate(value);
  if (result instanceof Promise) result = await result;
  return result;
}

describe('quickImportRequestSchema (Standard Schema v1)', () => {
  test('declares version 1 and its vendor', () => {
    expect(quickImportRequestSchema['~standard'].version).toBe(1);
    expect(quickImportRequestSchema['~standard'].vendor).toBe('ims-quick-import');
  });

  test('a valid body comes back as the same object, synchronously', () => {
    const result = quickImportRequestSchema['~standard'].validate(SYS);
    expect(result).not.toBeInstanceOf(Promise);
    expect(result).toEqual({ value: SYS });
    expect((result as { value: unknown }).value).toBe(SYS);
  });

  test('issues carry the message and the path as segments (plus code, rule and pointer)', async () => {
    const result = await consume(quickImportRequestSchema, { ...SYS, min_disk: 0, image_tags: [{ key: 'a/b', value: '<' }] });
    expect(result.issues).toContainEqual(expect.objectContaining({ path: ['min_disk'], code: 'IMG.0055', rule: 'minimum', pointer: '/min_disk' }));
    expect(result.issues).toContainEqual(expect.objectContaining({ path: ['image_tags', '0', 'value'], code: 'IMG.0115', pointer: '/image_tags/0/value' }));
    for (const issue of result.issues ?? []) expect(issue.message).toMatch(/\[rule /);
  });

  test('warning rules pass under the default profile and fail under strict, in the chosen locale', async () => {
    const body = { ...SYS, os_type: 'Linux' };
    expect(await consume(quickImportRequestSchema, body)).toEqual({ value: body });
    const strict = createQuickImportRequestSchema({ profile: 'strict', locale: 'zh-CN' });
    const result = await consume(strict, body);
    expect(result.issues?.map((i) => i.path)).toEqual([['os_type']]);
    expect(result.issues?.[0]?.message).toContain('没有官方来源');
  });

  test('the options are fixed when the schema is made', async () => {
    const options: { profile: 'default' | 'strict' } = { profile: 'strict' };
    const schema = createQuickImportRequestSchema(options);
    options.profile = 'default';
    expect((await consume(schema, { ...SYS, extra: 1 })).issues).toHaveLength(1);
  });

  test('non-objects and hostile objects get issues, never an exception', async () => {
    for (const value of [undefined, null, 'x', [], new Proxy({}, { ownKeys: () => { throw new Error('boom'); } })]) {
      expect((await consume(quickImportRequestSchema, value)).issues?.length).toBeGreaterThan(0);
    }
  });
});
