// zh-CN messages carry the catalog's Chinese fix (`zhHint`) where English ones carry `hint`, for every
// code the validator can emit, and name the field they are about.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { EMITTED_CODES, IMG_ERROR_CATALOG, validateQuickImportRequest, type ValidationIssue } from '../dist/index.js';
import { BRANCHES } from '../src/generated/spec-data.js';
import { renderMessage } from '../src/messages.js';
import type { CodeNode } from '../src/code-lookup.js';
import { validBody } from './support/arbitraries.js';
import { bundle } from './support/bundle.js';
import { MUTATIONS } from './support/mutations.js';

type Entry = { message: string; zh: string; hint: string; zhHint: string };
const catalog = IMG_ERROR_CATALOG as unknown as Record<string, Entry>;
const CHINESE = /[\u4e00-\u9fff]/;

/** The field a path is about, as a user wrote it: its last name segment ("key" in /image_tags/1/key). */
const fieldName = (path: string) => path.split('/').filter((s) => s !== '' && !/^\d+$/.test(s)).pop()?.replace(/~1/g, '/').replace(/~0/g, '~');

function expectZh(issue: Pick<ValidationIssue, 'path' | 'code' | 'message'>) {
  const entry = catalog[issue.code]!;
  expect(entry.zhHint, issue.code).toMatch(CHINESE);
  expect(issue.message, issue.code).toContain(entry.zhHint);
  expect(issue.message).not.toContain(entry.hint); // the English hint stays in English messages
  expect(issue.message).toMatch(CHINESE);
  const name = fieldName(issue.path);
  expect(issue.message).toContain(name === undefined ? '请求体' : `"`);
  if (name !== undefined) expect(issue.message).toContain(name);
}

describe('zh-CN messages use zhHint', () => {
  test('the spec catalog has a Chinese zhHint for every emitted IMG code (read from the bundle)', () => {
    const fromBundle = bundle.components.schemas.ImgErrorCode['x-error-catalog'] as Record<string, Entry>;
    for (const code of EMITTED_CODES) {
      expect(fromBundle[code]?.zhHint, code).toMatch(CHINESE);
      expect(catalog[code]?.zhHint).toBe(fromBundle[code]!.zhHint);
    }
  });

  test('every (field, rule, code) the spec assigns renders a zh-CN message with zhHint and the field name', () => {
    const seen = new Set<string>();
    const walk = (node: CodeNode, path: string) => {
      for (const [rule, code] of Object.entries(node.c ?? {})) {
        seen.add(code);
        const issue = { path, code, rule, params: { limit: 3, allowedValues: ['a'], type: 'string', about: ['tags'], key: 'k', os: 'Linux' } };
        expectZh({ ...issue, message: renderMessage(issue, 'zh-CN') });
        expect(renderMessage(issue, 'en')).toContain(catalog[code]!.hint);
      }
      for (const [name, child] of Object.entries(node.p ?? {})) walk(child, `${path}/${name}`);
      if (node.i) walk(node.i, `${path}/0`);
    };
    for (const branch of Object.values(BRANCHES)) walk(branch.tree as CodeNode, '');
    for (const [code, rule] of [['IMG.0001', 'type'], ['IMG.0007', 'required']] as const) {
      seen.add(code);
      expectZh({ path: '', code, message: renderMessage({ path: '', code, rule, params: { type: 'object' } }, 'zh-CN') });
    }
    expect([...seen].sort()).toEqual([...EMITTED_CODES]);
  });

  test('the validator\'s own zh-CN issues, for mutated bodies, carry zhHint and the field name; all codes occur', () => {
    const seen = new Set<string>();
    const empty = validateQuickImportRequest(undefined, { locale: 'zh-CN' });
    for (const issue of empty.ok ? [] : empty.issues) (seen.add(issue.code), expectZh(issue));
    fc.assert(
      fc.property(validBody, fc.nat(), (body, pick) => {
        const usable = MUTATIONS.filter((m) => m.applies(body));
        const result = validateQuickImportRequest(usable[pick % usable.length]!.mutate(body), { locale: 'zh-CN' });
        // A mutation breaks a rule or a warning rule; either way its issue speaks Chinese.
        const issues = [...(result.ok ? [] : result.issues), ...result.warnings];
        expect(issues.length).toBeGreaterThan(0);
        for (const issue of issues) (seen.add(issue.code), expectZh(issue));
      }),
      { numRuns: 1_000 },
    );
    expect([...seen].sort()).toEqual([...EMITTED_CODES]);
  });
});
