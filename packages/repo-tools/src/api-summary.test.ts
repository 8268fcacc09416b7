import { describe, expect, it } from 'vitest';
import type { ApiChange } from './api-diff.js';
import { countBySeverity, summarizeApiChanges } from './api-summary.js';

const change = (severity: ApiChange['severity'], message: string, extra: Partial<ApiChange> = {}): ApiChange => ({
  severity, message, direction: 'request', action: 'add', pointer: '/x', operation: 'POST /a', where: 'request body', ...extra,
});

describe('summarizeApiChanges', () => {
  it('says so when nothing changed', () => {
    expect(summarizeApiChanges([])).toBe('API: no changes.');
  });

  it('counts every severity, lists the serious ones first and only counts description edits', () => {
    const text = summarizeApiChanges([
      change('annotation', 'description changed'),
      change('non-breaking', 'property `b` added'),
      change('breaking', 'property `c` removed', { direction: 'response', where: 'response 200', override: { library: 'non-breaking', reason: 'clients read it' } }),
    ]);
    expect(text).toBe([
      'API: 1 breaking, 1 non-breaking, 1 annotation.',
      '  breaking:',
      '    - POST /a response 200: property `c` removed [api-smart-diff said non-breaking: clients read it]',
      '  non-breaking:',
      '    - POST /a request body: property `b` added',
    ].join('\n'));
  });

  it('collapses changes inside x- extensions to one line per extension', () => {
    const ext = (op: string) => change('unclassified', '`x-error-catalog.IMG.0001.zhHint` added', { operation: op, extension: 'x-error-catalog' });
    const text = summarizeApiChanges([ext('POST /a'), ext('POST /a'), ext('GET /b'), change('unclassified', '`dependentSchemas.a.if.type` added')]);
    expect(text).toBe([
      'API: 4 unclassified.',
      '  unclassified:',
      '    - extension `x-error-catalog`: 3 changes in 2 operations',
      '    - POST /a request body: `dependentSchemas.a.if.type` added',
    ].join('\n'));
  });

  it('deduplicates and caps long groups', () => {
    const many = Array.from({ length: 20 }, (_, i) => change('non-breaking', `property \`p${i % 18}\` added`));
    const text = summarizeApiChanges(many, 5);
    expect(text.split('\n').filter((l) => l.startsWith('    - '))).toHaveLength(5);
    expect(text).toContain('… and 13 more');
    expect(countBySeverity(many)['non-breaking']).toBe(20);
  });
});
