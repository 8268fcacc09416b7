import type { StandardSchemaV1 } from '@standard-schema/spec';
import { describe, expectTypeOf, test } from 'vitest';
import {
  createQuickImportRequestSchema,
  quickImportRequestSchema,
  assertQuickImportRequest,
  isDataDiskImageRequest,
  isSystemDiskImageRequest,
  validateQuickImportRequest,
  type DataDiskImageRequest,
  type QuickImportImageRequest,
  type SystemDiskImageRequest,
  type ValidationIssue,
} from '../dist/index.js';

describe('public types', () => {
  test('system type is optional and nullable; data type is the literal', () => {
    expectTypeOf<SystemDiskImageRequest['type']>().toEqualTypeOf<'ECS' | 'BMS' | null | undefined>();
    expectTypeOf<DataDiskImageRequest['type']>().toEqualTypeOf<'DataImage'>();
    const typeless: QuickImportImageRequest = { name: 'a', os_version: 'b', image_url: 'c:d.raw', min_disk: 1 };
    expectTypeOf(typeless).toMatchTypeOf<QuickImportImageRequest>();
    // @ts-expect-error -- a data disk must say DataImage
    const noTag: DataDiskImageRequest = { name: 'a', image_url: 'c:d.raw', min_disk: 1 };
    void noTag;
    // @ts-expect-error -- VM is no image type
    const vm: QuickImportImageRequest = { name: 'a', os_version: 'b', image_url: 'c:d.raw', min_disk: 1, type: 'VM' };
    void vm;
  });

  test('results narrow on ok, guards and assert narrow the body', () => {
    const r = validateQuickImportRequest({} as unknown);
    if (r.ok) expectTypeOf(r.value).toEqualTypeOf<QuickImportImageRequest>();
    else expectTypeOf(r.issues).toEqualTypeOf<ValidationIssue[]>();
    const body: unknown = null;
    if (isSystemDiskImageRequest(body)) expectTypeOf(body).toEqualTypeOf<SystemDiskImageRequest>();
    if (isDataDiskImageRequest(body)) expectTypeOf(body).toEqualTypeOf<DataDiskImageRequest>();
    const b2: unknown = null;
    assertQuickImportRequest(b2);
    expectTypeOf(b2).toEqualTypeOf<QuickImportImageRequest>();
    // @ts-expect-error -- only en and zh-CN
    validateQuickImportRequest({}, { locale: 'fr' });
  });

  test('union narrows on type === "DataImage"', () => {
    const q = {} as QuickImportImageRequest;
    if (q.type === 'DataImage') expectTypeOf(q).toEqualTypeOf<DataDiskImageRequest>();
    else expectTypeOf(q).toEqualTypeOf<SystemDiskImageRequest>();
  });
});

describe('Standard Schema types (checked against @standard-schema/spec itself)', () => {
  test('quickImportRequestSchema is a StandardSchemaV1 from unknown to QuickImportImageRequest', () => {
    expectTypeOf(quickImportRequestSchema).toMatchTypeOf<StandardSchemaV1>();
    expectTypeOf(createQuickImportRequestSchema({ profile: 'strict' })).toMatchTypeOf<StandardSchemaV1<unknown, QuickImportImageRequest>>();
    expectTypeOf<StandardSchemaV1.InferInput<typeof quickImportRequestSchema>>().toEqualTypeOf<unknown>();
    expectTypeOf<StandardSchemaV1.InferOutput<typeof quickImportRequestSchema>>().toEqualTypeOf<QuickImportImageRequest>();
    // @ts-expect-error -- the output is the request type, not any
    const wrong: StandardSchemaV1.InferOutput<typeof quickImportRequestSchema> = 5;
    void wrong;
  });

  test('results carry warnings always, on both branches', () => {
    const r = validateQuickImportRequest({} as unknown);
    expectTypeOf(r.warnings).toEqualTypeOf<ValidationIssue[]>();
    // @ts-expect-error -- no profile "lenient"
    validateQuickImportRequest({}, { profile: 'lenient' });
  });
});
