import { expect, test } from 'vitest';
import { ValidationError } from './validation-error.js';

test('carries the issues and joins their messages', () => {
  const issues = [
    { path: '/name', code: 'IMG.0013', rule: 'required', message: 'one' },
    { path: '/min_disk', code: 'IMG.0055', rule: 'minimum', message: 'two' },
  ];
  const error = new ValidationError(issues);
  expect(error).toBeInstanceOf(Error);
  expect(error.name).toBe('ValidationError');
  expect(error.issues).toBe(issues);
  expect(error.message).toBe('one\ntwo');
});
