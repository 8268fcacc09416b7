// Test helpers: the bundled document and an Ajv 2020 instance over its schemas.
// The discriminator is registered as an annotation, as OpenAPI 3.1 defines it: validation is by oneOf.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export const bundlePath = fileURLToPath(new URL('../dist/openapi.json', import.meta.url));
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
export const bundle = JSON.parse(readFileSync(bundlePath, 'utf8')) as JsonObject & {
  paths: Record<string, Record<string, JsonObject>>;
  components: Record<string, Record<string, JsonObject>>;
};
export const schemas = bundle.components.schemas!;

/** Every keyword an OpenAPI 3.1 schema may carry that JSON Schema does not validate. */
function annotationKeywords(): string[] {
  const found = new Set(['discriminator', 'example', 'xml', 'externalDocs']);
  const walk = (node: Json): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object')
      for (const [key, value] of Object.entries(node)) {
        if (key.startsWith('x-')) found.add(key);
        walk(value);
      }
  };
  walk(schemas as unknown as Json);
  return [...found];
}

/**
 * The schemas with their `x-warnings` rules enforced: each warning becomes an `allOf` entry (an entry
 * with `additionalProperties: false` gets its schema's property names), as the validators' strict
 * profile reads them. JSON Schema tools ignore `x-warnings`, so their verdict is the default profile's.
 */
export function withWarnings(node: Json): Json {
  if (Array.isArray(node)) return node.map(withWarnings);
  if (!node || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) out[key] = key === 'enum' || key === 'const' ? value : withWarnings(value);
  const warnings = out['x-warnings'] as JsonObject[] | undefined;
  if (warnings) {
    const known = Object.fromEntries(Object.keys((out.properties ?? {}) as JsonObject).map((k) => [k, true]));
    out.allOf = warnings.map((w) => (w.additionalProperties === false ? { ...w, properties: { ...known, ...(w.properties as JsonObject) } } : w));
    delete out['x-warnings'];
  }
  return out;
}

export function createAjv({ warnings = false } = {}): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats.default(ajv);
  ajv.addVocabulary(annotationKeywords());
  const source = warnings ? withWarnings(schemas as unknown as Json) : schemas;
  const defs = JSON.parse(JSON.stringify(source).replaceAll('#/components/schemas/', 'urn:ims:openapi#/$defs/'));
  ajv.addSchema({ $id: 'urn:ims:openapi', $defs: defs });
  return ajv;
}

export const ajv = createAjv();
export const validatorFor = (name: string) => {
  const validate = ajv.getSchema(`urn:ims:openapi#/$defs/${name}`);
  if (!validate) throw new Error(`no schema ${name}`);
  return validate;
};
export const isValid = (name: string, value: unknown) => validatorFor(name)(value) as boolean;
let strictAjv: Ajv2020 | undefined;
/** The verdict with the `x-warnings` rules enforced (what the validators' strict profile checks). */
export const isValidWithWarnings = (name: string, value: unknown) =>
  (strictAjv ??= createAjv({ warnings: true })).getSchema(`urn:ims:openapi#/$defs/${name}`)!(value) as boolean;

/** Resolves a local `#/components/...` reference inside the bundle. */
export function deref<T = JsonObject>(node: JsonObject): T {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node as T;
  const target = ref.slice(2).split('/').reduce<Json>((at, key) => (at as JsonObject)[key]!, bundle as unknown as Json);
  return deref(target as JsonObject);
}

/** The schema name a `#/components/schemas/Name` reference points at. */
export const refName = (node: Json | undefined) => String((node as JsonObject | undefined)?.$ref ?? '').split('/').pop()!;
