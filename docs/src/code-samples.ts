// Builds the x-codeSamples of every operation — curl and TypeScript with @ims-quick-import/client — from the
// spec's own examples (request body, path/query parameter examples, server variable defaults). Nothing here
// restates an example: change one in spec/ and the samples follow on the next build.
import type { ExampleObject, Json, JsonObject, OpenApiDocument, ParameterObject } from './openapi-types.js';
import { defaultServerUrl, deref, listOperations, serverVariableDefault, type OperationEntry } from './spec-source.js';
import { toTsLiteral } from './ts-literal.js';

export interface NamedExample {
  name: string;
  summary?: string;
  value: Json;
}

export interface SampleInputs {
  entry: OperationEntry;
  baseUrl: string;
  region: string;
  /** path parameter name → value, in path order */
  pathParams: Record<string, string>;
  /** query parameters a sample sends (required ones, and optional ones that carry an explicit example) */
  queryParams: Record<string, string>;
  body?: NamedExample;
}

export interface OperationSamples {
  operationId: string;
  curl: string;
  typescript: string;
}

/** The first named example of the JSON request body (or its single `example`), dereferenced. */
export function requestExample(doc: OpenApiDocument, entry: OperationEntry): NamedExample | undefined {
  if (!entry.operation.requestBody) return undefined;
  const body = deref<JsonObject>(doc, entry.operation.requestBody);
  const media = (body.content as JsonObject | undefined)?.['application/json'] as JsonObject | undefined;
  if (!media) throw new Error(`${entry.operationId}: the request body has no application/json content`);
  const examples = media.examples as Record<string, JsonObject> | undefined;
  const first = examples ? Object.entries(examples)[0] : undefined;
  if (first) {
    const example = deref<ExampleObject>(doc, first[1]);
    if (example.value === undefined) throw new Error(`${entry.operationId}: example ${first[0]} has no value`);
    return { name: first[0], ...(example.summary ? { summary: example.summary } : {}), value: example.value };
  }
  if (media.example !== undefined) return { name: 'example', value: media.example };
  throw new Error(`${entry.operationId}: the request body has no example to build a sample from`);
}

function parameters(doc: OpenApiDocument, entry: OperationEntry): ParameterObject[] {
  const pathItem = doc.paths[entry.path] as { parameters?: unknown[] } | undefined;
  const all = [...(pathItem?.parameters ?? []), ...(entry.operation.parameters ?? [])];
  const byKey = new Map<string, ParameterObject>();
  // Operation-level parameters override path-level ones with the same name and location.
  for (const raw of all) {
    const param = deref<ParameterObject>(doc, raw as ParameterObject);
    byKey.set(`${param.in}:${param.name}`, param);
  }
  return [...byKey.values()];
}

/** An explicit example of a parameter (schema `examples`/`example`, or the parameter's own), if any. */
function explicitExample(param: ParameterObject): string | undefined {
  const schema = param.schema ?? {};
  const own = param as unknown as { example?: Json; examples?: Record<string, { value?: Json }> };
  const candidates: Array<Json | undefined> = [
    Array.isArray(schema.examples) ? schema.examples[0] : undefined,
    schema.example,
    own.example,
    own.examples ? Object.values(own.examples)[0]?.value : undefined,
  ];
  const found = candidates.find((c) => c !== undefined && c !== null);
  return found === undefined ? undefined : String(found);
}

export function sampleInputs(doc: OpenApiDocument, entry: OperationEntry): SampleInputs {
  const pathParams: Record<string, string> = {};
  const queryParams: Record<string, string> = {};
  for (const param of parameters(doc, entry)) {
    const example = explicitExample(param);
    if (param.in === 'path') {
      // A path parameter may fall back to its first enum value; with neither, no sample can be built.
      const enumFirst = Array.isArray(param.schema?.enum) ? param.schema.enum.find((v) => v !== null) : undefined;
      const value = example ?? (enumFirst === undefined ? undefined : String(enumFirst));
      if (value === undefined) throw new Error(`${entry.operationId}: path parameter ${param.name} has no example`);
      pathParams[param.name] = value;
    } else if (param.in === 'query' && (param.required || example !== undefined)) {
      if (example === undefined) throw new Error(`${entry.operationId}: required query parameter ${param.name} has no example`);
      queryParams[param.name] = example;
    }
    // Header parameters (X-Project-Id) belong to the auth, which the client adds; curl shows token auth.
  }
  const body = requestExample(doc, entry);
  return {
    entry,
    // An operation with its own `servers` (the IAM call) is sent there, not to the IMS endpoint.
    baseUrl: operationServerUrl(entry) ?? defaultServerUrl(doc),
    region: serverVariableDefault(doc, 'region'),
    pathParams,
    queryParams,
    ...(body ? { body } : {}),
  };
}

function operationServerUrl(entry: OperationEntry): string | undefined {
  const servers = entry.operation.servers as Array<{ url: string }> | undefined;
  return servers?.[0]?.url;
}

function exampleNote(inputs: SampleInputs): string {
  const { body } = inputs;
  if (!body) return '';
  return `Request body: the spec's example "${body.name}"${body.summary ? ` (${body.summary})` : ''}.`;
}

