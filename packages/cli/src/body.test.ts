import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { mergeFlags, parseBodyText, parseTag, readSource } from './body.js';
import { UsageError } from './errors.js';
import { messages } from './i18n/index.js';

const m = messages('en');

describe('parseTag', () => {
  it('splits at the first "=" (a value may hold "=")', () => {
    expect(parseTag('env=prod', m)).toEqual({ key: 'env', value: 'prod' });
    expect(parseTag('a=b=c', m)).toEqual({ key: 'a', value: 'b=c' });
    expect(parseTag('empty=', m)).toEqual({ key: 'empty', value: '' });
  });
  it('refuses text without "=" with a usage error in the user\'s language', () => {
    expect(() => parseTag('novalue', m)).toThrow(UsageError);
    expect(() => parseTag('novalue', messages('zh-CN'))).toThrow('--tag：“novalue”不是 key=value 格式');
  });
});

describe('mergeFlags', () => {
  it('lays flags over the file body, field by field, and leaves the file object untouched', () => {
    const file = { name: 'file', min_disk: 40, description: 'kept' };
    const merged = mergeFlags(file, { name: 'flag', firmware: 'uefi', tag: ['k=v'], enterpriseProjectId: '0' }, m);
    expect(merged).toEqual({ name: 'flag', min_disk: 40, description: 'kept', hw_firmware_type: 'uefi', image_tags: [{ key: 'k', value: 'v' }], enterprise_project_id: '0' });
    expect(file).toEqual({ name: 'file', min_disk: 40, description: 'kept' });
  });
  it('turns --min-disk into a number only when it reads as one, so the validators judge the rest', () => {
    expect(mergeFlags(undefined, { minDisk: '40' }, m)).toEqual({ min_disk: 40 });
    expect(mergeFlags(undefined, { minDisk: '2.5' }, m)).toEqual({ min_disk: 2.5 });
    expect(mergeFlags(undefined, { minDisk: 'forty' }, m)).toEqual({ min_disk: 'forty' });
    expect(mergeFlags(undefined, { minDisk: '' }, m)).toEqual({ min_disk: '' });
  });
  it('keeps a file body that is not an object as it is (the validators report it)', () => {
    expect(mergeFlags([1, 2], { name: 'x' }, m)).toEqual([1, 2]);
    expect(mergeFlags('text', { name: 'x' }, m)).toBe('text');
  });
  it('keeps "__proto__" in a file body as a plain key', () => {
    const file = JSON.parse('{"__proto__": {"polluted": true}, "name": "x"}');
    const merged = mergeFlags(file, {}, m) as Record<string, unknown>;
    expect(Object.keys(merged)).toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseBodyText', () => {
  it('parses JSON', () => expect(parseBodyText('{"a":1}', 'en')).toEqual({ ok: true, body: { a: 1 } }));
  it('empty → IMG.0007, not JSON → IMG.0001 with where it broke', () => {
    expect(parseBodyText('  ', 'en')).toMatchObject({ ok: false, issues: [{ code: 'IMG.0007' }] });
    const broken = parseBodyText('{"a":', 'zh-CN');
    expect(broken).toMatchObject({ ok: false, issues: [{ code: 'IMG.0001', rule: 'json' }], reason: expect.stringMatching(/JSON/) });
  });
});

describe('readSource', () => {
  it('reads standard input for "-"', async () => {
    expect(await readSource('-', Readable.from([Buffer.from('{"a":'), Buffer.from('1}')]), m)).toBe('{"a":1}');
  });
  it('a file that cannot be read is a usage error naming it and the reason', async () => {
    await expect(readSource('/nonexistent/body.json', Readable.from([]), m)).rejects.toThrow('cannot read /nonexistent/body.json (ENOENT)');
  });
});
