import { describe, expect, it } from 'vitest';
import { applyOverlay, assertOverlay, type OverlayDocument } from './overlay.js';

const spec = {
  info: { title: 'T', description: 'English' },
  tags: [{ name: 'Jobs' }, { name: 'Images' }],
  paths: { '/v1/cloudimages/job/{job_id}': { get: { summary: 'Query', tags: ['Jobs'] } } },
};
const overlay = (actions: OverlayDocument['actions']): OverlayDocument => ({ overlay: '1.0.0', info: { title: 'zh', version: '1' }, actions });

describe('applyOverlay', () => {
  it('merges updates into the selected objects and leaves the input untouched', () => {
    const { document, applied } = applyOverlay(spec, overlay([
      { target: '$.info', update: { description: '中文' } },
      { target: "$.paths['/v1/cloudimages/job/{job_id}'].get", update: { summary: '查询任务', 'x-extra': { a: 1 } } },
      { target: "$.tags[?@.name == 'Jobs']", update: { 'x-displayName': '任务' } },
    ]));
    expect(document.info).toEqual({ title: 'T', description: '中文' });
    expect(document.paths['/v1/cloudimages/job/{job_id}'].get).toEqual({ summary: '查询任务', tags: ['Jobs'], 'x-extra': { a: 1 } });
    expect(document.tags).toEqual([{ name: 'Jobs', 'x-displayName': '任务' }, { name: 'Images' }]);
    expect(spec.info.description).toBe('English');
    expect(applied.map((a) => a.pointers)).toEqual([['/info'], ['/paths/~1v1~1cloudimages~1job~1{job_id}/get'], ['/tags/0']]);
  });

  it('merges nested objects, appends arrays, replaces scalars', () => {
    const { document } = applyOverlay({ a: { b: { c: 1, d: 2 }, list: [1] } }, overlay([{ target: '$.a', update: { b: { c: 3 }, list: [2] } }]));
    expect(document).toEqual({ a: { b: { c: 3, d: 2 }, list: [1, 2] } });
  });

  it('appends to an array target and removes nodes', () => {
    const { document } = applyOverlay(spec, overlay([
      { target: '$.tags', update: { name: 'OS versions' } },
      { target: "$.tags[?@.name == 'Images']", remove: true },
    ]));
    expect(document.tags.map((t) => t.name)).toEqual(['Jobs', 'OS versions']);
  });

  it('fails on a target that selects nothing (a translation would silently vanish)', () => {
    expect(() => applyOverlay(spec, overlay([{ target: "$.paths['/v2/gone'].get", update: { summary: 'x' } }]))).toThrow(/actions\[0\].*selects nothing/);
  });

  it('fails on an update of a scalar', () => {
    expect(() => applyOverlay(spec, overlay([{ target: '$.info.title', update: '标题' }]))).toThrow(/is a string; an update needs an object/);
  });
});

describe('assertOverlay', () => {
  it('accepts a valid overlay and rejects malformed ones', () => {
    expect(() => assertOverlay(overlay([{ target: '$.info', update: {} }]))).not.toThrow();
    expect(() => assertOverlay({ ...overlay([{ target: '$', update: {} }]), overlay: '2.0.0' })).toThrow(/1\.0\.x/);
    expect(() => assertOverlay(overlay([]))).toThrow(/non-empty/);
    expect(() => assertOverlay(overlay([{ target: '$.info' } as never]))).toThrow(/update or remove/);
    expect(() => assertOverlay(overlay([{ target: '$.info', update: {}, extra: 1 } as never]))).toThrow(/unknown field "extra"/);
    expect(() => assertOverlay(overlay([{ target: '$.info', update: {}, remove: true }]))).toThrow(/either updates or removes/);
  });
});
