import { describe, expect, it } from 'vitest';
import { buildSamples, curlSample, requestExample, sampleInputs, typescriptSample } from './code-samples.js';
import type { OpenApiDocument } from './openapi-types.js';
import { deref, listOperations, loadBundle } from './spec-source.js';

const bundle = loadBundle();
const operations = listOperations(bundle);
const byId = (id: string) => {
  const entry = operations.find((e) => e.operationId === id);
  if (!entry) throw new Error(`no operation ${id} in the bundle`);
  return entry;
};

/** The JSON a curl sample sends: the heredoc between <<'JSON' and the closing JSON line. */
const curlBody = (sample: string): unknown => {
  const match = /<<'JSON'\n([\s\S]*?)\nJSON\n$/.exec(sample);
  return match ? JSON.parse(match[1] ?? '') : undefined;
};

describe('generated code samples', () => {
  const samples = buildSamples(bundle);

  it('exist for every operation, in both languages', () => {
    expect(samples.map((s) => s.operationId)).toEqual(operations.map((e) => e.operationId));
    for (const s of samples) {
      expect(s.curl).toMatch(/^curl -sS -X /m);
      expect(s.typescript).toContain(`from '@ims-quick-import/client'`);
    }
  });

  it('send exactly the first request example of the spec, in curl and in TypeScript', () => {
    for (const entry of operations.filter((e) => e.operation.requestBody)) {
      const example = requestExample(bundle, entry);
      const sample = samples.find((s) => s.operationId === entry.operationId);
      expect(curlBody(sample?.curl ?? '')).toEqual(example?.value);
      const literal = /client\.quickImport\(([\s\S]*?)(?:, \{ safeMode: true \})?\);\n/.exec(sample?.typescript ?? '')?.[1];
      expect(new Function(`return (${literal});`)()).toEqual(example?.value);
      expect(sample?.curl).toContain(`"${example?.name}"`);
    }
  });

  it('put the path parameter examples of the spec into the URL', () => {
    const entry = byId('showJob');
    const params = (entry.operation.parameters ?? []).map((p) => deref<{ name: string; schema: { examples: string[] } }>(bundle, p as never));
    const curl = curlSample(sampleInputs(bundle, entry));
    for (const p of params) expect(curl).toContain(`/${p.schema.examples[0]}`);
    expect(curl).not.toContain('{');
  });

  it('use the client helpers where there is one and the typed generic call elsewhere', () => {
    expect(typescriptSample(sampleInputs(bundle, byId('importImageQuickInSafeMode')))).toContain('{ safeMode: true }');
    expect(typescriptSample(sampleInputs(bundle, byId('showJobProgress')))).toContain('client.getJob(');
    expect(typescriptSample(sampleInputs(bundle, byId('keystoneListProjects')))).not.toContain('client.GET(');
    expect(curlSample(sampleInputs(bundle, byId('keystoneListProjects')))).toContain(`'https://iam.myhuaweicloud.com/v3/projects?name=`);
    expect(typescriptSample(sampleInputs(bundle, byId('listOsVersions')))).toContain(`client.GET('/v1/cloudimages/os_version')`);
  });

  it('follow a changed example: nothing is written down twice', () => {
    const doc = structuredClone(bundle) as OpenApiDocument;
    const examples = (doc.components?.examples ?? {}) as Record<string, { value: Record<string, unknown> }>;
    const first = Object.values(examples)[0];
    if (!first) throw new Error('the bundle has no examples');
    first.value = { ...first.value, name: "o'brien-image" };
    const sample = buildSamples(doc).find((s) => s.operationId === 'importImageQuick');
    expect(sample?.typescript).toContain(`name: 'o\\'brien-image'`);
    expect(curlBody(sample?.curl ?? '')).toMatchObject({ name: "o'brien-image" });
  });

  it('fail clearly when a required path parameter has no example', () => {
    const doc = structuredClone(bundle) as OpenApiDocument;
    const params = (doc.components?.parameters ?? {}) as Record<string, { schema: Record<string, unknown> }>;
    for (const p of Object.values(params)) delete p.schema.examples;
    expect(() => buildSamples(doc)).toThrow(/path parameter \w+ has no example/);
  });
});
