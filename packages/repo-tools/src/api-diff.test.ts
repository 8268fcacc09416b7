import { beforeAll, describe, expect, it } from 'vitest';
import {
  JOB_PROGRESS, OS_VERSIONS, QUICK_IMPORT, enumProperty, loadBundle, mutated, operation, optionalProperty,
  propertySchema, requestVariants, responseSchema, type Mutation,
} from '../test/spec-pairs.js';
import { diffApis, type ApiChange } from './api-diff.js';

let base: Record<string, any>;
beforeAll(() => {
  base = loadBundle();
});

function changesFor(mutation: Mutation): ApiChange[] {
  const changes = diffApis(base, mutated(base, mutation));
  expect(changes.length, 'the mutation must change the API').toBeGreaterThan(0);
  return changes;
}
const breaking = (cs: ApiChange[]) => cs.filter((c) => c.severity === 'breaking');

describe('breaking changes', () => {
  it('adding a required request field', () => {
    const cs = changesFor((d) => {
      const v = requestVariants(d, QUICK_IMPORT)[0]!;
      v.properties.zone_id = { type: 'string', description: 'A new field.' };
      v.required.push('zone_id');
    });
    const b = breaking(cs);
    expect(b.some((c) => c.direction === 'request' && c.message.includes('zone_id') && c.message.includes('made required'))).toBe(true);
    expect(b.every((c) => c.operation?.startsWith('POST '))).toBe(true);
  });

  it('removing a response field', () => {
    let removed = '';
    const cs = changesFor((d) => {
      const s = responseSchema(d, JOB_PROGRESS);
      removed = optionalProperty(s);
      delete s.properties[removed];
    });
    const b = breaking(cs);
    expect(b.some((c) => c.direction === 'response' && c.message === `property \`${removed}\` removed`)).toBe(true);
    // The library calls this non-breaking; the override must say so.
    expect(b.find((c) => c.message.includes(removed))?.override?.library).toBe('non-breaking');
  });

  it('narrowing a request enum', () => {
    let field = '';
    const cs = changesFor((d) => {
      const { name, schema } = enumProperty(d, requestVariants(d, QUICK_IMPORT)[0]!);
      field = name;
      const lastNonNull = schema.enum.findLastIndex((v: unknown) => v !== null);
      schema.enum.splice(lastNonNull, 1);
    });
    expect(breaking(cs).some((c) => c.direction === 'request' && c.field === field && c.message.startsWith('enum value'))).toBe(true);
  });

  it('removing an operation', () => {
    const { route, method } = operation(base, OS_VERSIONS);
    const cs = changesFor((d) => {
      delete d.paths[route][method];
      if (Object.keys(d.paths[route]).length === 0) delete d.paths[route];
    });
    expect(breaking(cs).some((c) => c.operation?.endsWith(route) && c.message.endsWith('removed'))).toBe(true);
  });

  it('making an optional request field required', () => {
    let field = '';
    const cs = changesFor((d) => {
      const v = requestVariants(d, QUICK_IMPORT)[0]!;
      field = optionalProperty(v);
      v.required.push(field);
    });
    expect(breaking(cs).some((c) => c.message === `\`${field}\` made required`)).toBe(true);
  });

  it('a response field that stops being required', () => {
    const cs = changesFor((d) => {
      const s = responseSchema(d, JOB_PROGRESS);
      s.required = s.required.slice(1);
    });
    const b = breaking(cs);
    expect(b.some((c) => c.direction === 'response' && c.message.includes('no longer required'))).toBe(true);
  });

  it('changing the type of a response field', () => {
    const cs = changesFor((d) => {
      const s = responseSchema(d, QUICK_IMPORT);
      const [name] = s.required as string[];
      s.properties[name!] = { description: 'now a number', type: 'integer' };
    });
    expect(breaking(cs).some((c) => c.direction === 'response' && c.message.startsWith('`type`'))).toBe(true);
  });

  it('widening a response enum (a closed union in generated types)', () => {
    const cs = changesFor((d) => {
      const { schema } = enumProperty(d, responseSchema(d, JOB_PROGRESS));
      schema.enum.push('PAUSED');
    });
    expect(breaking(cs).some((c) => c.direction === 'response' && c.message.includes('"PAUSED"'))).toBe(true);
  });

  it('dropping a discriminator value callers send', () => {
    const cs = changesFor((d) => {
      const body = Object.values(d.components.schemas as Record<string, any>).find((s) => s.discriminator?.mapping);
      const key = Object.keys(body.discriminator.mapping).at(-1)!;
      delete body.discriminator.mapping[key];
    });
    const b = breaking(cs);
    expect(b.some((c) => c.direction === 'request' && c.override?.library === 'unclassified')).toBe(true);
  });
});

