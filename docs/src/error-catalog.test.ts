import { describe, expect, it } from 'vitest';
import { cell, readCatalog, renderErrorCatalog } from './error-catalog.js';
import type { OpenApiDocument } from './openapi-types.js';
import { getPointer, loadBundle } from './spec-source.js';

const bundle = loadBundle();

describe('error catalog', () => {
  const markdown = renderErrorCatalog(bundle);
  const rows = markdown.split('\n').filter((line) => /^\| `/.test(line));

  it('has one table row per code of both x-error-catalog extensions, and no other', () => {
    const codes = ['ImgErrorCode', 'ApigwErrorCode'].flatMap((s) =>
      Object.keys(getPointer(bundle, `#/components/schemas/${s}/x-error-catalog`) as object),
    );
    expect(rows.map((r) => /^\| `([^`]+)`/.exec(r)?.[1]).sort()).toEqual([...codes].sort());
  });

  it('shows status, field, both messages and the hint of each code', () => {
    for (const entry of readCatalog(bundle, 'ImgErrorCode')) {
      const row = rows.find((r) => r.startsWith(`| \`${entry.code}\``));
      expect(row).toContain(`HTTP ${entry.status.join(' / ')}`);
      expect(row).toContain(cell(entry.message));
      if (entry.zh) expect(row).toContain(entry.zh);
      if (entry.hint) expect(row).toContain(cell(entry.hint));
      if (entry.zhHint) expect(row).toContain(`<br>${cell(entry.zhHint)}`);
      if (entry.field) expect(row).toContain(`<br>\`${entry.field}\``);
    }
  });

  it('keeps every row a well-formed table row even with pipes and line breaks in the text', () => {
    expect(cell('a|b\nc')).toBe('a\\|b c');
    for (const row of rows) expect(row.replace(/\\\|/g, '').split('|').length).toBe(5);
  });

  it('lists several statuses of one code', () => {
    const doc = structuredClone(bundle) as OpenApiDocument;
    const catalog = getPointer(doc, '#/components/schemas/ApigwErrorCode/x-error-catalog') as Record<string, { status: unknown }>;
    const first = Object.values(catalog)[0];
    if (first) first.status = [400, 413];
    expect(renderErrorCatalog(doc)).toContain('HTTP 400 / 413');
  });

  it('refuses an entry without a message', () => {
    const doc = structuredClone(bundle) as OpenApiDocument;
    const catalog = getPointer(doc, '#/components/schemas/ImgErrorCode/x-error-catalog') as Record<string, Record<string, unknown>>;
    const [code, first] = Object.entries(catalog)[0] ?? [];
    if (first) delete first.message;
    expect(() => readCatalog(doc, 'ImgErrorCode')).toThrow(new RegExp(`${code?.replace('.', '\\.')}: message is missing`));
  });

  it('leads with the Chinese message and hint in the Chinese edition, the English message beside it', () => {
    const rows = renderErrorCatalog(bundle, 'zh-CN').split('\n').filter((line) => /^\| `/.test(line));
    expect(renderErrorCatalog(bundle, 'zh-CN')).toContain('## IMG 错误码（镜像服务，共');
    for (const entry of readCatalog(bundle, 'ImgErrorCode')) {
      const row = rows.find((r) => r.startsWith(`| \`${entry.code}\``)) ?? '';
      if (entry.zh) expect(row).toContain(`| ${cell(entry.zh)} (${cell(entry.message)}) |`);
      if (entry.zhHint) expect(row).toMatch(new RegExp(`\\| ${cell(entry.zhHint).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\|$`));
    }
  });

  it('falls back to English in the Chinese edition where the spec has no Chinese text', () => {
    const doc = structuredClone(bundle) as OpenApiDocument;
    const catalog = getPointer(doc, '#/components/schemas/ImgErrorCode/x-error-catalog') as Record<string, Record<string, unknown>>;
    const [code, first] = Object.entries(catalog)[0] ?? [];
    if (first) {
      delete first.zh;
      delete first.zhHint;
    }
    const row = renderErrorCatalog(doc, 'zh-CN').split('\n').find((r) => r.startsWith(`| \`${code}\``)) ?? '';
    expect(row).toContain(`| ${cell(String(first?.message))} |`);
  });
});
