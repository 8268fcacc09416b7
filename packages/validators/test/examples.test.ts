import { describe, expect, test } from 'vitest';
import {
  validateImsError,
  validateJob,
  validateJobProgress,
  validateQuickImportRequest,
  validateQuickImportResponse,
  type ValidationResult,
} from '../dist/index.js';
import { bundle, schemas } from './support/bundle.js';

type Check = (body: unknown) => ValidationResult<unknown>;
const BY_SCHEMA: Record<string, Check> = {
  QuickImportImageRequest: validateQuickImportRequest,
  SystemDiskImageRequest: validateQuickImportRequest,
  DataDiskImageRequest: validateQuickImportRequest,
  Job: validateJob,
  JobProgress: validateJobProgress,
  ImsError: validateImsError,
  QuickImportImageResponse: validateQuickImportResponse,
};

const deref = (node: { $ref?: string }, root = bundle) =>
  node.$ref ? node.$ref.slice(2).split('/').reduce((o: any, k: string) => o[k], root) : node; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every named example of every media type whose schema we validate, found by walking the bundle. */
function mediaExamples(): [string, string, unknown][] {
  const out: [string, string, unknown][] = [];
  const visit = (node: unknown, where: string) => {
    if (node === null || typeof node !== 'object') return;
    const n = node as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    if (n['schema'] && (n['examples'] || n['example'] !== undefined)) {
      const ref: string | undefined = n['schema'].$ref;
      const name = ref?.split('/').pop();
      const examples = n['examples'] ? Object.entries(n['examples']).map(([k, v]) => [k, deref(v as object).value]) : [['example', n['example']]];
      for (const [k, value] of examples) {
        // ErrorBody is ImsError | ApigwError: only the IMS-shaped ones have a validator here.
        if (name === 'ErrorBody' && value && typeof value === 'object' && 'error' in value) out.push([`${where} ${k}`, 'ImsError', value]);
        else if (name && BY_SCHEMA[name]) out.push([`${where} ${k}`, name, value]);
      }
    }
    for (const [k, v] of Object.entries(n)) visit(v, `${where}/${k}`);
  };
  visit(bundle.paths, '#/paths');
  visit(bundle.components.requestBodies, '#/components/requestBodies');
  visit(bundle.components.responses, '#/components/responses');
  return out;
}

/** Schema-level `examples` of the validated schemas (e.g. the typeless SystemDiskImageRequest body). */
function schemaExamples(): [string, string, unknown][] {
  const out: [string, string, unknown][] = [];
  for (const name of Object.keys(BY_SCHEMA)) for (const [i, v] of (schemas[name].examples ?? []).entries()) out.push([`${name}[${i}]`, name, v]);
  return out;
}

const ALL = [...mediaExamples(), ...schemaExamples()];

describe('spec examples', () => {
  test('found the request, job and error examples', () => {
    const kinds = new Set(ALL.map(([, s]) => s));
    for (const k of ['QuickImportImageRequest', 'SystemDiskImageRequest', 'Job', 'JobProgress', 'ImsError', 'QuickImportImageResponse']) expect(kinds).toContain(k);
    expect(ALL.filter(([, s]) => s === 'QuickImportImageRequest').length).toBeGreaterThanOrEqual(8);
  });

  test.each(ALL)('%s is accepted (%s)', (_where, name, value) => {
    const result = BY_SCHEMA[name]!(value);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  test.each(ALL.filter(([, s]) => s.endsWith('Request')))('%s also passes the strict profile', (_w, _s, value) => {
    const result = validateQuickImportRequest(value, { profile: 'strict' });
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  // Field examples: each one, put into a minimal body of the variant that has the field, is accepted.
  const SYS = schemas.SystemDiskImageRequest.examples[0];
  const fieldRows: [string, string, unknown][] = [];
  for (const [variant, base] of [['SystemDiskImageRequest', SYS], ['DataDiskImageRequest', { ...SYS, os_version: undefined, type: 'DataImage' }]] as const) {
    for (const [field, prop] of Object.entries(schemas[variant].properties as Record<string, { $ref?: string; examples?: unknown[] }>)) {
      for (const example of deref(prop).examples ?? []) fieldRows.push([variant, field, example]);
    }
  }
  test('there are field examples', () => expect(fieldRows.length).toBeGreaterThan(10));
  test.each(fieldRows)('%s.%s example %j is accepted', (_v, field, example) => {
    const body: Record<string, unknown> = JSON.parse(JSON.stringify(_v === 'SystemDiskImageRequest' ? SYS : { ...SYS, os_version: undefined, type: 'DataImage' }));
    body[field] = example;
    // license_type is Windows-only: give its example a Windows os_version
    if (field === 'license_type') body['os_version'] = 'Windows Server 2019 Standard 64bit';
    const result = validateQuickImportRequest(body);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });
});
