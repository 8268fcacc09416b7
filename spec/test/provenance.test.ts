// Every constraint and every error code in the spec names its source (`x-source`): the SDK file, page id
// or OTC document that states it. A rule no official source states is an `x-warnings` entry whose
// x-source starts with "none — "; only such rules may say so.
import { describe, expect, it } from 'vitest';
import { bundle, type Json, type JsonObject } from './bundle.js';

/** Keywords that reject a value. `type` alone is not counted: it restates the SDK models' field types. */
const CONSTRAINTS = new Set(['required', 'enum', 'const', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems',
  'not', 'dependentSchemas', 'additionalProperties', 'x-unique-keys', 'x-strict', 'x-os-minimum']);

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSource = (v: Json | undefined) =>
  (typeof v === 'string' && v.length > 0) || (Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string' && s.length > 0));

/** Does this schema (or an inline subschema of it, not a $ref target) state a constraint? */
function constrains(node: Json): boolean {
  if (Array.isArray(node)) return node.some(constrains);
  if (!isObject(node)) return false;
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith('x-') && !CONSTRAINTS.has(key)) continue;
    if (key === 'examples' || key === 'enum' || key === 'const' || key === 'default') {
      if (CONSTRAINTS.has(key)) return true;
      continue;
    }
    if (CONSTRAINTS.has(key) && !(key === 'additionalProperties' && value === true)) return true;
    if (constrains(value)) return true;
  }
  return false;
}

/** Every place that lacks a source, for the document `doc` (a parameter so the test can break a copy). */
export function unsourced(doc: JsonObject): string[] {
  const missing: string[] = [];
  const components = doc.components as Record<string, Record<string, JsonObject>>;
  for (const [kind, entries] of Object.entries({ schemas: components.schemas!, parameters: components.parameters!, headers: components.headers! })) {
    for (const [name, node] of Object.entries(entries)) {
      const { 'x-warnings': warnings, 'x-error-catalog': catalog, ...rest } = node;
      // A parameter's `required: false` states nothing; its schema does.
      const { required, ...others } = rest;
      const subject = kind === 'schemas' || required === true ? rest : others;
      const states = kind === 'headers' ? node.required === true || constrains(node.schema as Json) : constrains(subject as Json);
      if (states && !isSource(node['x-source'])) missing.push(`${kind}/${name}`);
      if (typeof node['x-source'] === 'string' || (Array.isArray(node['x-source']) && String(node['x-source'][0]).startsWith('none'))) {
        missing.push(`${kind}/${name}: only a warning may say it has no source`);
      }
      for (const [i, w] of (Array.isArray(warnings) ? warnings : []).entries()) {
        if (!isObject(w) || typeof w['x-source'] !== 'string' || !w['x-source'].startsWith('none — ')) missing.push(`${kind}/${name}/x-warnings/${i}`);
      }
      for (const [code, entry] of Object.entries(isObject(catalog) ? catalog : {})) {
        const source = isObject(entry) ? entry['x-source'] : undefined;
        if (!isSource(source) && !(isObject(source) && Object.values(source).every((s) => typeof s === 'string' && s.length > 0))) missing.push(`${code}`);
      }
    }
  }
  return missing;
}

describe('provenance', () => {
  it('every constraint, warning rule and error code has an x-source', () => {
    expect(unsourced(bundle as unknown as JsonObject)).toEqual([]);
  });

  it('the check finds a constraint, a warning and a code without one', () => {
    const copy = JSON.parse(JSON.stringify(bundle)) as { components: Record<string, Record<string, JsonObject>> };
    const schemas = copy.components.schemas!;
    delete schemas.ImageName!['x-source'];
    delete ((schemas.ImageUrl!['x-warnings'] as JsonObject[])[0]!)['x-source'];
    delete ((schemas.ImgErrorCode!['x-error-catalog'] as Record<string, JsonObject>)['IMG.0155']!)['x-source'];
    delete copy.components.parameters!.OsVersionTag!['x-source'];
    expect(unsourced(copy as unknown as JsonObject).sort()).toEqual(['IMG.0155', 'parameters/OsVersionTag', 'schemas/ImageName', 'schemas/ImageUrl/x-warnings/0']);
  });

  it('IMG codes name the error table; their Chinese says where it came from', () => {
    const catalog = bundle.components.schemas!.ImgErrorCode!['x-error-catalog'] as unknown as Record<string, { 'x-source': Record<string, string> }>;
    for (const [code, entry] of Object.entries(catalog)) {
      expect(entry['x-source'].message, code).toMatch(/^OTC api-ref\/source\/error_codes\.rst/);
      expect(entry['x-source'].zh, code).toMatch(/^(HW-CN api page ims_03_0908|ours — )/);
    }
  });
});
