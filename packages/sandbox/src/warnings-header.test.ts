import { describe, expect, it } from 'vitest';
import { WARNINGS_HEADER, WARNINGS_HEADER_MAX_BYTES, WARNING_COUNT_HEADER, warningHeaders } from './warnings-header.js';

const issue = (i: number, message = 'm') => ({ path: `/f${i}`, code: 'IMG.0001', rule: 'additionalProperties', message });

describe('warningHeaders', () => {
  it('is undefined without warnings', () => expect(warningHeaders([])).toBeUndefined());

  it('escapes non-ASCII so the value is a valid header and JSON.parse gives the text back', () => {
    const h = warningHeaders([issue(0, '字段 "color"：不是该请求的字段 \u007f é')])!;
    expect(h[WARNINGS_HEADER]).toMatch(/^[\x20-\x7e]+$/);
    expect(JSON.parse(h[WARNINGS_HEADER]!)).toEqual([issue(0, '字段 "color"：不是该请求的字段 \u007f é')]);
    expect(h[WARNING_COUNT_HEADER]).toBe('1');
  });

  it('keeps the value under its size cap, whole entries only, with the full count beside it', () => {
    const many = Array.from({ length: 100 }, (_, i) => issue(i, 'x'.repeat(300)));
    const h = warningHeaders(many)!;
    expect(h[WARNINGS_HEADER]!.length).toBeLessThanOrEqual(WARNINGS_HEADER_MAX_BYTES);
    const kept = JSON.parse(h[WARNINGS_HEADER]!) as unknown[];
    expect(kept.length).toBeGreaterThan(10);
    expect(kept.length).toBeLessThan(100);
    expect(kept[0]).toEqual(many[0]);
    expect(h[WARNING_COUNT_HEADER]).toBe('100');
  });
});
