import { describe, expect, test } from 'vitest';
import { customIssues } from './custom-rules.js';
import { BRANCHES } from './generated/spec-data.js';

const system = BRANCHES.SystemDiskImageRequest;
const data = BRANCHES.DataDiskImageRequest;


describe('custom rules', () => {
  test('duplicate keys: `key.value` strings split at the first dot, objects by key', () => {
    expect(customIssues({ tags: ['a.1', 'b.2', 'a.3.4'] }, system, 'default')).toEqual([
      { path: '/tags/2', code: 'IMG.0115', rule: 'uniqueKeys', params: { key: 'a' } },
    ]);
    expect(customIssues({ tags: ['a', 'a.x'] }, system, 'default')).toHaveLength(1);
    expect(customIssues({ tags: ['a.b', 'ab'] }, system, 'default')).toEqual([]);
    expect(customIssues({ image_tags: [{ key: 'k', value: '1' }, { key: 'k', value: '2' }] }, data, 'default')[0]?.path).toBe('/image_tags/1/key');
  });

  test('long lists (past the pairwise path) find the same duplicates', () => {
    const many = Array.from({ length: 30 }, (_, i) => `k${i}.v`);
    many.push('k7.other');
    expect(customIssues({ tags: many }, system, 'default').map((i) => i.path)).toEqual(['/tags/30']);
    const objects = many.map((t) => ({ key: t.split('.')[0], value: 'v' }));
    expect(customIssues({ image_tags: objects }, system, 'default').map((i) => i.path)).toEqual(['/image_tags/30/key']);
  });

  test('wrong shapes are left to the schema, not reported twice', () => {
    expect(customIssues({ tags: 'a.b', image_tags: [null, 1, { key: 2 }, ['k']] }, system, 'strict')).toEqual([]);
  });

  test('strict profile: 10 tags, narrow key/value characters, per-OS disk floors', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `k${i}.v`);
    expect(customIssues({ tags: eleven }, system, 'default')).toEqual([]);
    expect(customIssues({ tags: eleven }, system, 'strict')).toEqual([
      { path: '/tags', code: 'IMG.0116', rule: 'maxItems', params: { limit: 10, strict: true } },
    ]);
    expect(customIssues({ tags: ['环境.prod', 'ok.a b'] }, system, 'strict').map((i) => i.path)).toEqual(['/tags/0', '/tags/1']);
    expect(customIssues({ min_disk: 15, os_version: 'Windows Server 2019' }, system, 'strict')[0]).toMatchObject({ rule: 'osMinimum', params: { limit: 20, os: 'Windows' } });
    expect(customIssues({ min_disk: 15, os_version: 'CentOS 7.9' }, system, 'strict')).toEqual([]);
    expect(customIssues({ min_disk: 9, os_version: 'CentOS 7.9' }, system, 'strict')[0]?.params).toEqual({ limit: 10, os: 'Linux' });
    expect(customIssues({ min_disk: 15, os_type: null }, data, 'strict')).toEqual([]); // null → Linux
    expect(customIssues({ min_disk: 15, os_type: 'Windows' }, data, 'strict')[0]?.code).toBe('IMG.0055');
  });

  test('a value that already has an issue gets no strict issue', () => {
    const flagged = { path: '/min_disk', code: 'IMG.0055', rule: 'minimum', params: {} };
    expect(customIssues({ min_disk: 0 }, data, 'strict')).toHaveLength(1);
    expect(customIssues({ min_disk: 0 }, data, 'strict', [flagged])).toEqual([]);
    const tagIssue = { path: '/tags/0', code: 'IMG.0115', rule: 'pattern', params: {} };
    expect(customIssues({ tags: ['环境.x'] }, system, 'strict')).toHaveLength(1);
    expect(customIssues({ tags: ['环境.x'] }, system, 'strict', [tagIssue])).toEqual([]);
  });
});
