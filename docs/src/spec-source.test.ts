import { describe, expect, it } from 'vitest';
import type { OpenApiDocument } from './openapi-types.js';
import { defaultServerUrl, deref, findOperation, getPointer, listOperations, loadBundle } from './spec-source.js';

const bundle = loadBundle();

describe('getPointer', () => {
  it('resolves escaped segments (~1 is /, ~0 is ~)', () => {
    const doc = { paths: { '/a/b': { 'x~y': 1 } } };
    expect(getPointer(doc, '#/paths/~1a~1b/x~0y')).toBe(1);
  });
  it('names the missing segment', () => {
    expect(() => getPointer({ a: {} }, '/a/b')).toThrow(/no "b"/);
  });
  it('rejects a pointer without a leading slash', () => {
    expect(() => getPointer({}, 'a')).toThrow(/must start with/);
  });
});

describe('deref', () => {
  it('follows chains and stops on cycles', () => {
    const doc = { a: { $ref: '#/b' }, b: { $ref: '#/c' }, c: { v: 1 }, x: { $ref: '#/y' }, y: { $ref: '#/x' } };
    expect(deref(doc, { $ref: '#/a' })).toEqual({ v: 1 });
    expect(() => deref(doc, { $ref: '#/x' })).toThrow(/cycle/);
  });
  it('refuses remote refs', () => {
    expect(() => deref({}, { $ref: 'other.yaml#/a' })).toThrow(/local/);
  });
});

describe('the bundle', () => {
  it('lists every operation of the bundle with its id, in document order', () => {
    const ids = listOperations(bundle).map((e) => e.operationId);
    const expected = Object.values(bundle.paths).flatMap((item) =>
      Object.values(item as Record<string, { operationId?: string }>).map((op) => op.operationId),
    );
    expect(ids).toEqual(expected);
    expect(ids.length).toBeGreaterThan(0);
  });
  it('fills server variables with their defaults', () => {
    const doc = { ...bundle, servers: [{ url: 'https://x.{region}.example/{v}', variables: { region: { default: 'r1' }, v: { default: 'v2' } } }] } as OpenApiDocument;
    expect(defaultServerUrl(doc)).toBe('https://x.r1.example/v2');
    expect(() => defaultServerUrl({ ...doc, servers: [{ url: 'https://{nope}' }] })).toThrow(/\{nope\}/);
  });
  it('reports a missing bundle with the command that makes it', () => {
    expect(() => loadBundle('/nonexistent/openapi.json')).toThrow(/spec bundle/);
  });
});

describe('findOperation', () => {
  it('finds an operation by operationId and refuses one the document does not have', () => {
    const doc = loadBundle();
    expect(findOperation(doc, 'importImageQuick')).toMatchObject({ method: 'post', path: '/v2/cloudimages/quickimport/action' });
    expect(() => findOperation(doc, 'noSuchOperation')).toThrow(/noSuchOperation is not in the document/);
  });
});