describe('additionalProperties', () => {
  function pair(setBefore: Mutation, setAfter: Mutation) {
    return diffApis(mutated(base, setBefore), mutated(base, setAfter));
  }
  const requestVariant = (d: Record<string, any>) => requestVariants(d, QUICK_IMPORT)[0]!;
  const jobEntities = (d: Record<string, any>) => propertySchema(d, responseSchema(d, JOB_PROGRESS), 'entities');

  it('closing a request object is breaking, opening it is not', () => {
    const close = pair((d) => delete requestVariant(d).additionalProperties, (d) => (requestVariant(d).additionalProperties = false));
    expect(breaking(close).map((c) => c.override?.library)).toContain('non-breaking');
    const open = pair((d) => (requestVariant(d).additionalProperties = false), (d) => delete requestVariant(d).additionalProperties);
    expect(open.length).toBeGreaterThan(0);
    expect(breaking(open)).toEqual([]);
  });

  it('an explicit true on a response object, or closing it, is not breaking', () => {
    const explicit = pair((d) => delete jobEntities(d).additionalProperties, (d) => (jobEntities(d).additionalProperties = true));
    expect(explicit.length).toBeGreaterThan(0);
    expect(breaking(explicit)).toEqual([]);
    expect(explicit.some((c) => c.override?.library === 'breaking')).toBe(true);
    const closed = pair((d) => (jobEntities(d).additionalProperties = true), (d) => (jobEntities(d).additionalProperties = false));
    expect(breaking(closed)).toEqual([]);
  });
});

describe('items that accept every value', () => {
  const exclusive = (d: Record<string, any>) => d.components.schemas.TagsAndImageTags.properties;

  it('adding or removing `items: {}` (annotations only) is an annotation, in either direction', () => {
    for (const items of [{}, true, { description: 'any item' }]) {
      const without = mutated(base, (d) => {
        delete exclusive(d).tags.items;
        delete exclusive(d).image_tags.items;
      });
      const withItems = mutated(without, (d) => {
        exclusive(d).tags.items = items;
      });
      for (const cs of [diffApis(without, withItems), diffApis(withItems, without)]) {
        expect(cs.length).toBeGreaterThan(0);
        expect(cs.map((c) => c.severity)).toEqual(cs.map(() => 'annotation'));
        expect(cs.every((c) => c.override?.library === 'breaking')).toBe(true);
      }
    }
  });

  it('an `items` schema that constrains is left to the library', () => {
    const without = mutated(base, (d) => delete exclusive(d).tags.items);
    const cs = diffApis(without, mutated(without, (d) => (exclusive(d).tags.items = { type: 'string' })));
    expect(cs.length).toBeGreaterThan(0);
    expect(cs.every((c) => c.override === undefined)).toBe(true);
  });
});

describe('non-breaking changes', () => {
  function expectNoBreaking(cs: ApiChange[]) {
    expect(breaking(cs).map((c) => c.message)).toEqual([]);
  }

  it('adding an optional request field', () => {
    const cs = changesFor((d) => {
      requestVariants(d, QUICK_IMPORT)[0]!.properties.zone_id = { type: 'string', description: 'A new field.' };
    });
    expectNoBreaking(cs);
    expect(cs.some((c) => c.severity === 'non-breaking' && c.message === 'property `zone_id` added')).toBe(true);
  });

  it('adding an operation', () => {
    const cs = changesFor((d) => {
      d.paths['/v1/cloudimages/new_thing'] = {
        get: { operationId: 'newThing', description: 'x', responses: { '200': { description: 'ok' } } },
      };
    });
    expectNoBreaking(cs);
    expect(cs.some((c) => c.operation === 'GET /v1/cloudimages/new_thing' && c.message === 'operation added')).toBe(true);
  });

  it('adding a response field', () => {
    const cs = changesFor((d) => {
      responseSchema(d, JOB_PROGRESS).properties.region = { type: 'string', description: 'Where it runs.' };
    });
    expectNoBreaking(cs);
    expect(cs.some((c) => c.direction === 'response' && c.severity === 'non-breaking')).toBe(true);
  });

  it('changing descriptions', () => {
    const cs = changesFor((d) => {
      operation(d, QUICK_IMPORT).op.description = 'Reworded.';
      const v = requestVariants(d, QUICK_IMPORT)[0]!;
      v.description = 'Reworded too.';
      d.info.description = 'Shorter.';
    });
    expectNoBreaking(cs);
    expect(cs.every((c) => c.severity === 'annotation')).toBe(true);
  });

  it('narrowing a response enum', () => {
    const cs = changesFor((d) => {
      const { schema } = enumProperty(d, responseSchema(d, JOB_PROGRESS));
      schema.enum.pop();
    });
    expectNoBreaking(cs);
  });

  it('identical documents have no changes, and inputs are left untouched', () => {
    const copy = structuredClone(base);
    expect(diffApis(base, copy)).toEqual([]);
    expect(copy).toEqual(base);
  });
});
