import { describe, expect, it } from 'vitest';
import { loadBundle } from '../spec-source.js';
import { collectSourceTexts, sourceHash } from './source-texts.js';

describe('collectSourceTexts', () => {
  it('finds summaries, descriptions, titles and tag names, and skips data', () => {
    const doc = {
      info: { title: 'T', description: 'D' },
      tags: [{ name: 'Jobs', description: 'Poll jobs' }],
      components: {
        schemas: {
          A: { title: 'A title', description: 'A desc', enum: ['x'], default: 'x', examples: [{ description: 'data' }], properties: { description: { type: 'string', description: 'the field' } } },
        },
        examples: { E: { summary: 'Example', value: { description: 'an image description, data' } } },
      },
      'x-error-catalog': { 'IMG.0001': { message: 'not prose to translate here' } },
      'x-warnings': [{ description: 'not rendered by Redoc' }],
    };
    const found = collectSourceTexts(doc).map((t) => `${t.path.join('/')}:${t.key}->${t.updateKey}=${t.text}`);
    expect(found).toEqual([
      'info:title->title=T',
      'info:description->description=D',
      'tags/0:name->x-displayName=Jobs',
      'tags/0:description->description=Poll jobs',
      'components/schemas/A:title->title=A title',
      'components/schemas/A:description->description=A desc',
      'components/schemas/A/properties/description:description->description=the field',
      'components/examples/E:summary->summary=Example',
    ]);
  });

  it('covers every operation summary and description of the bundle', () => {
    const texts = collectSourceTexts(loadBundle());
    for (const [path, item] of Object.entries(loadBundle().paths)) {
      for (const [method, op] of Object.entries(item as Record<string, { summary?: string }>)) {
        if (op.summary) expect(texts.some((t) => t.path.join('/') === `paths/${path}/${method}` && t.key === 'summary'), `${method} ${path}`).toBe(true);
      }
    }
  });
});

describe('sourceHash', () => {
  it('is 16 hex digits that change with any change of the text', () => {
    expect(sourceHash('Image name')).toMatch(/^[0-9a-f]{16}$/);
    expect(sourceHash('Image name')).not.toBe(sourceHash('Image name.'));
  });
});
