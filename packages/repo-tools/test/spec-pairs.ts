// Spec pairs for the classifier tests: the real bundle, and a copy changed by one small programmatic
// mutation. Mutations find their target by operationId and by walking $refs, so they keep working when the
// spec grows; each throws if it cannot find what it needs, so a test can never pass by mutating nothing.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

type Json = Record<string, any>;

export function loadBundle(): Json {
  const require = createRequire(import.meta.url);
  let file: string;
  try {
    file = require.resolve('@ims-quick-import/spec/openapi.json');
    return JSON.parse(readFileSync(file, 'utf8')) as Json;
  } catch (e) {
    throw new Error(`spec bundle missing: run \`pnpm --filter @ims-quick-import/spec bundle\` first (${(e as Error).message})`);
  }
}

function deref(doc: Json, node: Json): Json {
  let n = node;
  while (n && typeof n.$ref === 'string') {
    n = n.$ref.slice(2).split('/').reduce((o: Json, k: string) => o[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  if (!n) throw new Error('dangling $ref');
  return n;
}

export function operation(doc: Json, operationId: string): { route: string; method: string; op: Json } {
  for (const [route, item] of Object.entries(doc.paths as Json)) {
    for (const [method, op] of Object.entries(item as Json)) {
      if ((op as Json)?.operationId === operationId) return { route, method, op: op as Json };
    }
  }
  throw new Error(`no operation ${operationId} in the bundle`);
}

function jsonSchema(doc: Json, holder: Json): Json {
  const media = deref(doc, holder).content?.['application/json'];
  if (!media) throw new Error('no application/json content');
  return deref(doc, media.schema);
}

/** The object schemas (the components themselves) a request body may be: each oneOf branch, or the body. */
export function requestVariants(doc: Json, operationId: string): Json[] {
  const body = jsonSchema(doc, operation(doc, operationId).op.requestBody);
  const variants = (body.oneOf ?? body.anyOf ?? [body]).map((v: Json) => deref(doc, v));
  if (!variants.every((v: Json) => v.properties)) throw new Error('request variants without properties');
  return variants;
}

export function responseSchema(doc: Json, operationId: string, status = '200'): Json {
  const schema = jsonSchema(doc, operation(doc, operationId).op.responses[status]);
  if (!schema.properties) throw new Error(`response ${status} of ${operationId} has no properties`);
  return schema;
}

/** The resolved schema of property `name` of `schema`. */
export function propertySchema(doc: Json, schema: Json, name: string): Json {
  const p = schema.properties?.[name];
  if (!p) throw new Error(`no property ${name}`);
  return deref(doc, p);
}

export function optionalProperty(schema: Json): string {
  const name = Object.keys(schema.properties).find((k) => !(schema.required ?? []).includes(k));
  if (!name) throw new Error('no optional property');
  return name;
}

/** A property of `schema` whose (resolved) schema is an enum with at least two non-null values. */
export function enumProperty(doc: Json, schema: Json): { name: string; schema: Json } {
  for (const [name, p] of Object.entries(schema.properties as Json)) {
    const s = deref(doc, p as Json);
    if (Array.isArray(s.enum) && s.enum.filter((v: unknown) => v !== null).length >= 2) return { name, schema: s };
  }
  throw new Error('no enum property with two values');
}

export const QUICK_IMPORT = 'importImageQuick';
export const JOB_PROGRESS = 'showJobProgress';
export const OS_VERSIONS = 'listOsVersions';

export type Mutation = (doc: Json) => void;

export function mutated(base: Json, mutation: Mutation): Json {
  const after = structuredClone(base);
  mutation(after);
  return after;
}

/** A new required field in the first request variant: breaking for callers. */
export const addRequiredRequestField: Mutation = (d) => {
  const v = requestVariants(d, QUICK_IMPORT)[0]!;
  v.properties.zone_id = { type: 'string', description: 'A new field.' };
  v.required.push('zone_id');
};

/** A new optional field in the first request variant: not breaking. */
export const addOptionalRequestField: Mutation = (d) => {
  requestVariants(d, QUICK_IMPORT)[0]!.properties.zone_id = { type: 'string', description: 'A new field.' };
};

/**
 * The real bundle cut down to the quick-import operation: the gate tests bundle and diff it many times,
 * and one operation with the whole request and response schema is all they need.
 */
export function quickImportOnly(doc: Json): Json {
  const { route, method, op } = operation(doc, QUICK_IMPORT);
  return { ...structuredClone(doc), paths: { [route]: { [method]: structuredClone(op) } } };
}
