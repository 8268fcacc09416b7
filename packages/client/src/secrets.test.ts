import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { describe as describeObject, redact, redactValue } from './secrets.js';

describe('redact', () => {
  it('masks every occurrence, ignores secrets too short to be safe to mask', () => {
    expect(redact('a s3cret b s3cret', ['s3cret'])).toBe('a *** b ***');
    expect(redact('abc', ['ab'])).toBe('abc');
  });
  it('masks inside parsed JSON, keeping the value when nothing matches', () => {
    const clean = { a: 1 };
    expect(redactValue(clean, ['s3cret'])).toBe(clean);
    expect(redactValue({ msg: 'x s3cret', nested: ['s3cret'] }, ['s3cret'])).toEqual({ msg: 'x ***', nested: ['***'] });
    expect(redactValue({ msg: 'quote"d' }, ['quote"d'])).toEqual({ msg: '***' });
  });
});

describe('describe', () => {
  it('gives an object a printable face without its closure', () => {
    const secret = 'hidden-value';
    const o = describeObject({ use: () => secret }, 'Thing', { kind: 'x' });
    for (const text of [JSON.stringify(o), String(o), inspect(o)]) {
      expect(text).toContain('"kind":"x"');
      expect(text).not.toContain(secret);
    }
    expect(Object.keys(o)).toEqual(['use']);
  });
});
