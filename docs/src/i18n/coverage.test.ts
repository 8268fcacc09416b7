import { describe, expect, it } from 'vitest';
import type { OpenApiDocument } from '../openapi-types.js';
import { loadBundle } from '../spec-source.js';
import { overlayCoverage } from './coverage.js';
import type { OverlayDocument } from './overlay.js';
import { loadOverlay, localeDir, overlayPath } from './report.js';
import { sourceHash } from './source-texts.js';

const bundle = loadBundle();
const overlay = loadOverlay(overlayPath(localeDir()));
const quickImport = '/v2/cloudimages/quickimport/action';

describe('the zh-CN overlay', () => {
  it('translates every text of the current bundle, and every entry is current', () => {
    const coverage = overlayCoverage(bundle, overlay);
    expect(coverage.problems).toEqual([]);
    expect(coverage.missing.map((m) => m.pointer)).toEqual([]);
    expect(coverage.stale.map((s) => s.pointer)).toEqual([]);
    expect(coverage.current).toBe(coverage.total);
    expect(coverage.total).toBeGreaterThan(150);
  });

  it('goes stale when an English text changes, naming the text and showing the new English', () => {
    const changed = structuredClone(bundle) as OpenApiDocument;
    const post = changed.paths[quickImport]?.post as { summary: string };
    post.summary = 'Import an image file quickly';
    const coverage = overlayCoverage(changed, overlay);
    expect(coverage.stale).toEqual([
      expect.objectContaining({ pointer: `/paths/~1v2~1cloudimages~1quickimport~1action/post/summary`, key: 'summary', english: 'Import an image file quickly', translation: '镜像文件快速导入' }),
    ]);
    expect(coverage.current).toBe(coverage.total - 1);
  });

  it('reports a new description with no Chinese entry as missing', () => {
    const changed = structuredClone(bundle) as OpenApiDocument;
    (changed.components!.schemas as Record<string, unknown>).NewThing = { type: 'string', description: 'A new schema.' };
    const coverage = overlayCoverage(changed, overlay);
    expect(coverage.missing).toEqual([expect.objectContaining({ pointer: '/components/schemas/NewThing/description', target: '$.components.schemas.NewThing', english: 'A new schema.' })]);
  });

  it('reports entries whose English text is gone, and tag names through x-displayName', () => {
    const changed = structuredClone(bundle) as OpenApiDocument;
    changed.tags = changed.tags?.map((t) => (t.name === 'Jobs' ? { ...t, name: 'Job polling' } : t));
    const coverage = overlayCoverage(changed, overlay);
    expect(coverage.problems.some((p) => p.includes("$.tags[?@.name == 'Jobs']") && p.includes('selects 0'))).toBe(true);
    expect(coverage.missing.map((m) => `${m.target} ${m.key}`)).toContain("$.tags[?@.name == 'Job polling'] x-displayName");
  });
});

describe('overlayCoverage on a small document', () => {
  const doc = { info: { title: 'T', description: 'D' }, paths: {} };
  const ov = (actions: OverlayDocument['actions']): OverlayDocument => ({ overlay: '1.0.0', info: { title: 'zh', version: '1' }, actions });

  it('needs a hash per translated field, and flags a field that translates nothing', () => {
    const coverage = overlayCoverage(doc, ov([
      { target: '$.info', update: { title: '标题', description: '说明', summary: '摘要' }, 'x-source-hash': { title: sourceHash('T'), summary: 'x' } },
    ]));
    expect(coverage.problems).toEqual([
      'actions[0] ($.info): description has no x-source-hash entry',
      'actions[0] ($.info): summary translates no English text (removed or renamed?)',
    ]);
    expect(coverage.current).toBe(1);
    expect(coverage.missing.map((m) => m.key)).toEqual(['description']);
  });

  it('flags a translation given twice and a target the English document lacks', () => {
    const entry = { target: '$.info', update: { title: '标题' }, 'x-source-hash': { title: sourceHash('T') } };
    const coverage = overlayCoverage(doc, ov([entry, entry, { target: '$.nope', update: { title: 'x' }, 'x-source-hash': { title: 'x' } }]));
    expect(coverage.problems).toEqual(['actions[1] ($.info): title is translated twice', 'actions[2] ($.nope): the target must select exactly one object in the English document, it selects 0']);
  });
});
