// Reads the bundled spec (the only generator input) and resolves the local `$ref`s and JSON Pointers the
// docs build follows. Nothing here knows the API: every fact comes out of the bundle.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { HTTP_METHODS, type HttpMethod, type OpenApiDocument, type OperationObject } from './openapi-types.js';

/** Absolute path of `@ims-quick-import/spec/openapi.json` (spec/dist/openapi.json in the workspace). */
export function bundlePath(): string {
  return createRequire(import.meta.url).resolve('@ims-quick-import/spec/openapi.json');
}

export function loadBundle(path = bundlePath()): OpenApiDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new Error(`Cannot read the spec bundle at ${path}; run \`pnpm --filter @ims-quick-import/spec bundle\` first`, { cause });
  }
  const doc = JSON.parse(text) as OpenApiDocument;
  if (typeof doc.openapi !== 'string' || !doc.paths || !doc.info?.version) {
    throw new Error(`${path} is not an OpenAPI document (no openapi/info.version/paths)`);
  }
  return doc;
}

/** RFC 6901 JSON Pointer lookup; throws naming the pointer and the segment that is missing. */
export function getPointer(doc: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '#') return doc;
  const raw = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (!raw.startsWith('/')) throw new Error(`JSON Pointer must start with "/" or "#/": ${pointer}`);
  let node: unknown = doc;
  for (const encoded of raw.slice(1).split('/')) {
    const key = decodeURIComponent(encoded).replace(/~1/g, '/').replace(/~0/g, '~');
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, key)) {
      throw new Error(`JSON Pointer ${pointer} does not resolve: no "${key}"`);
    }
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Follows local `$ref`s (chains included) until a non-ref object; throws on a cycle or a remote ref. */
export function deref<T>(doc: unknown, value: T | { $ref: string }): T {
  let current: unknown = value;
  const seen = new Set<string>();
  while (current !== null && typeof current === 'object' && typeof (current as { $ref?: unknown }).$ref === 'string') {
    const ref = (current as { $ref: string }).$ref;
    if (!ref.startsWith('#')) throw new Error(`Only local $refs are expected in the bundle, got ${ref}`);
    if (seen.has(ref)) throw new Error(`$ref cycle at ${ref}`);
    seen.add(ref);
    current = getPointer(doc, ref);
  }
  return current as T;
}

export interface OperationEntry {
  path: string;
  method: HttpMethod;
  operationId: string;
  operation: OperationObject;
}

/** Every operation in document order; an operation without an operationId is an error (samples are named by it). */
export function listOperations(doc: OpenApiDocument): OperationEntry[] {
  const out: OperationEntry[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = (item as Record<string, OperationObject | undefined>)[method];
      if (!operation) continue;
      if (!operation.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      out.push({ path, method, operationId: operation.operationId, operation });
    }
  }
  return out;
}

/** The operation with this operationId; its absence is an error. */
export function findOperation(doc: OpenApiDocument, operationId: string): OperationEntry {
  const entry = listOperations(doc).find((e) => e.operationId === operationId);
  if (!entry) throw new Error(`${operationId} is not in the document`);
  return entry;
}

/** servers[0].url with every variable replaced by its default (the URL a sample calls). */
export function defaultServerUrl(doc: OpenApiDocument): string {
  const server = doc.servers?.[0];
  if (!server) throw new Error('The spec has no servers[0]; samples need a base URL');
  return server.url.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const variable = server.variables?.[name];
    if (!variable) throw new Error(`servers[0] variable {${name}} has no definition`);
    return variable.default;
  });
}

/** The default of a servers[0] variable, e.g. the region. */
export function serverVariableDefault(doc: OpenApiDocument, name: string): string {
  const value = doc.servers?.[0]?.variables?.[name]?.default;
  if (value === undefined) throw new Error(`servers[0] has no variable "${name}"`);
  return value;
}