function concretePath(inputs: SampleInputs): string {
  const path = inputs.entry.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = inputs.pathParams[name];
    if (value === undefined) throw new Error(`${inputs.entry.operationId}: no value for {${name}}`);
    return encodeURIComponent(value);
  });
  const query = new URLSearchParams(inputs.queryParams).toString();
  return query ? `${path}?${query}` : path;
}

const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

export function curlSample(inputs: SampleInputs): string {
  const lines: string[] = [];
  const note = exampleNote(inputs);
  if (note) lines.push(`# ${note}`);
  lines.push('# Token auth: export IMS_TOKEN=<IAM token scoped to the project>. AK/SK needs a signature (see Authentication).');
  const url = `${inputs.baseUrl}${concretePath(inputs)}`;
  const parts = [`curl -sS -X ${inputs.entry.method.toUpperCase()} ${shellQuote(url)}`, `-H "X-Auth-Token: $IMS_TOKEN"`];
  if (inputs.body) {
    parts.push(`-H 'Content-Type: application/json'`, '--data-binary @- <<\'JSON\'');
    lines.push(parts.join(' \\\n  '));
    lines.push(JSON.stringify(inputs.body.value, null, 2), 'JSON');
  } else {
    lines.push(parts.join(' \\\n  '));
  }
  return `${lines.join('\n')}\n`;
}

const PRELUDE = (region: string): string[] => [
  `import { createImsClient, tokenAuth } from '@ims-quick-import/client';`,
  '',
  'const token = process.env.IMS_TOKEN;',
  `if (!token) throw new Error('Set IMS_TOKEN to an IAM token scoped to your project');`,
  `const client = createImsClient({ region: ${toTsLiteral(region)}, auth: tokenAuth(token) });`,
  '',
];

type HelperSample = (inputs: SampleInputs) => string[];

const bodyLiteral = (inputs: SampleInputs): string => {
  if (!inputs.body) throw new Error(`${inputs.entry.operationId}: a quick-import sample needs a body example`);
  return toTsLiteral(inputs.body.value);
};

const quickImportLines = (inputs: SampleInputs, safeMode: boolean): string[] => [
  `const { jobId } = await client.quickImport(${bodyLiteral(inputs)}${safeMode ? ', { safeMode: true }' : ''});`,
  '',
  '// The import runs as a job; wait for it, reporting progress.',
  'const job = await client.waitForJob(jobId, {',
  `  onProgress: ({ status, percent }) => console.log(status, percent ?? ''),`,
  '});',
  `console.log('image id:', job.entities?.image_id);`,
];

function requiredParam(inputs: SampleInputs, name: string): string {
  const value = inputs.pathParams[name];
  if (value === undefined) throw new Error(`${inputs.entry.operationId}: the spec no longer has path parameter ${name}`);
  return value;
}

/** Operations the client has a helper for; every other operation gets the generic openapi-fetch call. */
const HELPERS: Record<string, HelperSample> = {
  importImageQuick: (inputs) => quickImportLines(inputs, false),
  importImageQuickInSafeMode: (inputs) => quickImportLines(inputs, true),
  // An IAM call the client makes by itself (project id discovery), never by hand through the IMS client.
  keystoneListProjects: () => [
    '// KeystoneListProjects is an IAM call: with AK/SK credentials that carry no project id, the client',
    '// makes it by itself, once, and caches the id of the project named after the region.',
  ],
  showJobProgress: (inputs) => [
    `const job = await client.getJob(${toTsLiteral(requiredParam(inputs, 'job_id'))});`,
    `console.log(job.status, job.entities?.process_percent);`,
  ],
};

function genericCall(inputs: SampleInputs): string[] {
  const method = inputs.entry.method.toUpperCase();
  const init: Record<string, Json> = {};
  const params: Record<string, Json> = {};
  if (Object.keys(inputs.pathParams).length) params.path = inputs.pathParams;
  if (Object.keys(inputs.queryParams).length) params.query = inputs.queryParams;
  if (Object.keys(params).length) init.params = params;
  if (inputs.body) init.body = inputs.body.value;
  const args = Object.keys(init).length ? `, ${toTsLiteral(init)}` : '';
  return [
    `const { data, error, response } = await client.${method}(${toTsLiteral(inputs.entry.path)}${args});`,
    'if (error) throw new Error(`HTTP ${response.status}: ${JSON.stringify(error)}`);',
    'console.log(data);',
  ];
}

export function typescriptSample(inputs: SampleInputs): string {
  const lines: string[] = [];
  const note = exampleNote(inputs);
  if (note) lines.push(`// ${note}`);
  lines.push(...PRELUDE(inputs.region));
  const helper = HELPERS[inputs.entry.operationId];
  lines.push(...(helper ? helper(inputs) : genericCall(inputs)));
  return `${lines.join('\n')}\n`;
}

export function buildSamples(doc: OpenApiDocument): OperationSamples[] {
  return listOperations(doc).map((entry) => {
    const inputs = sampleInputs(doc, entry);
    return { operationId: entry.operationId, curl: curlSample(inputs), typescript: typescriptSample(inputs) };
  });
}
