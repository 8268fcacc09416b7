// Every example in the bundle validates against the schema it illustrates, checked by Ajv 2020
// independently of Redocly's own checker.
import { describe, expect, it } from 'vitest';
import { ajv, bundle, deref, isValid, refName, schemas, type Json, type JsonObject } from './bundle.js';

type MediaExample = { where: string; schema: string; value: Json };

function mediaTypeExamples(): MediaExample[] {
  const found: MediaExample[] = [];
  for (const [path, item] of Object.entries(bundle.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const bodies: [string, JsonObject][] = [];
      if (operation.requestBody) bodies.push(['request', deref(operation.requestBody as JsonObject)]);
      for (const [status, response] of Object.entries((operation.responses ?? {}) as JsonObject))
        bodies.push([status, deref(response as JsonObject)]);
      for (const [label, body] of bodies) {
        for (const media of Object.values((body.content ?? {}) as Record<string, JsonObject>)) {
          for (const [name, example] of Object.entries((media.examples ?? {}) as Record<string, JsonObject>)) {
            found.push({
              where: `${method.toUpperCase()} ${path} ${label} ${name}`,
              schema: refName(media.schema),
              value: deref(example).value!,
            });
          }
        }
      }
    }
  }
  return found;
}

describe('media-type examples', () => {
  const examples = mediaTypeExamples();

  it('exist for every operation, request and response', () => {
    expect(examples.length).toBeGreaterThan(60);
    for (const [path, item] of Object.entries(bundle.paths))
      for (const [method, operation] of Object.entries(item)) {
        const mine = examples.filter((e) => e.where.startsWith(`${method.toUpperCase()} ${path} `));
        expect(mine.some((e) => e.where.includes(' 200 ')), `${method} ${path}`).toBe(true);
        if (operation.requestBody) expect(mine.filter((e) => e.where.includes(' request ')).length).toBeGreaterThanOrEqual(8);
      }
  });

  it.each(examples.map((e) => [e.where, e] as const))('%s validates', (_where, example) => {
    expect(isValid(example.schema, example.value)).toBe(true);
  });
});

describe('schema examples', () => {
  const withExamples = Object.entries(schemas).filter(([, schema]) => Array.isArray(schema.examples));

  it.each(withExamples)('%s: every example validates', (name, schema) => {
    for (const value of schema.examples as Json[]) expect(isValid(name, value), JSON.stringify(value)).toBe(true);
  });

  it('inline property examples validate against their property schema', () => {
    let checked = 0;
    for (const schema of Object.values(schemas)) {
      for (const property of Object.values((schema.properties ?? {}) as Record<string, JsonObject>)) {
        if (!Array.isArray(property.examples) || property.$ref) continue;
        const validate = ajv.compile(property);
        for (const value of property.examples) {
          expect(validate(value), JSON.stringify(value)).toBe(true);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('the typeless system-disk body (what the official client sends) is a valid request', () => {
    const [typeless] = schemas.SystemDiskImageRequest!.examples as JsonObject[];
    expect(typeless).not.toHaveProperty('type');
    expect(isValid('QuickImportImageRequest', typeless)).toBe(true);
  });
});
