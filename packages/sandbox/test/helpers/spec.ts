// Response checking with Ajv over the bundled spec: every answer the tests see must match the schema the
// spec gives for that operation and status, and carry X-Request-Id.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const require = createRequire(import.meta.url);
export const bundle = JSON.parse(readFileSync(require.resolve('@ims-quick-import/spec/openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
  components: Record<string, Record<string, unknown>>;
};

const addFormats = (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;
const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
ajv.addSchema({ $id: 'https://spec.invalid/openapi.json', components: bundle.components });

function deref<T>(node: unknown): T {
  let n = node as { $ref?: string };
  while (n && typeof n.$ref === 'string') {
    n = n.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce((acc: any, k) => acc?.[k], bundle) as { $ref?: string };
  }
  return n as T;
}

const cache = new Map<string, ValidateFunction>();

function schemaRefFor(operationId: string, status: number): string {
  for (const item of Object.values(bundle.paths)) {
    for (const op of Object.values(item)) {
      if (op.operationId !== operationId) continue;
      const resp = op.responses[String(status)];
      if (!resp) throw new Error(`spec has no ${status} response for ${operationId}`);
      const content = deref<{ content?: Record<string, { schema: { $ref: string } }> }>(resp).content;
      // A response that declares no body (the 503: no source documents one) is held to the generic ErrorBody.
      if (!content) return '#/components/schemas/ErrorBody';
      const media = content['application/json'];
      if (!media) throw new Error(`spec ${operationId} ${status} has no application/json`);
      return media.schema.$ref;
    }
  }
  throw new Error(`no operation ${operationId}`);
}

/**
 * Validates `body` against the spec's schema for (operationId, status). `operationId: null` is for answers
 * no operation owns (unknown path, wrong method): they must be the spec's ErrorBody.
 */
export function responseErrors(operationId: string | null, status: number, body: unknown): string[] {
  const ref = operationId === null ? '#/components/schemas/ErrorBody' : schemaRefFor(operationId, status);
  const key = `https://spec.invalid/openapi.json${ref}`;
  let v = cache.get(key);
  if (!v) {
    v = ajv.compile({ $ref: key });
    cache.set(key, v);
  }
  return v(body) ? [] : (v.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
