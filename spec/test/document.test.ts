// The bundle as a whole: an independent OpenAPI 3.1 validator, the operations, the discriminator,
// and the house rules that do not depend on Redocly.
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { bundle, bundlePath, deref, refName, schemas, type Json, type JsonObject } from './bundle.js';

it('passes an independent OpenAPI 3.1 document validator', async () => {
  const validator = new Validator();
  const result = await validator.validate(bundlePath);
  expect(result.errors ?? []).toEqual([]);
  expect(result.valid).toBe(true);
  expect(validator.version).toBe('3.1');
});

it('has exactly the operations of the API, with the SDKs\' operationIds', () => {
  const operations = Object.entries(bundle.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => `${op.operationId} ${method.toUpperCase()} ${path}${op.deprecated ? ' (deprecated)' : ''}`),
  );
  expect(operations.sort()).toEqual([
    'importImageQuick POST /v2/cloudimages/quickimport/action',
    'importImageQuickInSafeMode POST /v2.1/cloudimages/quickimport/action',
    'keystoneListProjects GET /v3/projects',
    'listOsVersions GET /v1/cloudimages/os_version',
    'showJob GET /v1/{project_id}/jobs/{job_id} (deprecated)',
    'showJobProgress GET /v1/cloudimages/job/{job_id}',
  ]);
});

it('the IAM call the client makes has its own server, tag and AK/SK-only security', () => {
  const op = bundle.paths['/v3/projects']!.get!;
  expect(op.servers).toEqual([expect.objectContaining({ url: 'https://iam.myhuaweicloud.com' })]);
  expect(op.tags).toEqual(['IAM (used by the client)']);
  expect(op.security).toEqual([{ akskAuth: [] }]);
  expect((bundle.tags as unknown as { name: string }[]).map((t) => t.name)).toContain('IAM (used by the client)');
  expect(((op.parameters as JsonObject[]).map((p) => deref(p).name))).toEqual(['name']);
  const project = schemas.KeystoneProject!.properties as JsonObject;
  expect(Object.keys(project).sort()).toEqual(['description', 'domain_id', 'enabled', 'id', 'is_domain', 'links', 'name', 'parent_id']);
});

it('both quick-import paths share one request body and one answer', () => {
  const [v2, v21] = ['/v2/cloudimages/quickimport/action', '/v2.1/cloudimages/quickimport/action'].map((p) => bundle.paths[p]!.post!);
  expect(v2!.requestBody).toEqual(v21!.requestBody);
  expect((v2!.responses as JsonObject)['200']).toEqual((v21!.responses as JsonObject)['200']);
});

describe('discriminator', () => {
  const request = schemas.QuickImportImageRequest!;
  const discriminator = request.discriminator as { propertyName: string; mapping: Record<string, string>; 'x-defaultMapping': string };
  const branches = (request.oneOf as JsonObject[]).map(refName);

  it('is on type, over two flat variants', () => {
    expect(discriminator.propertyName).toBe('type');
    expect(branches).toEqual(['SystemDiskImageRequest', 'DataDiskImageRequest']);
    for (const name of branches) {
      expect(schemas[name]).not.toHaveProperty('allOf');
      // Extra fields are a warning rule (x-warnings), not a JSON Schema constraint tools enforce.
      expect(schemas[name]).not.toHaveProperty('additionalProperties');
      expect(schemas[name]!['x-warnings']).toContainEqual(expect.objectContaining({ additionalProperties: false }));
    }
  });

  it('mapping keys equal the non-null values of each branch\'s type enum', () => {
    for (const name of branches) {
      const typeSchema = deref(((schemas[name]!.properties as JsonObject).type as JsonObject));
      const values = (typeSchema.enum as Json[]).filter((v) => v !== null).sort();
      const keys = Object.entries(discriminator.mapping).filter(([, target]) => refName({ $ref: target }) === name).map(([k]) => k).sort();
      expect(keys, name).toEqual(values);
    }
  });

  it('a missing type maps to the system variant, where type is optional', () => {
    expect(discriminator['x-defaultMapping']).toBe('SystemDiskImageRequest');
    expect(schemas.SystemDiskImageRequest!.required).not.toContain('type');
    expect(schemas.DataDiskImageRequest!.required).toContain('type');
  });
});

it('every schema property has a description (directly or on the schema it references)', () => {
  const missing: string[] = [];
  const visit = (node: Json, at: string): void => {
    if (Array.isArray(node)) return node.forEach((child, i) => visit(child, `${at}/${i}`));
    if (!node || typeof node !== 'object') return;
    for (const [name, property] of Object.entries((node.properties ?? {}) as Record<string, JsonObject>)) {
      if (!deref(property).description) missing.push(`${at}/properties/${name}`);
    }
    for (const [key, child] of Object.entries(node)) if (!key.startsWith('x-') && key !== 'examples') visit(child, `${at}/${key}`);
  };
  visit(bundle.components as unknown as Json, '#/components');
  expect(missing).toEqual([]);
});

it('all 13 request fields of the real API are modelled', () => {
  const fields = new Set(
    ['SystemDiskImageRequest', 'DataDiskImageRequest'].flatMap((name) => Object.keys(schemas[name]!.properties as JsonObject)),
  );
  expect([...fields].sort()).toEqual(
    ['architecture', 'description', 'enterprise_project_id', 'hw_firmware_type', 'image_tags', 'image_url', 'license_type',
      'min_disk', 'name', 'os_type', 'os_version', 'tags', 'type'].sort(),
  );
});

it('every IMG code a field names is in the catalog, and the catalog codes are well formed', () => {
  const catalog = (schemas.ImgErrorCode as JsonObject)['x-error-catalog'] as Record<string, JsonObject>;
  for (const code of Object.keys(catalog)) expect(code).toMatch(/^IMG\.\d{4}$/);
  const used = new Set<string>();
  const collect = (node: Json): void => {
    if (Array.isArray(node)) node.forEach(collect);
    else if (node && typeof node === 'object')
      for (const [key, value] of Object.entries(node)) {
        if (key === 'x-img-codes') Object.values(value as JsonObject).forEach((code) => used.add(String(code)));
        else collect(value);
      }
  };
  collect(schemas as unknown as Json);
  expect(used.size).toBeGreaterThan(10);
  for (const code of used) expect(catalog, code).toHaveProperty([code]);
  for (const entry of Object.values(catalog)) expect(entry).toEqual(expect.objectContaining({ message: expect.any(String), zh: expect.any(String), hint: expect.any(String), zhHint: expect.any(String) }));
});

it('declares the JSON Schema dialect, so tools (Prism, Ajv) read the schemas as 2020-12', () => {
  expect(bundle.jsonSchemaDialect).toBe('https://json-schema.org/draft/2020-12/schema');
});

it('every response declares X-Request-Id as a required header (the gateway always sends it)', () => {
  const missing: string[] = [];
  for (const [path, item] of Object.entries(bundle.paths)) {
    for (const [method, op] of Object.entries(item)) {
      for (const [status, ref] of Object.entries(op.responses as Record<string, JsonObject>)) {
        const header = deref(((deref(ref).headers ?? {}) as JsonObject)['X-Request-Id'] as JsonObject ?? {});
        if (header.required !== true) missing.push(`${method} ${path} ${status}`);
      }
    }
  }
  expect(missing).toEqual([]);
});

