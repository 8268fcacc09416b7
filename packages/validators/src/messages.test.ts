import { describe, expect, test } from 'vitest';
import { BRANCHES, EMITTED_CODES, IMG_ERROR_CATALOG, REQUEST_KEYWORDS } from './generated/spec-data.js';
import { RULE_SENTENCES, renderMessage } from './messages.js';

const CUSTOM_RULES = new Set<string>(['uniqueKeys', 'osMinimum', 'json']);
for (const b of Object.values(BRANCHES)) for (const r of b.rules) CUSTOM_RULES.add(r.rule);

describe('messages', () => {
  test('every JSON Schema keyword of the request schemas and every custom rule has an en and a zh-CN sentence', () => {
    for (const rule of [...REQUEST_KEYWORDS, ...CUSTOM_RULES]) {
      for (const locale of ['en', 'zh-CN'] as const) {
        const sentence = RULE_SENTENCES[locale][rule];
        expect(sentence, `${locale} ${rule}`).toBeTypeOf('function');
        expect(sentence!({ limit: 3, allowedValues: ['a', null], type: 'string', about: ['tags'], key: 'k', os: 'Linux', pattern: '^a$' }).length).toBeGreaterThan(5);
      }
    }
  });

  test('every IMG code the validator can emit has an English and a Chinese catalog text', () => {
    expect(EMITTED_CODES.length).toBeGreaterThan(10);
    const catalog = IMG_ERROR_CATALOG as Record<string, { message?: string; zh?: string }>;
    for (const code of EMITTED_CODES) {
      expect(catalog[code]?.message, code).toBeTruthy();
      expect(catalog[code]?.zh, code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  test('a message names the field, the rule, the code and the fix in both locales', () => {
    const issue = { path: '/image_url', code: 'IMG.0017', rule: 'pattern', params: { pattern: '^x$' } };
    const en = renderMessage(issue, 'en');
    expect(en).toContain('"image_url"');
    expect(en).toContain('rule pattern');
    expect(en).toContain('IMG.0017');
    expect(en).toContain('.zvhd2 or .raw'); // the catalog hint: how to fix it
    const zh = renderMessage(issue, 'zh-CN');
    expect(zh).toContain('"image_url"');
    expect(zh).toContain('规则 pattern');
    expect(zh).toContain('URL格式不正确');
  });

  test('the body itself, escaped names and unknown rules render sensibly', () => {
    expect(renderMessage({ path: '', code: 'IMG.0001', rule: 'type', params: { type: 'object' } }, 'en')).toMatch(/^The request body must be of type object/);
    expect(renderMessage({ path: '/a~1b', code: 'IMG.0001', rule: 'additionalProperties', params: {} }, 'en')).toContain('"a/b"');
    expect(renderMessage({ path: '/x', code: 'IMG.9999', rule: 'mystery', params: {} }, 'zh-CN')).toContain('mystery');
    expect(renderMessage({ path: `/${'k'.repeat(5000)}`, code: 'IMG.0001', rule: 'additionalProperties', params: {} }, 'en').length).toBeLessThan(600);
  });
});
