import { describe, expect, it } from 'vitest';
import { JsonPathSyntaxError, parseJsonPath, queryJsonPath, toJsonPath, toPointer } from './jsonpath.js';

const doc = {
  paths: { '/v1/cloudimages/job/{job_id}': { get: { summary: 'Query' } }, "/a'b": { get: { summary: 'quote' } } },
  tags: [{ name: 'Jobs' }, { name: 'Images', 'x-n': 2 }],
  servers: [{ url: 'a' }, { url: 'b' }],
};

describe('queryJsonPath', () => {
  it('selects members by dot and bracket names, keys with slashes and braces included', () => {
    expect(queryJsonPath(doc, "$.paths['/v1/cloudimages/job/{job_id}'].get.summary")).toEqual([
      { path: ['paths', '/v1/cloudimages/job/{job_id}', 'get', 'summary'], value: 'Query' },
    ]);
    expect(queryJsonPath(doc, `$.paths["/a'b"].get`)[0]?.value).toEqual({ summary: 'quote' });
    expect(queryJsonPath(doc, "$['paths']['/a\\'b']")[0]?.path).toEqual(['paths', "/a'b"]);
  });

  it('selects array elements by index, negative from the end', () => {
    expect(queryJsonPath(doc, '$.servers[1].url')[0]?.value).toBe('b');
    expect(queryJsonPath(doc, '$.servers[-1]')[0]?.path).toEqual(['servers', 1]);
    expect(queryJsonPath(doc, '$.servers[2]')).toEqual([]);
  });

  it('filters with the RFC 9535 form and the older ?( ) form', () => {
    expect(queryJsonPath(doc, "$.tags[?@.name == 'Images']")).toEqual([{ path: ['tags', 1], value: { name: 'Images', 'x-n': 2 } }]);
    expect(queryJsonPath(doc, '$.tags[?(@.name=="Jobs")]')[0]?.path).toEqual(['tags', 0]);
    expect(queryJsonPath(doc, "$.tags[?@['x-n'] == 2]")[0]?.path).toEqual(['tags', 1]);
    expect(queryJsonPath(doc, "$.tags[?@.name == 'None']")).toEqual([]);
  });

  it('wildcards select every member or element', () => {
    expect(queryJsonPath(doc, '$.servers[*].url').map((m) => m.value)).toEqual(['a', 'b']);
    expect(queryJsonPath(doc, '$.paths.*.get').length).toBe(2);
  });

  it('selects nothing on a missing member or a member of a scalar', () => {
    expect(queryJsonPath(doc, '$.nope.deeper')).toEqual([]);
    expect(queryJsonPath(doc, '$.servers[0].url.length')).toEqual([]);
  });

  it('rejects what it does not understand, naming the column', () => {
    for (const bad of ['paths', '$..summary', "$.tags[?@.name != 'x']", '$.tags[0,1]', "$['unterminated]", '$.', '$.tags[?@.name == ]', "$.a[?(@.b == 'c']"]) {
      expect(() => parseJsonPath(bad), bad).toThrow(JsonPathSyntaxError);
    }
    expect(() => parseJsonPath('$.a b')).toThrow(/column 4/);
  });
});

describe('pointers and paths', () => {
  it('round-trips a path through the JSONPath the tools write', () => {
    const path = ['paths', "/v1/{project_id}/it's~x", 'get', 'responses', '200', 'x', 0];
    const expr = toJsonPath(path);
    expect(expr).toBe("$.paths['/v1/{project_id}/it\\'s~x'].get.responses['200'].x[0]");
    const target = { paths: { "/v1/{project_id}/it's~x": { get: { responses: { '200': { x: ['ok'] } } } } } };
    expect(queryJsonPath(target, expr)).toEqual([{ path, value: 'ok' }]);
    expect(toPointer(path)).toBe("/paths/~1v1~1{project_id}~1it's~0x/get/responses/200/x/0");
  });
});
