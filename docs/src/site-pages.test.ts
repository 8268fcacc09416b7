import { describe, expect, it } from 'vitest';
import { deepLink, tagSlug } from './site-pages.js';

describe('Redoc fragments', () => {
  it('slug tags as Redoc does: spaces to dashes, lower case, parentheses kept', () => {
    expect(tagSlug('Images')).toBe('images');
    expect(tagSlug('OS versions')).toBe('os-versions');
    expect(tagSlug('IAM (used by the client)')).toBe('iam-(used-by-the-client)');
  });

  it('link an operation by its first tag and lower-case operationId', () => {
    const entry = { path: '/v3/projects', method: 'get' as const, operationId: 'KeystoneListProjects', operation: { tags: ['IAM (used by the client)'] } };
    expect(deepLink(entry)).toBe('#/iam-(used-by-the-client)/keystonelistprojects');
  });
});
